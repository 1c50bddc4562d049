package org.effdyn.run;

import java.awt.Color;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effdyn.model.dmf.DmfSolution;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Output files of a DMF run (docs/dmf.md): the per-iteration table with columns
 * {@code l, loss_train, err_train, loss_test, err_test, beta[y]…, theta2, alpha[y]…, Vomega}, the
 * L × L kernels as plain CSV matrices (row μ, column l) with heat maps, and the DMF vs finite-d
 * overlay chart. Every file is written atomically.
 */
public final class DmfFiles {
  private DmfFiles() {}

  /** Column names of the per-iteration table for K classes (first column {@code l}). */
  public static List<String> columns(int k) {
    List<String> c = new ArrayList<>(List.of("l", "loss_train", "err_train", "loss_test", "err_test"));
    for (int y = 0; y < k; y++) c.add("beta[" + y + "]");
    c.add("theta2");
    for (int y = 0; y < k; y++) c.add("alpha[" + y + "]");
    c.add("Vomega");
    return c;
  }

  /** Row l of the table (without the key columns). */

  /** The per-iteration table of one solution ({@code dmf.csv}, or its standard errors). */
  public static void writeTable(Path file, DmfSolution s) {
    AtomicFiles.write(file, out -> {
      PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.println(quoted(columns(s.classes())));
      for (int l = 0; l < s.iterations(); l++) w.println(l + "," + join(s.row(l), 1));
      w.flush();
    });
  }

  /** Finite-d runs in long format: {@code d, seed, l, …} (seed = the seed index j). */
  public static void writeRuns(Path file, List<int[]> keys, List<DmfSolution> runs) {
    AtomicFiles.write(file, out -> {
      PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.println("d,seed," + quoted(columns(runs.get(0).classes())));
      for (int r = 0; r < runs.size(); r++) {
        for (int l = 0; l < runs.get(r).iterations(); l++) {
          w.println(keys.get(r)[0] + "," + keys.get(r)[1] + "," + l + "," + join(runs.get(r).row(l), 1));
        }
      }
      w.flush();
    });
  }

  /** An L × L matrix, one row per line, no header (entry [μ][l] in row μ, column l). */
  public static void writeMatrix(Path file, double[][] m) {
    AtomicFiles.write(file, out -> {
      PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      for (double[] row : m) w.println(join(row, 0));
      w.flush();
    });
  }

  /** Heat maps of the named kernels in a grid of at most two columns (PNG). */
  public static void writeHeatMaps(Path file, List<String> names, List<double[][]> kernels) {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    List<HeatMapChart> charts = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      double[][] m = kernels.get(c);
      int n = m.length;
      HeatMapChart h = new HeatMapChartBuilder().width(460).height(400).title(names.get(c))
          .xAxisTitle("l (column)").yAxisTitle("mu (row)").build();
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      List<Integer> axis = new ArrayList<>();
      for (int i = 0; i < n; i++) axis.add(i);
      List<Number[]> data = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          data.add(new Number[] {j, i, m[i][j]});
          min = Math.min(min, m[i][j]);
          max = Math.max(max, m[i][j]);
        }
      }
      double span = Math.max(Math.abs(min), Math.abs(max));
      if (span > 0 && Double.isFinite(span)) {   // 3 significant digits, so the legend reads cleanly
        span = new java.math.BigDecimal(span).round(new java.math.MathContext(3, java.math.RoundingMode.UP)).doubleValue();
      }
      h.getStyler().setRangeColors(new Color[] {new Color(0x2166ac), Color.WHITE, new Color(0xb2182b)});
      h.getStyler().setMin(-span);
      h.getStyler().setMax(span == 0 ? 1 : span);
      h.getStyler().setShowValue(false);
      h.getStyler().setHeatMapValueDecimalPattern("0.###");
      h.getStyler().setChartBackgroundColor(Color.WHITE);
      h.getStyler().setXAxisDecimalPattern("0");
      h.getStyler().setYAxisDecimalPattern("0");
      h.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 8));
      h.addSeries(names.get(c), axis, axis, data);
      charts.add(h);
    }
    int cols = Math.min(2, charts.size());
    int rows = (charts.size() + cols - 1) / cols;
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /**
   * DMF vs finite-d overlay: train/test loss and error per iteration, the DMF as a line (with its
   * ±2 s.e. band when Monte Carlo) and the seed mean of the runs at each d as markers.
   */
  public static void writeOverlay(Path file, String title, DmfSolution dmf, List<Integer> dims,
      List<List<DmfSolution>> runsByD) {
    String[] names = {"loss_train", "loss_test", "err_train", "err_test"};
    List<XYChart> panels = new ArrayList<>();
    int n = dmf.iterations();
    double[] l = new double[n];
    for (int i = 0; i < n; i++) l[i] = i;
    for (int p = 0; p < names.length; p++) {
      XYChart c = ChartFiles.chart(title + ": " + names[p], "iteration l", names[p], 560, 420);
      double[] v = pick(dmf, p);
      XYSeries s = c.addSeries("DMF", l, v);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(ChartFiles.PALETTE[0]);
      if (dmf.standardError() != null) {
        double[] se = pick(dmf.standardError(), p);
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
          lo[i] = v[i] - 2 * se[i];
          hi[i] = v[i] + 2 * se[i];
        }
        XYSeries band = c.addSeries("DMF +- 2 s.e.", l, hi, null);
        band.setMarker(SeriesMarkers.NONE);
        band.setLineColor(new Color(0x9ecae1));
        XYSeries band2 = c.addSeries(" ", l, lo, null);
        band2.setMarker(SeriesMarkers.NONE);
        band2.setLineColor(new Color(0x9ecae1));
        band2.setShowInLegend(false);
      }
      for (int di = 0; di < dims.size(); di++) {
        List<DmfSolution> runs = runsByD.get(di);
        double[] m = new double[n];
        for (DmfSolution r : runs) {
          double[] x = pick(r, p);
          for (int i = 0; i < n; i++) m[i] += x[i] / runs.size();
        }
        XYSeries sim = c.addSeries("d = " + dims.get(di) + " (mean of " + runs.size() + ")", l, m);
        sim.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        sim.setMarkerColor(ChartFiles.PALETTE[1 + di % (ChartFiles.PALETTE.length - 1)]);
      }
      panels.add(c);
    }
    ChartFiles.png(file, panels, 2);
  }

  private static double[] pick(DmfSolution s, int p) {
    return switch (p) {
      case 0 -> s.lossTrain();
      case 1 -> s.lossTest();
      case 2 -> s.errTrain();
      default -> s.errTest();
    };
  }

  private static String quoted(List<String> cols) {
    List<String> q = new ArrayList<>();
    for (String c : cols) q.add(Outputs.csvCell(c));
    return String.join(",", q);
  }

  private static String join(double[] v, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < v.length; i++) {
      if (i > from) sb.append(',');
      sb.append(v[i]);
    }
    return sb.toString();
  }
}
