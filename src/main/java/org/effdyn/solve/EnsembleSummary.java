package org.effdyn.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effdyn.core.Trajectory;

/**
 * Per-time statistics of an ensemble: mean, sample standard deviation (n - 1) and quantiles
 * (linear interpolation between order statistics, Hyndman-Fan type 7) of every column.
 * Only paths that reached the last grid time are counted.
 */
public final class EnsembleSummary {
  /** Quantile levels of the summary files. */
  public static final double[] LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};

  private final double[] times;
  private final List<String> columns;
  private final double[][][] samples; // [time][column][path], sorted

  private EnsembleSummary(double[] times, List<String> columns, double[][][] samples) {
    this.times = times;
    this.columns = columns;
    this.samples = samples;
  }

  /** Summary of trajectories sharing one grid; paths cut short (stopped or failed) are skipped. */
  public static EnsembleSummary of(List<Trajectory> paths) {
    if (paths.isEmpty()) throw new IllegalArgumentException("ensemble summary needs at least one path");
    int nt = 0;
    for (Trajectory p : paths) nt = Math.max(nt, p.size());
    List<Trajectory> full = new ArrayList<>();
    for (Trajectory p : paths) if (p.size() == nt) full.add(p);
    Trajectory first = full.get(0);
    List<String> cols = first.columnNames();
    double[][][] s = new double[nt][cols.size()][full.size()];
    for (int c = 0; c < cols.size(); c++) {
      for (int p = 0; p < full.size(); p++) {
        double[] col = full.get(p).column(cols.get(c));
        for (int i = 0; i < nt; i++) s[i][c][p] = col[i];
      }
    }
    for (double[][] a : s) for (double[] b : a) Arrays.sort(b);
    return new EnsembleSummary(first.times(), List.copyOf(cols), s);
  }

  public double[] times() {
    return times.clone();
  }

  public List<String> columns() {
    return columns;
  }

  /** Number of paths summarized. */
  public int paths() {
    return samples[0][0].length;
  }

  public double mean(int time, String column) {
    double[] x = samples[time][col(column)];
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  /** Sample standard deviation (divisor n - 1; 0 for one path). */
  public double std(int time, String column) {
    double[] x = samples[time][col(column)];
    if (x.length < 2) return 0;
    double m = mean(time, column);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return Math.sqrt(s / (x.length - 1));
  }

  /** Quantile at level p in [0, 1]. */
  public double quantile(int time, String column, double p) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("quantile level must be in [0,1], got " + p);
    double[] x = samples[time][col(column)];
    double h = (x.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, x.length - 1);
    return x[lo] + (h - lo) * (x[hi] - x[lo]);
  }

  private int col(String column) {
    int c = columns.indexOf(column);
    if (c < 0) throw new IllegalArgumentException("unknown column '" + column + "'; known: " + columns);
    return c;
  }
}
