package org.effdyn.model.spectral;

import org.effdyn.core.Check;

/**
 * The empirical block form shared by every test Hessian and G-matrix block ({@link KgmmSpectrum},
 * {@link XorSpectrum}),
 * \[ B = \frac1{\tilde M}\sum_{l=1}^{\tilde M} w_l\, \tilde Y^l \tilde Y^{l\,T}, \qquad
 *    B u = \tfrac1{\tilde M}\,\tilde Y^T\big(w \odot \tilde Y u\big), \]
 * as a matrix-free operator on R^d: O(M̃ d) per product, no d × d matrix.
 *
 * <p>Rows with w_l = 0 (the ReLU gates of the XOR blocks switch off about half of the samples) are
 * dropped at construction. A product walks the remaining rows four at a time: four dot products in one
 * pass over u, then one fused pass adding the four scaled rows to the output, so u and the output are
 * read once per four rows and each row is read twice while it is still in cache. {@link #applyBlock}
 * does the same for a block of vectors, so the rows (the M̃ d doubles that make a product memory-bound)
 * are read from memory once per block instead of once per vector. Allocation-free.
 * Holds references to the rows (not copies): they must not change while the operator is in use.
 */
public final class WeightedGram implements SymmetricOperator {
  private final int d;
  private final double[][] rows;
  private final double[] weights; // w_l / M̃ for the kept rows

  /**
   * @param y the M̃ test samples Ỹ^l (rows, each of length d)
   * @param w the weights w_l, one per row, finite
   */
  public WeightedGram(double[][] y, double[] w) {
    Check.length("w", w, y.length);
    if (y.length == 0) throw new IllegalArgumentException("test set must have at least one sample (M~ >= 1)");
    this.d = y[0].length;
    int kept = 0;
    for (int l = 0; l < y.length; l++) {
      Check.length("test sample", y[l], d);
      Check.finite("w[" + l + "]", w[l]);
      if (w[l] != 0) kept++;
    }
    this.rows = new double[kept][];
    this.weights = new double[kept];
    int i = 0;
    for (int l = 0; l < y.length; l++) {
      if (w[l] == 0) continue;
      rows[i] = y[l];
      weights[i++] = w[l] / y.length;
    }
  }

  @Override
  public int dimension() {
    return d;
  }

  /** The number of rows with a non-zero weight. */
  public int activeRows() {
    return rows.length;
  }

  @Override
  public void apply(double[] u, double[] out) {
    java.util.Arrays.fill(out, 0, d, 0.0);
    int n = rows.length;
    int l = 0;
    for (; l + 3 < n; l += 4) {
      double[] a = rows[l], b = rows[l + 1], c = rows[l + 2], e = rows[l + 3];
      double sa = 0, sb = 0, sc = 0, se = 0;
      for (int t = 0; t < d; t++) {
        double ut = u[t];
        sa += a[t] * ut;
        sb += b[t] * ut;
        sc += c[t] * ut;
        se += e[t] * ut;
      }
      sa *= weights[l];
      sb *= weights[l + 1];
      sc *= weights[l + 2];
      se *= weights[l + 3];
      for (int t = 0; t < d; t++) out[t] += sa * a[t] + sb * b[t] + sc * c[t] + se * e[t];
    }
    for (; l < n; l++) {
      double[] a = rows[l];
      double s = 0;
      for (int t = 0; t < d; t++) s += a[t] * u[t];
      s *= weights[l];
      for (int t = 0; t < d; t++) out[t] += s * a[t];
    }
  }

  @Override
  public void applyBlock(double[][] x, double[][] y, int count) {
    for (int j = 0; j < count; j++) java.util.Arrays.fill(y[j], 0, d, 0.0);
    int n = rows.length;
    int l = 0;
    for (; l + 3 < n; l += 4) {
      double[] a = rows[l], b = rows[l + 1], c = rows[l + 2], e = rows[l + 3];
      double wa = weights[l], wb = weights[l + 1], wc = weights[l + 2], we = weights[l + 3];
      for (int j = 0; j < count; j++) {
        double[] u = x[j];
        double sa = 0, sb = 0, sc = 0, se = 0;
        for (int t = 0; t < d; t++) {
          double ut = u[t];
          sa += a[t] * ut;
          sb += b[t] * ut;
          sc += c[t] * ut;
          se += e[t] * ut;
        }
        sa *= wa;
        sb *= wb;
        sc *= wc;
        se *= we;
        double[] out = y[j];
        for (int t = 0; t < d; t++) out[t] += sa * a[t] + sb * b[t] + sc * c[t] + se * e[t];
      }
    }
    for (; l < n; l++) {
      double[] a = rows[l];
      for (int j = 0; j < count; j++) {
        double[] u = x[j];
        double s = 0;
        for (int t = 0; t < d; t++) s += a[t] * u[t];
        s *= weights[l];
        double[] out = y[j];
        for (int t = 0; t < d; t++) out[t] += s * a[t];
      }
    }
  }
}
