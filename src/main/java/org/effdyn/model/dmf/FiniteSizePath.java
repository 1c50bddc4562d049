package org.effdyn.model.dmf;

/**
 * One finite-size path ξ = (Θ, Q, P, Ω) of a full-batch run or of the alternative process, in
 * complex arithmetic (imaginary parts 0 for real processes): row l of {@code theta} is θ(l) ∈ C^d,
 * row l of {@code q} is q(l), and for class y, {@code p[y]} and {@code omega[y]} are n_y × L
 * (row i, column l = p_i(l), ω_i(l)). Mutable workspace.
 */
public final class FiniteSizePath {
  final ComplexMatrix theta;
  final ComplexMatrix q;
  final ComplexMatrix[] p;
  final ComplexMatrix[] omega;

  /** Zero path of the sizes of {@code setup}. */
  public FiniteSizePath(FiniteSizeSetup setup) {
    int l = setup.iterations();
    int d = setup.dimension();
    theta = new ComplexMatrix(l, d);
    q = new ComplexMatrix(l, d);
    int k = setup.classes();
    p = new ComplexMatrix[k];
    omega = new ComplexMatrix[k];
    for (int y = 0; y < k; y++) {
      p[y] = new ComplexMatrix(setup.count(y), l);
      omega[y] = new ComplexMatrix(setup.count(y), l);
    }
  }

  /** θ(l) as rows (read-only view of the workspace). */
  public ComplexMatrix theta() {
    return theta;
  }

  /** Pre-activations of class y, n_y × L. */
  public ComplexMatrix preActivations(int y) {
    return p[y];
  }

  /** Per-sample factors ω of class y, n_y × L. */
  public ComplexMatrix omega(int y) {
    return omega[y];
  }

  /**
   * θ(l) = λ(l) θ0 − Σ_{μ&lt;l} Λ(μ,l) q(μ) ({@link Coefficients}) written into row l of {@code theta}.
   */
  void queryPoint(FiniteSizeSetup s, int l) {
    int d = s.dimension();
    double[] th0 = s.init();
    double lam = s.lam(l);
    int o = l * d;
    for (int k = 0; k < d; k++) {
      theta.re[o + k] = lam * th0[k];
      theta.im[o + k] = 0;
    }
    for (int m = 0; m < l; m++) {
      double c = s.bigLam(m, l);
      if (c == 0) continue;
      int om = m * d;
      for (int k = 0; k < d; k++) {
        theta.re[o + k] -= c * q.re[om + k];
        theta.im[o + k] -= c * q.im[om + k];
      }
    }
  }
}
