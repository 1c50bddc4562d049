package org.effdyn.gauss;

import java.util.Arrays;
import org.effdyn.core.Check;

/**
 * Eigen-based square root of a symmetric positive semidefinite matrix (the orthonormal-coordinate
 * form of the Gaussian reduction, docs/theory.md):
 * \[ S = U \,\mathrm{diag}(w)\, U^T,\qquad L = U\,\mathrm{diag}\big(\sqrt{\max(w_i, 0)}\big)U^T,\qquad L L^T = S. \]
 * Unlike a Cholesky factor, this works for singular S (rank-deficient, or S = 0), as R_perp becomes at
 * late times. L is the symmetric square root S^{1/2}, not a triangular factor; it is a continuous
 * function of S whatever order or signs the eigenvectors come in, so drifts built on fixed nodes stay
 * smooth; G = L Z with Z ~ N(0, I) has covariance S all the same.
 *
 * <p>Method: {@link SymmetricEigen}, cyclic Jacobi eigenvalue iteration (Golub &amp; Van Loan, Matrix Computations, §8.5) on a
 * preallocated copy of S; each rotation zeroes one off-diagonal pair, and the off-diagonal mass falls
 * quadratically once small. It stops when every off-diagonal entry is below 1e-18 ‖S‖_F (well below
 * rounding), typically after 5 to 10 sweeps for r &lt;= 10. Eigenvalues come out with absolute error
 * about 1e-16 ‖S‖. Cost O(r^3) per sweep.
 *
 * <p>Allocation-free after construction, except when it throws. Not thread-safe (it keeps a
 * workspace): use one per thread.
 */
public final class CovarianceRoot {
  /** Symmetry tolerance relative to max(1, max |s_ij|). */
  static final double ASYMMETRY_TOLERANCE = 1e-10;
  /** Negative eigenvalues down to -1e-10 max(1, max |w|) are rounding, and clamped to zero. */
  static final double PSD_TOLERANCE = 1e-10;

  private final int dim;
  private final SymmetricEigen eigen;
  /** V diag(sqrt w), the first factor of the root. */
  private final double[][] a;
  /** Eigenvalues, ascending. */
  private final double[] w;

  /** A workspace for r x r matrices, r >= 1. */
  public CovarianceRoot(int dim) {
    this.dim = Check.atLeast("dim", dim, 1);
    this.eigen = new SymmetricEigen(dim);
    this.a = new double[dim][dim];
    this.w = new double[dim];
    Arrays.fill(w, Double.NaN);
  }

  /** The dimension r. */
  public int dimension() {
    return dim;
  }

  /**
   * Writes L with L L^T = S (see the class comment), columns ordered by ascending eigenvalue.
   * S is read only; it is symmetrized as (S + S^T)/2. l may be the same array as s.
   *
   * @param s S, r x r, finite, symmetric to 1e-10 max(1, max |s_ij|), and PSD: its smallest eigenvalue
   *     must be at least -1e-10 max(1, largest |eigenvalue|); eigenvalues above that but below zero are
   *     taken as zero
   * @param name what S is (e.g. "R_perp"), for error messages
   * @param l the output, r x r
   * @throws IllegalArgumentException for a wrong size, a non-finite entry, an asymmetric or a non-PSD
   *     S; the message names {@code name}, the offending value and, for non-PSD, prints the matrix
   */
  public void compute(double[][] s, String name, double[][] l) {
    Arrays.fill(w, Double.NaN);
    checkShape(s, name, false);
    checkShape(l, name, true);
    double scale = 1;
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        double x = s[i][j];
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException(name + "[" + i + "][" + j + "] must be finite, got " + x);
        }
        scale = Math.max(scale, Math.abs(x));
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        double d = s[i][j] - s[j][i];
        if (Math.abs(d) > ASYMMETRY_TOLERANCE * scale) {
          throw new IllegalArgumentException(name + " must be symmetric: " + name + "[" + i + "][" + j + "] = "
              + s[i][j] + " but " + name + "[" + j + "][" + i + "] = " + s[j][i] + "; " + name + " = "
              + format(s));
        }
      }
    }
    eigen.compute(s); // symmetrizes as (S + S^T)/2
    for (int i = 0; i < dim; i++) {
      w[i] = eigen.value(dim - 1 - i);
    }
    double largest = Math.max(Math.abs(w[0]), Math.abs(w[dim - 1]));
    double bound = -PSD_TOLERANCE * Math.max(1, largest);
    if (w[0] < bound) {
      throw new IllegalArgumentException(name + " must be positive semidefinite, but has eigenvalue " + w[0]
          + " < " + bound + " (= -1e-10 max(1, largest |eigenvalue| " + largest + ")); eigenvalues "
          + Arrays.toString(w) + "; " + name + " = " + format(s));
    }
    // symmetric root L = V diag(sqrt w) V^T: unlike V diag(sqrt w) it does not depend on the order or
    // signs of the eigenvectors, so it is a continuous function of S (smooth where S > 0) and a
    // quadrature rule that is not rotation-invariant still gives a smooth drift
    for (int i = 0; i < dim; i++) {
      for (int k = 0; k < dim; k++) a[i][k] = eigen.vector(i, k) * Math.sqrt(Math.max(eigen.value(k), 0));
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        double sum = 0;
        for (int k = 0; k < dim; k++) sum += a[i][k] * eigen.vector(j, k);
        l[i][j] = sum;
        l[j][i] = sum;
      }
    }
  }

  /** A copy of the eigenvalues from the last compute, ascending (NaN before a successful one). */
  public double[] eigenvalues() {
    return w.clone();
  }

  /** Eigenvalue k (ascending) from the last compute, without allocating. */
  public double eigenvalue(int k) {
    return w[k];
  }

  private void checkShape(double[][] m, String name, boolean output) {
    boolean ok = m != null && m.length == dim;
    for (int i = 0; ok && i < dim; i++) {
      ok = m[i] != null && m[i].length == dim;
    }
    if (!ok) {
      String what = output ? "the output l for " + name : name;
      throw new IllegalArgumentException(what + " must be " + dim + " x " + dim + ", got " + shape(m));
    }
  }

  private static String shape(double[][] m) {
    if (m == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder().append(m.length).append(" rows of lengths [");
    for (int i = 0; i < m.length; i++) {
      b.append(i > 0 ? ", " : "").append(m[i] == null ? "null" : String.valueOf(m[i].length));
    }
    return b.append(']').toString();
  }

  /** The rows, e.g. [[1.0, 2.0], [2.0, 1.0]]. */
  static String format(double[][] m) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < m.length; i++) {
      b.append(i > 0 ? ", " : "").append(Arrays.toString(m[i]));
    }
    return b.append(']').toString();
  }
}
