package org.effdyn.model.spectral;

import org.effdyn.core.Check;

/**
 * Alignment quantities (Ben Arous, Gheissari, Huang, Jagannath 2023, arXiv:2310.03010, Def. 2.1 and
 * 2.2; docs/spectral.md) for a subspace B given by orthonormal vectors. ρ(v, B) = |P_B v|/|v|;
 * ε*(A, B) = ‖P_{B⊥} A‖_op/‖A‖_op (the smallest ε with "A lives in B up to ε", Def. 2.2, attained by M = P_{B⊥}A: any admissible M has
 * P_{B⊥}M = P_{B⊥}A); and the eigen-gap warning for E_k(A).
 */
public final class Alignment {
  private Alignment() {}

  /** ρ(v, B) for B spanned by the orthonormal rows of basis. */
  public static double rho(double[] v, double[][] basis) {
    double vv = 0;
    for (double x : v) vv += x * x;
    if (!(vv > 0)) throw new IllegalArgumentException("v must be non-zero");
    double pp = 0;
    for (double[] b : basis) {
      Check.length("basis vector", b, v.length);
      double d = 0;
      for (int t = 0; t < v.length; t++) d += b[t] * v[t];
      pp += d * d;
    }
    return Math.sqrt(pp / vv);
  }

  /**
   * A warning when |values[k-1]| and |values[k]| are within the relative tolerance (E_k then is
   * ill-defined), or null. values: by decreasing |value|, at least k + 1 of them.
   */
  public static String gapWarning(double[] values, int k, double relTol) {
    if (k < 1 || k >= values.length) {
      throw new IllegalArgumentException("k must be in [1, " + (values.length - 1) + "] to test the gap, got " + k);
    }
    double a = Math.abs(values[k - 1]);
    double b = Math.abs(values[k]);
    if (a - b <= relTol * a) {
      return String.format(java.util.Locale.ROOT,
          "eigen-gap warning: |lambda_%d| = %.6g and |lambda_%d| = %.6g are within %.3g relative; E_%d is ill-defined",
          k, a, k + 1, b, relTol, k);
    }
    return null;
  }

  /**
   * ε*(A, B) = ‖P_{B⊥} A‖_op/‖A‖_op for symmetric A: ‖P_{B⊥}A‖_op² is the top eigenvalue of
   * A P_{B⊥} A, computed by {@link Lanczos} (‖A‖_op likewise), so A is used only through products.
   */
  public static double epsilonStar(SymmetricOperator a, double[][] basis, double tol,
      org.apache.commons.rng.UniformRandomProvider rng) {
    int n = a.dimension();
    double normA = Math.abs(Lanczos.top(a, 1, tol, rng).values()[0]);
    if (normA == 0) throw new IllegalArgumentException("A must be non-zero");
    double[] tmp = new double[n];
    SymmetricOperator apa = new SymmetricOperator() {
      @Override public int dimension() { return n; }
      @Override public void apply(double[] x, double[] y) {
        a.apply(x, tmp);
        for (double[] b : basis) {
          double d = 0;
          for (int t = 0; t < n; t++) d += b[t] * tmp[t];
          for (int t = 0; t < n; t++) tmp[t] -= d * b[t];
        }
        a.apply(tmp, y);
      }
    };
    double top = Lanczos.top(apa, 1, tol, rng).values()[0];
    return Math.sqrt(Math.max(top, 0)) / normA;
  }
}
