package org.effdyn.model.dmf;

/**
 * Unconjugated complex Cholesky factorisation V = AᵀA with A upper triangular (transpose, not
 * conjugate transpose), as Claim 1 at complex z needs (docs/dmf.md, "Finite size"). For real
 * symmetric positive-definite V this is the ordinary Cholesky factor; for complex symmetric V (the kernels of the alternative process at
 * z = i) it is the analytic continuation of that factor, with each pivot the principal square root
 * \( A(l,l) = \sqrt{V(l,l) - \sum_{k &lt; l} A(k,l)^2} \). Hipparchus has {@code Complex} but only a real
 * Cholesky, hence this class.
 *
 * <p>The factorisation is column by column (causal): column l needs only V(0..l, l) and columns
 * &lt; l, which is what the forward sweep of {@link AlternativeProcess} produces. A zero pivot (V
 * singular, e.g. σ = 0 with L &gt; min(d, n_y)) gives non-finite entries; callers count such realisations.
 * Everything here allocates nothing.
 */
public final class ComplexCholesky {
  private ComplexCholesky() {}

  /**
   * Writes column l of A (rows 0..l) from V(0..l, l) and the columns &lt; l of A, by forward
   * substitution \( A(k,l) = (V(k,l) - \sum_{j &lt; k} A(j,k) A(j,l)) / A(k,k) \), k &lt; l, then the
   * principal-root pivot. Only the upper triangle of V is read.
   */
  public static void column(ComplexMatrix v, ComplexMatrix a, int l) {
    int n = a.cols;
    double sr = v.re[l * v.cols + l];
    double si = v.im[l * v.cols + l];
    for (int k = 0; k < l; k++) {
      double xr = v.re[k * v.cols + l];
      double xi = v.im[k * v.cols + l];
      for (int j = 0; j < k; j++) {
        double ar = a.re[j * n + k], ai = a.im[j * n + k];
        double br = a.re[j * n + l], bi = a.im[j * n + l];
        xr -= ar * br - ai * bi;
        xi -= ar * bi + ai * br;
      }
      double pr = a.re[k * n + k], pi = a.im[k * n + k];
      double den = pr * pr + pi * pi;
      double cr = (xr * pr + xi * pi) / den;
      double ci = (xi * pr - xr * pi) / den;
      a.re[k * n + l] = cr;
      a.im[k * n + l] = ci;
      sr -= cr * cr - ci * ci;
      si -= 2 * cr * ci;
    }
    a.re[l * n + l] = sqrtRe(sr, si);
    a.im[l * n + l] = sqrtIm(sr, si);
    for (int k = l + 1; k < a.rows; k++) {
      a.re[k * n + l] = 0;
      a.im[k * n + l] = 0;
    }
  }

  /**
   * As {@link #column}, but the pivot is the square root closest to {@code ref[2l] + i ref[2l+1]}
   * (the pivot of a neighbouring point on a continuation path), and ref is updated to the chosen
   * pivot. Choosing −A(l,l) instead of A(l,l) flips row l of A (later columns follow by forward
   * substitution), so AᵀA = V either way; what changes is which branch of the square root the
   * path is on.
   */
  public static void columnNear(ComplexMatrix v, ComplexMatrix a, int l, double[] ref) {
    column(v, a, l);
    int n = a.cols;
    double r = a.re[l * n + l], i = a.im[l * n + l];
    double rr = ref[2 * l], ri = ref[2 * l + 1];
    double keep = (r - rr) * (r - rr) + (i - ri) * (i - ri);
    double flip = (r + rr) * (r + rr) + (i + ri) * (i + ri);
    if (flip < keep) {
      r = -r;
      i = -i;
      a.re[l * n + l] = r;
      a.im[l * n + l] = i;
    }
    ref[2 * l] = r;
    ref[2 * l + 1] = i;
  }

  /** Full factorisation of the leading m × m block: columns 0..m−1. */
  public static void factor(ComplexMatrix v, ComplexMatrix a, int m) {
    for (int l = 0; l < m; l++) column(v, a, l);
  }

  /**
   * Solves A[0..m, 0..m] x = b in place (x overwrites b[0..m)) by back substitution; A upper.
   * This is \( A^{-1} b \) without forming the inverse.
   */
  public static void solveUpper(ComplexMatrix a, int m, double[] bRe, double[] bIm) {
    int n = a.cols;
    for (int i = m - 1; i >= 0; i--) {
      double xr = bRe[i], xi = bIm[i];
      for (int j = i + 1; j < m; j++) {
        double ar = a.re[i * n + j], ai = a.im[i * n + j];
        xr -= ar * bRe[j] - ai * bIm[j];
        xi -= ar * bIm[j] + ai * bRe[j];
      }
      double pr = a.re[i * n + i], pi = a.im[i * n + i];
      double den = pr * pr + pi * pi;
      bRe[i] = (xr * pr + xi * pi) / den;
      bIm[i] = (xi * pr - xr * pi) / den;
    }
  }

  /** Real part of the principal square root of a + ib (branch cut on the negative real axis). */
  static double sqrtRe(double a, double b) {
    if (a == 0 && b == 0) return 0;
    double r = Math.hypot(a, b);
    if (a >= 0) return Math.sqrt(0.5 * (r + a));
    double t = Math.sqrt(0.5 * (r - a));
    return Math.abs(b) / (2 * t);
  }

  /** Imaginary part of the principal square root of a + ib. */
  static double sqrtIm(double a, double b) {
    if (a == 0 && b == 0) return 0;
    double r = Math.hypot(a, b);
    if (a >= 0) return b / (2 * Math.sqrt(0.5 * (r + a)));
    return Math.copySign(Math.sqrt(0.5 * (r - a)), b);
  }
}
