package org.effdyn.model.dmf;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.analysis.Parallel;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;

/**
 * Monte Carlo means and n·Var of the per-iteration statistics of a finite-size process (Claim 1 of
 * Panahi 2026, §3.3; docs/dmf.md, "Finite size"), at every query point l = 0..L−1. The statistics,
 * in this order, are
 * {@code loss_train} = (1/n) Σ_i ℓ(act(p_i(l)), y_i), {@code theta2} = Σ_k θ_k(l)²,
 * {@code beta[y]} = μ_y·θ(l), {@code alpha[y]} = (1/n) Σ_{i∈y} ω_i(l) and
 * {@code Vomega} = (1/n) Σ_i ω_i(l)² (the column names of {@code dmf.csv}).
 *
 * <p>For a complex process (the alternative process at z = i) every statistic is the analytic
 * continuation: squares without conjugation, and n·Var = n(E X² − (E X)²) without conjugation.
 * Claim 1 says the real parts are the finite-size means and variances of training, and the
 * imaginary parts vanish within sampling error. Each estimate carries standard errors of its real
 * and imaginary parts from batch means over the blocks (independent streams
 * {@code RandomStreams.stream(seed, block)}), so heavy tails show up as large errors. Realisations
 * with a non-finite statistic (a path that hit a pole of the continued ω) are left out and
 * counted in {@link #nonFinite()}. The arrays are [statistic][l] and returned without copying:
 * treat them as read-only.
 *
 * @param names        statistic names
 * @param iterations   L
 * @param samples      n (the factor of n·Var)
 * @param realisations realisations used (finite ones)
 * @param nonFinite    realisations left out because a statistic was not finite
 */
