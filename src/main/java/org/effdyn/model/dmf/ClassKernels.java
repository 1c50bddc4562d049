package org.effdyn.model.dmf;

/**
 * Per-class DMF kernels that {@link DmfSolution} does not store: V_ω(y) = ρ_y E[ω_y ω_yᵀ] (the
 * seed's V̄_ω(y)), needed for the Cholesky factors A_ω(y) of the finite-size DMF realisation
 * (§9(d)3) and of the fluctuation parameters (§9(d)4). For affine ω(p,y) = p − t_y (LINEAR_SQ)
 * they follow exactly from the solution, as in §9(c)4: with b_ω = −γΛ̃ and
 * T(l,·) = e_l + Σ_{μ&lt;l} b_ω(μ,l) T(μ,·),
 * \[ m_y(l) = \beta(l,y) + \sum_{\mu<l} b_\omega(\mu,l)(m_y(\mu) - t_y),\qquad
 *    V_\omega(y) = \rho_y[T V_\theta T^T + (m_y - t_y)(m_y - t_y)^T]. \]
 */
final class ClassKernels {
  private ClassKernels() {}

  /** V_ω(y), K × L × L, of an affine problem's exact DMF solution. */
  static double[][][] vOmegaAffine(DmfProblem problem, DmfSolution sol) {
    Perceptron model = problem.perceptron();
    if (!model.isAffine()) {
      throw new IllegalArgumentException("loss must be linear_sq for the exact per-class kernels, got "
          + model.kind().cardName());
    }
    int L = sol.iterations();
    int k = problem.classes();
    double gamma = problem.gamma();
    double[][] lt = sol.lambdaTilde();
    double[][] vt = sol.vTheta();
    double[][] t = new double[L][L];
    for (int l = 0; l < L; l++) {
      for (int j = 0; j <= l; j++) {
        double v = j == l ? 1 : 0;
        for (int mu = j; mu < l; mu++) v += -gamma * lt[mu][l] * t[mu][j];
        t[l][j] = v;
      }
    }
    double[][] cov = new double[L][L];
    for (int a = 0; a < L; a++) {
      for (int b = 0; b < L; b++) {
        double v = 0;
        for (int i = 0; i <= a; i++) for (int j = 0; j <= b; j++) v += t[a][i] * vt[i][j] * t[b][j];
        cov[a][b] = v;
      }
    }
    double[][][] out = new double[k][L][L];
    for (int y = 0; y < k; y++) {
      double c = model.target(y);
      double[] r = new double[L];
      double[] m = new double[L];
      for (int l = 0; l < L; l++) {
        double v = sol.beta()[y][l];
        for (int mu = 0; mu < l; mu++) v += -gamma * lt[mu][l] * (m[mu] - c);
        m[l] = v;
        r[l] = v - c;
      }
      for (int a = 0; a < L; a++) {
        for (int b = 0; b < L; b++) out[y][a][b] = problem.rho(y) * (cov[a][b] + r[a] * r[b]);
      }
    }
    return out;
  }
}
