package org.effdyn.model.dmf;

/**
 * Exact DMF for affine ω(p,y) = a p − c_y (square loss, identity activation: a = 1, c_y = t_y),
 * docs/dmf.md. Everything is Gaussian. With b_ω = −γΛ̃ and T lower triangular,
 * T(l,·) = e_l + a Σ_{μ &lt; l} b_ω(μ,l) T(μ,·) (so p̂ = T h solves the memory recursion),
 * \[ m_y(l) = \beta(l,y) + \sum_{\mu &lt; l} b_\omega(\mu,l)(a\,m_y(\mu) - c_y),\quad
 *    \mathrm{Cov}(p) = T V_\theta T^T, \]
 * \[ \alpha(l,y) = \rho_y(a\,m_y(l) - c_y),\quad
 *    V_\omega(y) = \rho_y[a^2 T V_\theta T^T + (a m_y - c_y)(a m_y - c_y)^T],\quad
 *    B_\theta(\mu,l) = a\,T(l,\mu), \]
 * inserted in the causal forward sweep ({@link Kernels}). Deterministic, to machine precision;
 * cost O(L³).
 */
public final class ExactSweep {
  private ExactSweep() {}

  /**
   * Solves the DMF of an affine problem ({@link Perceptron#isAffine()}).
   *
   * @throws IllegalArgumentException if ω is not affine
   * @throws DmfException if V_θ stops being finite (divergence)
   */
  public static DmfSolution solve(DmfProblem problem) {
    return solve(problem, problem.coefficients());
  }

  /** As {@link #solve(DmfProblem)} with given coefficients (their L overrides the problem's). */
  public static DmfSolution solve(DmfProblem problem, Coefficients coefficients) {
    Perceptron model = problem.perceptron();
    if (!model.isAffine()) {
      throw new IllegalArgumentException("loss must be linear_sq (affine omega) for the exact "
          + "sweep, got " + model.kind().cardName() + "; use MonteCarloSweep");
    }
    final double a = 1;
    int k = problem.classes();
    double[] c = new double[k];
    for (int y = 0; y < k; y++) c[y] = a * model.target(y);
    Kernels ker = new Kernels(problem, coefficients);
    int n = ker.n;
    double[][] t = new double[n][n];
    double[][] mean = new double[k][n];
    double[] tv = new double[n];
    double[] cp = new double[n];
    double[] lossTrain = new double[n];
    double[] errTrain = new double[n];
    double[] lossTest = new double[n];
    double[] errTest = new double[n];
    double thr = model.threshold();
    for (int l = 0; l < n; l++) {
      ker.prologue(l);
      double[] bw = ker.bw;
      for (int j = 0; j <= l; j++) {
        double v = j == l ? 1 : 0;
        for (int mu = j; mu < l; mu++) v += a * bw[mu] * t[mu][j];
        t[l][j] = v;
      }
      for (int y = 0; y < k; y++) {
        double m = ker.beta[y][l];
        for (int mu = 0; mu < l; mu++) m += bw[mu] * (a * mean[y][mu] - c[y]);
        mean[y][l] = m;
        ker.alpha[y][l] = ker.rho[y] * (a * m - c[y]);
      }
      // Cov(p)(m,l) = T(m,·) V_θ T(l,·)ᵀ for m <= l; T(l,·) has support <= l.
      for (int i = 0; i <= l; i++) {
        double v = 0;
        for (int j = 0; j <= l; j++) v += ker.vTheta[i][j] * t[l][j];
        tv[i] = v;
      }
      for (int m = 0; m <= l; m++) {
        double v = 0;
        for (int i = 0; i <= m; i++) v += t[m][i] * tv[i];
        cp[m] = v;
      }
      for (int y = 0; y < k; y++) {
        double rl = a * mean[y][l] - c[y];
        for (int m = 0; m <= l; m++) {
          ker.vOmegaY[y][m][l] = ker.rho[y] * (a * a * cp[m] + (a * mean[y][m] - c[y]) * rl);
        }
      }
      ker.symmetrizeOmega(l);
      for (int mu = 0; mu <= l; mu++) ker.bTheta[mu][l] = a * t[l][mu];
      ker.epilogue(l);
      double loss = 0;
      double err = 0;
      for (int y = 0; y < k; y++) {
        double r = mean[y][l] - model.target(y);
        loss += ker.rho[y] * 0.5 * (r * r + cp[l]);
        double below = TestObservables.below(mean[y][l], cp[l], thr);
        err += ker.rho[y] * (model.positive(y) ? below : 1 - below);
      }
      lossTrain[l] = loss;
      errTrain[l] = err;
      lossTest[l] = TestObservables.loss(model, ker.rho, ker.beta, l, ker.vTheta[l][l]);
      errTest[l] = TestObservables.error(model, ker.rho, ker.beta, l, ker.vTheta[l][l]);
    }
    return new DmfSolution(lossTrain, errTrain, lossTest, errTest, ker.beta, ker.alpha,
        ker.vTheta, ker.vOmega, ker.bTheta, ker.lt, ker.ltSmall, ker.vOmegaY, null, "exact affine sweep");
  }
}
