package org.effdyn.gauss;

import java.util.Arrays;
import java.util.Objects;
import org.effdyn.core.Check;

/**
 * Gaussian expectations by a fixed {@link GaussianRule}:
 * \[ \mathbb E f(G) \approx \sum_i w_i f(L z_i),\qquad G = L Z,\ Z \sim N(0, I_r),\ \mathrm{Cov}\,G = L L^T. \]
 * A mean is the integrand's business: add it inside f. L comes, for instance, from
 * {@link CovarianceRoot} (any L with L L^T = S will do: the rules are not rotation invariant, but
 * each is exact or unbiased for every L).
 *
 * <p>Holds a workspace: allocation-free per call, not thread-safe (use one per thread, e.g. in a
 * {@code ThreadLocal}). Cost per call: size() x (r^2 multiply-adds + one call of f).
 */
public final class GaussianExpectation {
  private final GaussianRule rule;
  private final int outputs;
  private final int dim;
  private final int replicates;
  private final int perReplicate;
  private final double[] nodes;
  private final double[] weights;
  private final double[] replicateWeight;
  private final double[] lFlat;
  private final double[] g;
  private final double[] acc;
  private final double[] replicateMeans;

  /**
   * @param rule the cubature rule; its dimension r fixes the size of L
   * @param outputs m >= 1, the number of components of f
   */
  public GaussianExpectation(GaussianRule rule, int outputs) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.outputs = Check.atLeast("outputs", outputs, 1);
    this.dim = rule.dimension();
    this.replicates = rule.replicates();
    this.perReplicate = rule.replicateSize();
    this.nodes = rule.nodesView();
    this.weights = rule.weightsView();
    this.replicateWeight = new double[replicates];
    for (int k = 0; k < replicates; k++) {
      double s = 0;
      for (int i = k * perReplicate; i < (k + 1) * perReplicate; i++) {
        s += weights[i];
      }
      replicateWeight[k] = s;
    }
    this.lFlat = new double[dim * dim];
    this.g = new double[dim];
    this.acc = new double[outputs];
    this.replicateMeans = new double[replicates * outputs];
  }

  /** The rule. */
  public GaussianRule rule() {
    return rule;
  }

  /** The number of outputs m. */
  public int outputs() {
    return outputs;
  }

  /**
   * out[j] = \( \sum_i w_i f_j(L z_i) \) for j in [0, m); entries of out past m are left alone.
   *
   * @param l L, r x r, finite; read only
   * @param f the integrand; its acc has length exactly m
   * @param out length >= m
   */
  public void expectation(double[][] l, Integrand f, double[] out) {
    run(l, f, out, null);
  }

  /**
   * As {@link #expectation(double[][], Integrand, double[])}, and err[j] = the standard error of out[j]
   * estimated from the R replicates of a randomized rule: with \( \hat\mu_k \) the estimate of
   * replicate k alone,
   * \[ \mathrm{err}_j = \sqrt{ \frac{1}{R(R-1)} \sum_k (\hat\mu_{k,j} - \bar\mu_j)^2 }. \]
   * The replicates are independent and unbiased, so this is an honest (if noisy, with R - 1 degrees
   * of freedom) estimate of the RMS error. For a rule with one replicate, Gauss–Hermite in
   * particular, there is no such estimate and err is filled with NaN; the Gauss–Hermite error is
   * controlled by the order instead (compare two orders to measure it).
   *
   * @param err length >= m
   */
  public void expectation(double[][] l, Integrand f, double[] out, double[] err) {
    Objects.requireNonNull(err, "err");
    if (err.length < outputs) {
      throw new IllegalArgumentException("err must have length >= " + outputs + ", got " + err.length);
    }
    run(l, f, out, err);
  }

  private void run(double[][] l, Integrand f, double[] out, double[] err) {
    Objects.requireNonNull(f, "f");
    if (out == null || out.length < outputs) {
      throw new IllegalArgumentException(
          "out must have length >= " + outputs + ", got " + (out == null ? "null" : out.length));
    }
    copyL(l);
    final int r = dim;
    final double[] z = nodes;
    final double[] lf = lFlat;
    final double[] gg = g;
    for (int j = 0; j < outputs; j++) {
      out[j] = 0;
    }
    for (int k = 0; k < replicates; k++) {
      Arrays.fill(acc, 0);
      int end = (k + 1) * perReplicate;
      for (int i = k * perReplicate; i < end; i++) {
        int base = i * r;
        for (int a = 0; a < r; a++) {
          int row = a * r;
          double s = 0;
          for (int b = 0; b < r; b++) {
            s += lf[row + b] * z[base + b];
          }
          gg[a] = s;
        }
        f.add(gg, weights[i], acc);
      }
      double rw = replicateWeight[k];
      for (int j = 0; j < outputs; j++) {
        out[j] += acc[j];
        replicateMeans[k * outputs + j] = acc[j] / rw;
      }
    }
    if (err == null) {
      return;
    }
    if (replicates < 2) {
      for (int j = 0; j < outputs; j++) {
        err[j] = Double.NaN;
      }
      return;
    }
    for (int j = 0; j < outputs; j++) {
      double mean = 0;
      for (int k = 0; k < replicates; k++) {
        mean += replicateMeans[k * outputs + j];
      }
      mean /= replicates;
      double ss = 0;
      for (int k = 0; k < replicates; k++) {
        double d = replicateMeans[k * outputs + j] - mean;
        ss += d * d;
      }
      err[j] = Math.sqrt(ss / ((double) replicates * (replicates - 1)));
    }
  }

  private void copyL(double[][] l) {
    boolean ok = l != null && l.length == dim;
    for (int a = 0; ok && a < dim; a++) {
      ok = l[a] != null && l[a].length == dim;
    }
    if (!ok) {
      throw new IllegalArgumentException("l must be " + dim + " x " + dim + " (the rule's dimension), got "
          + (l == null ? "null" : l.length + " rows"));
    }
    for (int a = 0; a < dim; a++) {
      double[] row = l[a];
      for (int b = 0; b < dim; b++) {
        double x = row[b];
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("l[" + a + "][" + b + "] must be finite, got " + x);
        }
        lFlat[a * dim + b] = x;
      }
    }
  }
}