public record FiniteSizeMoments(List<String> names, int iterations, int samples,
    long realisations, long nonFinite, double[][] meanRe, double[][] meanIm,
    double[][] meanSeRe, double[][] meanSeIm, double[][] nVarRe, double[][] nVarIm,
    double[][] nVarSeRe, double[][] nVarSeIm) {

  /** A complex estimate with the standard errors of its real and imaginary parts. */
  public record Estimate(double re, double im, double seRe, double seIm) {
    /** (re − x) / seRe. */
    public double zScore(double x) {
      return (re - x) / seRe;
    }

    /** z-score of the difference of two independent estimates (real parts). */
    public double zScore(Estimate other) {
      return (re - other.re) / Math.hypot(seRe, other.seRe);
    }
  }

  /** E X(l) of statistic {@code name}. */
  public Estimate mean(String name, int l) {
    int s = index(name);
    return new Estimate(meanRe[s][l], meanIm[s][l], meanSeRe[s][l], meanSeIm[s][l]);
  }

  /** n·Var X(l) of statistic {@code name}. */
  public Estimate nVar(String name, int l) {
    int s = index(name);
    return new Estimate(nVarRe[s][l], nVarIm[s][l], nVarSeRe[s][l], nVarSeIm[s][l]);
  }

  private int index(String name) {
    int s = names.indexOf(name);
    if (s < 0) throw new IllegalArgumentException("unknown statistic '" + name + "'; known: " + names);
    return s;
  }

  /** Statistic names for K classes, in the order of the class Javadoc. */
  public static List<String> statisticNames(int classes) {
    List<String> n = new ArrayList<>();
    n.add("loss_train");
    n.add("theta2");
    for (int y = 0; y < classes; y++) n.add("beta[" + y + "]");
    for (int y = 0; y < classes; y++) n.add("alpha[" + y + "]");
    n.add("Vomega");
    return List.copyOf(n);
  }

  /**
   * Writes the statistics of a path, entry s·L + l for statistic s at time l. {@code tmp}: length 2.
   * Allocates nothing.
   */
  static void statistics(FiniteSizeSetup s, FiniteSizePath path, double[] re, double[] im,
      double[] tmp) {
    int L = s.iterations();
    int d = s.dimension();
    int k = s.classes();
    double n = s.samples();
    AnalyticPerceptron model = s.model();
    ComplexMatrix th = path.theta;
    for (int l = 0; l < L; l++) {
      double t2r = 0, t2i = 0;
      int o = l * d;
      for (int j = 0; j < d; j++) {
        double a = th.re[o + j], b = th.im[o + j];
        t2r += a * a - b * b;
        t2i += 2 * a * b;
      }
      re[L + l] = t2r;
      im[L + l] = t2i;
      double lr = 0, li = 0, vr = 0, vi = 0;
      for (int y = 0; y < k; y++) {
        double[] mu = s.meanRow(y);
        double br = 0, bi = 0;
        for (int j = 0; j < d; j++) {
          br += th.re[o + j] * mu[j];
          bi += th.im[o + j] * mu[j];
        }
        re[(2 + y) * L + l] = br;
        im[(2 + y) * L + l] = bi;
        ComplexMatrix p = path.p[y];
        ComplexMatrix w = path.omega[y];
        double ar = 0, ai = 0;
        for (int i = 0; i < p.rows; i++) {
          model.loss(p.re[i * L + l], p.im[i * L + l], y, tmp);
          lr += tmp[0];
          li += tmp[1];
          double a = w.re[i * L + l], b = w.im[i * L + l];
          ar += a;
          ai += b;
          vr += a * a - b * b;
          vi += 2 * a * b;
        }
        re[(2 + k + y) * L + l] = ar / n;
        im[(2 + k + y) * L + l] = ai / n;
      }
      re[l] = lr / n;
      im[l] = li / n;
      re[(2 + 2 * k) * L + l] = vr / n;
      im[(2 + 2 * k) * L + l] = vi / n;
    }
  }

  /** One realisation's statistics into (re, im), entry s·L + l. */
  @FunctionalInterface
  public interface Draw {
    void next(double[] re, double[] im);
  }

  /** Opens the sampler of one block on its own generator (and its own workspaces). */
  @FunctionalInterface
  public interface Source {
    Draw open(UniformRandomProvider rng);
  }

  /**
   * Runs {@code blocks} blocks of {@code perBlock} realisations, block b on
   * {@code RandomStreams.stream(seed, b)}, on {@code threads} threads; the result does not depend
   * on the thread count (blocks are reduced in index order).
   *
   * @param samples n, the factor of n·Var
   */
  public static FiniteSizeMoments estimate(List<String> names, int iterations, int samples,
      long seed, int blocks, int perBlock, int threads, Source source) {
    Check.atLeast("blocks", blocks, 2);
    Check.atLeast("perBlock", perBlock, 2);
    int size = names.size() * iterations;
    List<double[][]> parts = Parallel.map(blocks, threads, b -> {
      Draw draw = source.open(RandomStreams.stream(seed, b));
      double[] re = new double[size], im = new double[size];
      double[][] acc = new double[5][size]; // sum re, sum im, sum (x^2) re, sum (x^2) im, [0]=count
      long good = 0;
      for (int r = 0; r < perBlock; r++) {
        draw.next(re, im);
        boolean ok = true;
        for (int j = 0; j < size && ok; j++) ok = Double.isFinite(re[j]) && Double.isFinite(im[j]);
        if (!ok) continue;
        good++;
        for (int j = 0; j < size; j++) {
          acc[0][j] += re[j];
          acc[1][j] += im[j];
          acc[2][j] += re[j] * re[j] - im[j] * im[j];
          acc[3][j] += 2 * re[j] * im[j];
        }
      }
      acc[4][0] = good;
      return acc;
    }, null);
    long total = 0;
    double[][] sum = new double[4][size];
    for (double[][] a : parts) {
      total += (long) a[4][0];
      for (int c = 0; c < 4; c++) for (int j = 0; j < size; j++) sum[c][j] += a[c][j];
    }
    if (total < 2) throw new IllegalStateException("fewer than 2 finite realisations");
    int ns = names.size();
    double[][][] out = new double[8][ns][iterations];
    for (int s = 0; s < ns; s++) {
      for (int l = 0; l < iterations; l++) {
        int j = s * iterations + l;
        double mr = sum[0][j] / total, mi = sum[1][j] / total;
        out[0][s][l] = mr;
        out[1][s][l] = mi;
        out[4][s][l] = samples * (sum[2][j] / total - (mr * mr - mi * mi));
        out[5][s][l] = samples * (sum[3][j] / total - 2 * mr * mi);
        // batch means: spread of the block estimates
        double[] acc = new double[8];
        int used = 0;
        for (double[][] a : parts) {
          double c = a[4][0];
          if (c < 2) continue;
          double br = a[0][j] / c, bi = a[1][j] / c;
          double vr = samples * (a[2][j] / c - (br * br - bi * bi));
          double vi = samples * (a[3][j] / c - 2 * br * bi);
          acc[0] += br; acc[1] += br * br; acc[2] += bi; acc[3] += bi * bi;
          acc[4] += vr; acc[5] += vr * vr; acc[6] += vi; acc[7] += vi * vi;
          used++;
        }
        for (int c = 0; c < 4; c++) {
          double m = acc[2 * c] / used;
          double var = Math.max(acc[2 * c + 1] / used - m * m, 0) * used / Math.max(used - 1, 1);
          out[c < 2 ? 2 + c : 4 + c][s][l] = Math.sqrt(var / used);
        }
      }
    }
    return new FiniteSizeMoments(List.copyOf(names), iterations, samples, total,
        (long) blocks * perBlock - total, out[0], out[1], out[2], out[3], out[4], out[5], out[6],
        out[7]);
  }
}
