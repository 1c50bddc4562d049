package org.effdyn.model.dmf;

import org.effdyn.core.Check;

/**
 * A dense complex matrix in split storage (real and imaginary parts in two row-major arrays), for
 * the alternative process ({@link AlternativeProcess}) at complex z. Split storage keeps the hot loops free
 * of {@code Complex} objects: entry (i, j) is {@code re[i * cols + j] + i·im[i * cols + j]}.
 * Mutable; a workspace, not a value. Not thread-safe.
 */
public final class ComplexMatrix {
  final int rows;
  final int cols;
  final double[] re;
  final double[] im;

  /** A zero rows × cols matrix. */
  public ComplexMatrix(int rows, int cols) {
    this.rows = Check.atLeast("rows", rows, 1);
    this.cols = Check.atLeast("cols", cols, 1);
    this.re = new double[rows * cols];
    this.im = new double[rows * cols];
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Real part of entry (i, j). */
  public double re(int i, int j) {
    return re[i * cols + j];
  }

  /** Imaginary part of entry (i, j). */
  public double im(int i, int j) {
    return im[i * cols + j];
  }

  /** Sets entry (i, j) to a + ib. */
  public void set(int i, int j, double a, double b) {
    re[i * cols + j] = a;
    im[i * cols + j] = b;
  }

  /** Sets every entry to 0. */
  public void clear() {
    java.util.Arrays.fill(re, 0);
    java.util.Arrays.fill(im, 0);
  }

  /** Copies {@code other} (same shape) into this matrix. */
  public void copyFrom(ComplexMatrix other) {
    if (other.rows != rows || other.cols != cols) {
      throw new IllegalArgumentException("shape must be " + rows + " x " + cols + ", got "
          + other.rows + " x " + other.cols);
    }
    System.arraycopy(other.re, 0, re, 0, re.length);
    System.arraycopy(other.im, 0, im, 0, im.length);
  }

  /**
   * this = aᵀ b (unconjugated transpose), a: k × rows, b: k × cols. Allocates nothing; this must
   * alias neither a nor b.
   */
  public void setTransposeTimes(ComplexMatrix a, ComplexMatrix b) {
    if (a.rows != b.rows || a.cols != rows || b.cols != cols) {
      throw new IllegalArgumentException("shapes " + a.rows + "x" + a.cols + "^T * " + b.rows + "x"
          + b.cols + " do not give " + rows + "x" + cols);
    }
    clear();
    for (int k = 0; k < a.rows; k++) {
      for (int i = 0; i < rows; i++) {
        double ar = a.re[k * a.cols + i];
        double ai = a.im[k * a.cols + i];
        if (ar == 0 && ai == 0) continue;
        int bo = k * b.cols;
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
          double br = b.re[bo + j];
          double bi = b.im[bo + j];
          re[o + j] += ar * br - ai * bi;
          im[o + j] += ar * bi + ai * br;
        }
      }
    }
  }

  /**
   * this = a aᵀ over the rows of a (Gram matrix of the rows, unconjugated): entry (l, m) =
   * Σ_k a(l,k) a(m,k); a: rows × k. Allocates nothing; this must not alias a.
   */
  public void setTransposeTimesRows(ComplexMatrix a) {
    if (a.rows != rows || rows != cols) {
      throw new IllegalArgumentException("Gram of " + a.rows + " rows does not give " + rows + "x" + cols);
    }
    int k = a.cols;
    for (int l = 0; l < rows; l++) {
      for (int m = l; m < rows; m++) {
        double sr = 0, si = 0;
        for (int j = 0; j < k; j++) {
          double ar = a.re[l * k + j], ai = a.im[l * k + j];
          double br = a.re[m * k + j], bi = a.im[m * k + j];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        set(l, m, sr, si);
        set(m, l, sr, si);
      }
    }
  }

  /** Largest entry modulus |this − other| (same shape). */
  public double maxDistance(ComplexMatrix other) {
    double m = 0;
    for (int i = 0; i < re.length; i++) {
      m = Math.max(m, Math.hypot(re[i] - other.re[i], im[i] - other.im[i]));
    }
    return m;
  }
}
