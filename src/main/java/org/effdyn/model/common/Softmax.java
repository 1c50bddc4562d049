package org.effdyn.model.common;

import org.hipparchus.CalculusFieldElement;

/**
 * The numerically stable softmax π_a = e^{v_a − max}/Σ_e e^{v_e − max} and log-sum-exp, the one copy
 * for the k-GMM classifier, its spectrum and the generic engine's softmax loss. Hand-written rather
 * than taken from a library because the callers are per-sample hot loops that must not allocate, and
 * read their logits in place (a prefix of a scratch array, a strided block of a state vector, a column
 * of a matrix). Every variant computes the maximum, then sums the shifted exponentials in index order,
 * then divides, so all give the same bits for the same logits.
 */
public final class Softmax {
  private Softmax() {}

  /** Replaces v[0..n) by softmax(v[0..n)). Allocation-free. */
  public static void inPlace(double[] v, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < n; a++) max = Math.max(max, v[a]);
    double z = 0;
    for (int a = 0; a < n; a++) z += v[a] = Math.exp(v[a] - max);
    for (int a = 0; a < n; a++) v[a] /= z;
  }

  /** Replaces every entry of v by softmax(v). */
  public static void inPlace(double[] v) {
    inPlace(v, v.length);
  }

  /**
   * π_i of the n logits u[offset + e·stride], e = 0..n−1 (e.g. a column of a k × k block stored row
   * by row: offset = column, stride = k).
   */
  public static double probability(double[] u, int offset, int stride, int n, int i) {
    double max = Double.NEGATIVE_INFINITY;
    for (int e = 0; e < n; e++) max = Math.max(max, u[offset + e * stride]);
    double z = 0;
    for (int e = 0; e < n; e++) z += Math.exp(u[offset + e * stride] - max);
    return Math.exp(u[offset + i * stride] - max) / z;
  }

  /** π_row of the logits m[a][column], a = 0..m.length−1 (softmax down a column). */
  public static double probabilityInColumn(double[][] m, int column, int row) {
    int k = m.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < k; a++) max = Math.max(max, m[a][column]);
    double z = 0;
    for (int a = 0; a < k; a++) z += Math.exp(m[a][column] - max);
    return Math.exp(m[row][column] - max) / z;
  }

  /** log Σ_a e^{m[a][column]} = max + log Σ_a e^{m[a][column] − max}. */
  public static double logSumExpOfColumn(double[][] m, int column) {
    int k = m.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < k; a++) max = Math.max(max, m[a][column]);
    double z = 0;
    for (int a = 0; a < k; a++) z += Math.exp(m[a][column] - max);
    return max + Math.log(z);
  }

  /**
   * log Σ_a e^{v_a} over a field (for AD), as shift + log Σ_a e^{v_a − shift}: the shift is a constant
   * (for stability, the largest real part), so it does not enter the derivatives.
   */
  public static <T extends CalculusFieldElement<T>> T logSumExp(T[] v, double shift) {
    T z = v[0].getField().getZero();
    for (T e : v) z = z.add(e.subtract(shift).exp());
    return z.log().add(shift);
  }
}
