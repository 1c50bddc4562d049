package org.effdyn.model.generic;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.effdyn.core.Check;

/**
 * How a sample's label y is produced ({@link AnchoredMixture}): y = y(c, t, ζ) with c the class,
 * t_b = ⟨ν_b, Y⟩ the anchor projections and ζ ~ N(0, I_{n_ζ}) independent label noise.
 *
 * <p>{@link #anchors()} is the set 𝓛 of anchors the label really depends on. The engine integrates
 * over those projections (and over ζ with its own small rule); every other t_b enters only linearly,
 * and in the regression form ({@link GenericOptions.Form#REGRESSION}) {@link #label} sees for it a
 * conditional mean, not a sample. So a label must read t_b only for b in {@link #anchors()}.
 *
 * <p>Label flips with a fixed probability are extra classes (one per (class, label) pair).
 * Implementations must be thread-safe and must not allocate in {@link #label}.
 */
public interface LabelModel {
  /** Length of y (e.g. k for one-hot class labels, 1 for a scalar label). */
  int dimension();

  /** The anchors 𝓛 (0-based, ascending, no repeats) whose projections t_b the label reads. */
  int[] anchors();

  /** n_ζ, the number of independent N(0, 1) label-noise variables (0: none). */
  int noiseDimension();

  /**
   * Writes the label y of class {@code cls}.
   *
   * @param cls the class c, 0-based
   * @param t the anchor projections t (length q); only the entries in {@link #anchors()} are samples
   * @param zeta the label noise ζ (length {@link #noiseDimension()})
   * @param y output, length {@link #dimension()}
   */
  void label(int cls, double[] t, double[] zeta, double[] y);

  /**
   * Checks the label model against a mixture of {@code classes} classes and q anchors; throws
   * IllegalArgumentException naming the field. Called by {@link AnchoredMixture}'s constructor.
   */
  default void validate(int classes, int q) {
    Check.atLeast("labels.dimension", dimension(), 1);
    Check.atLeast("labels.noise_dimension", noiseDimension(), 0);
    int[] a = anchors();
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0 || a[i] >= q || (i > 0 && a[i] <= a[i - 1])) {
        throw new IllegalArgumentException("labels.anchors must be ascending distinct indices in [0, " + q
            + "), got " + Arrays.toString(a));
      }
    }
  }

  /**
   * Labels fixed per class: y = labels[c] (one-hot rows for a softmax classifier, 0/1 for XOR). No
   * anchors, no noise.
   *
   * @param labels C rows of equal length ≥ 1, finite
   */
  static LabelModel perClass(double[][] labels) {
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("labels must have one row per class, got none");
    }
    int n = labels[0].length;
    double[][] y = new double[labels.length][];
    for (int c = 0; c < labels.length; c++) {
      if (labels[c] == null || labels[c].length != n || n == 0) {
        throw new IllegalArgumentException("labels[" + c + "] must have length " + n + " >= 1, got "
            + (labels[c] == null ? "null" : labels[c].length));
      }
      y[c] = Check.allFinite("labels[" + c + "]", labels[c].clone());
    }
    return new PerClass(y);
  }

  /** One-hot labels of k classes: y = e_c. */
  static LabelModel oneHot(int k) {
    Check.atLeast("k", k, 1);
    double[][] y = new double[k][k];
    for (int c = 0; c < k; c++) y[c][c] = 1;
    return new PerClass(y);
  }

  /**
   * A teacher: y = Σ_b v*_b g(t_b) + σ ζ (scalar label), reading every anchor (𝓛 = all q), with one
   * noise variable when σ &gt; 0 (the soft committee machine, docs/committee.md). g must be thread-safe and
   * allocation-free.
   *
   * @param vstar teacher head v* (length q = number of anchors, finite)
   * @param activation g
   * @param noiseStd σ ≥ 0
   */
  static LabelModel teacher(double[] vstar, DoubleUnaryOperator activation, double noiseStd) {
    return new Teacher(Check.allFinite("vstar", vstar.clone()), java.util.Objects.requireNonNull(activation,
        "activation"), Check.nonNegativeFinite("sigma0", noiseStd));
  }

  /** {@link #perClass}. */
  final class PerClass implements LabelModel {
    private final double[][] y;

    private PerClass(double[][] y) {
      this.y = y;
    }

    /** The label of class c (a copy). */
    public double[] of(int c) {
      return y[c].clone();
    }

    @Override public int dimension() {
      return y[0].length;
    }

    @Override public int[] anchors() {
      return new int[0];
    }

    @Override public int noiseDimension() {
      return 0;
    }

    @Override public void label(int cls, double[] t, double[] zeta, double[] out) {
      System.arraycopy(y[cls], 0, out, 0, out.length);
    }

    @Override public void validate(int classes, int q) {
      if (y.length != classes) {
        throw new IllegalArgumentException("labels must have one row per class (" + classes + "), got " + y.length);
      }
    }

    @Override public String toString() {
      return "perClass" + Arrays.deepToString(y);
    }
  }

  /** {@link #teacher}. */
  final class Teacher implements LabelModel {
    private final double[] vstar;
    private final DoubleUnaryOperator g;
    private final double sigma;
    private final int[] all;

    private Teacher(double[] vstar, DoubleUnaryOperator g, double sigma) {
      this.vstar = vstar;
      this.g = g;
      this.sigma = sigma;
      this.all = new int[vstar.length];
      for (int b = 0; b < all.length; b++) all[b] = b;
    }

    @Override public int dimension() {
      return 1;
    }

    @Override public int[] anchors() {
      return all.clone();
    }

    @Override public int noiseDimension() {
      return sigma > 0 ? 1 : 0;
    }

    @Override public void label(int cls, double[] t, double[] zeta, double[] y) {
      double s = 0;
      for (int b = 0; b < vstar.length; b++) s += vstar[b] * g.applyAsDouble(t[b]);
      y[0] = sigma > 0 ? s + sigma * zeta[0] : s;
    }

    @Override public void validate(int classes, int q) {
      if (vstar.length != q) {
        throw new IllegalArgumentException("vstar must have one entry per anchor (" + q + "), got " + vstar.length);
      }
    }

    @Override public String toString() {
      return "teacher(vstar=" + Arrays.toString(vstar) + ", sigma0=" + sigma + ")";
    }
  }
}
