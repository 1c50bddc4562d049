package org.effdyn.model.dmf;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The fluctuation parameters of Panahi 2026 (arXiv:2603.09310, §6.2, Definition 2 and
 * Proposition 2), θ side, with two corrections of the printed Proposition 2 (docs/corrections.md):
 * in V''_θ the cross term is α̃(a)g̃_o(a) (the printed x̂(y)g̃_o(y)ᵀ mixes a d-vector with an L-row)
 * and the Wishart term is centred at Λ̃ᵀV_ωΛ̃, the covariance of g̃_e, not at V_θ; in C''_θ(y) the
 * sum runs over Y* without the printed factor ω_eᵀ(y), and the Wishart part has a factor √γ and is
 * centred at A_ω(y)Λ̃ (invisible in the paper's Fig. 3, where γ = 1). One step of Algorithm 1 from
 * the DMF recomputes, on the finite-size DMF realisation Θ = Θ_d − G̃Λ̃/√n
 * (Θ_d = −Σ_{a∈Y*} μ_a α̃(a)ᵀ, G̃ = Σ_y G_y A_ω(y)), the random quantities
 * V'_θ = ΘᵀΘ, C'_θ(y) = G_yᵀΘ/√n and β'(y) = μ_yᵀΘ. Their O(n^{-1/2}) fluctuations are matched by
 * Gaussian fluctuation parameters g_e(y) ~ N(0, I_L) and g_o(y,a) = μ_aᵀG_y (Cov = ν(a,b) I_L),
 * with g̃_e = Σ_y g_e(y)ᵀA_ω(y)Λ̃ and g̃_o(a) = Σ_y g_o(y,a)ᵀA_ω(y)Λ̃:
 * \[ V''_\theta = V_\theta + \tfrac{1}{\sqrt n}\Big[\sum_{a\in Y^*}(\tilde\alpha(a)\tilde g_o(a) + \tilde g_o(a)^T\tilde\alpha(a)^T)
 *      + \sqrt\gamma\,(\tilde g_e^T\tilde g_e - \tilde\Lambda^T V_\omega\tilde\Lambda)\Big] \quad\text{(corrected)} \]
 * \[ C''_\theta(y) = \bar C_\theta(y) - \tfrac{1}{\sqrt n}\Big[\sum_{a\in Y^*} g_o(y,a)\tilde\alpha(a)^T
 *      + \sqrt\gamma\,(g_e(y)\tilde g_e - A_\omega(y)\tilde\Lambda)\Big] \quad\text{(corrected)},\qquad
 *    \bar C_\theta(y) = -\gamma A_\omega(y)\tilde\Lambda \]
 * \[ \beta''(y) = \beta(y) - \tilde g_o(y)/\sqrt n \quad\text{(exact)}. \]
 *
 * <p>Besides the surrogate sampler ({@link #sample}) the class gives the first two moments in
 * closed form. With S = Λ̃ᵀV_ωΛ̃, N = Σ_{a,b} ν(a,b) α̃(a)α̃(b)ᵀ (so V_θ = N + γS, (P2)) and
 * F(y) = A_ω(y)Λ̃, Isserlis' theorem gives, for the surrogates <em>and</em> exactly for the primed
 * quantities of the DMF realisation at any finite d, n:
 * <ul>
 * <li>E V''_θ = V_θ; n Cov(V''(l,m), V''(l',m')) = N_{ll'}S_{mm'} + N_{lm'}S_{ml'} + N_{ml'}S_{lm'}
 *     + N_{mm'}S_{ll'} + γ(S_{ll'}S_{mm'} + S_{lm'}S_{ml'});</li>
 * <li>E C''_θ(y) = C̄_θ(y); n Cov(C''(m,l), C''(m',l')) = δ_{mm'}(N_{ll'} + γS_{ll'})
 *     + γF(y)_{ml'}F(y)_{m'l};</li>
 * <li>E β''(y) = β(y); n Cov(β''(l,y), β''(l',y')) = ν(y,y')S_{ll'}.</li>
 * </ul>
 * The printed V''_θ of Panahi 2026 centres the Wishart term at V_θ instead of S, which shifts the
 * mean by √(γ/n)(S − V_θ) (an O(n^{-1/2}) bias); {@link #printedVThetaMean()} gives it.
 *
 * <p>The ω side ({@link #sampleOmegaSide}: α''(y), V''_ω(y), moment-matched single-sample
 * surrogates) is also given; C''_ω(y) is not (it needs the per-class response B_θ(y)).
 *
 * <p>Immutable after construction except for the sampler's scratch: one instance per thread.
 */
public final class FluctuationParameters {
  private final int L;
  private final int K;
  private final double gamma;
  private final int n;
  private final double[][] nu;
  private final double[][] nuRoot;
  private final double[][] vTheta;
  private final double[][] beta;
  private final double[][] alphaTilde; // (K+1) x L, index K = theta0 (-lambdaTilde)
  private final double[][][] f;        // F(y) = A_omega(y) LambdaTilde
  private final double[][] s;          // S = LambdaTilde^T V_omega LambdaTilde
  private final double[][] nMat;       // N = sum nu alphaTilde alphaTilde^T
  private final double[][] alpha;      // alpha(l, y) as [y][l]
  private final double[][][] vOmegaY;  // V_omega(y)
  private final double[] rho;          // class weights (null: no omega-side surrogates)
  private final double[][] aTheta;     // upper root of V_theta
  private final double[][] bOmega;     // b_omega = -gamma LambdaTilde
  private final double[] he;
  private final double[] pe;
  private final double[] we;
  // sampler scratch
  private final double[][] ge;
  private final double[][][] go;
  private final double[] gte;
  private final double[][] gto;
  private final double[] z;

  /**
   * @param lambdaTilde Λ̃, L × L strictly upper
   * @param lambdaInit  λ̃, length L
   * @param alpha       α(l,y) as [y][l]
   * @param beta        β(l,y) as [y][l]
   * @param vTheta      V_θ, L × L
   * @param vOmegaY     V_ω(y), K × L × L, positive definite
   * @param nu          Gram ν over Y*, (K+1) × (K+1)
   * @param gamma       γ = d/n
   * @param n           number of samples n
   */
  public FluctuationParameters(double[][] lambdaTilde, double[] lambdaInit, double[][] alpha,
      double[][] beta, double[][] vTheta, double[][][] vOmegaY, double[][] nu, double gamma, int n) {
    this(lambdaTilde, lambdaInit, alpha, beta, vTheta, vOmegaY, nu, gamma, n, null);
  }

  /**
   * As the 9-argument constructor, with the class weights ρ_y needed by the ω-side surrogates
   * ({@link #sampleOmegaSide}); null disables them.
   */
  public FluctuationParameters(double[][] lambdaTilde, double[] lambdaInit, double[][] alpha,
      double[][] beta, double[][] vTheta, double[][][] vOmegaY, double[][] nu, double gamma, int n,
      double[] rho) {
    L = lambdaInit.length;
    K = alpha.length;
    this.gamma = Check.positiveFinite("gamma", gamma);
    this.n = Check.atLeast("n", n, 1);
    if (vOmegaY.length != K || beta.length != K || nu.length != K + 1) {
      throw new IllegalArgumentException("vOmegaY, beta need " + K + " classes and nu "
          + (K + 1) + " rows");
    }
    this.nu = copy(nu);
    nuRoot = FiniteSizeSetup.gramRoot(nu);
    this.vTheta = copy(vTheta);
    this.beta = copy(beta);
    alphaTilde = new double[K + 1][L];
    for (int y = 0; y < K; y++) {
      for (int l = 0; l < L; l++) {
        double v = 0;
        for (int mu = 0; mu < L; mu++) v += alpha[y][mu] * lambdaTilde[mu][l];
        alphaTilde[y][l] = v;
      }
    }
    for (int l = 0; l < L; l++) alphaTilde[K][l] = -lambdaInit[l];
    f = new double[K][L][L];
    double[][] vw = new double[L][L];
    for (int y = 0; y < K; y++) {
      double[][] a;
      try {
        a = new CholeskyDecomposition(MatrixUtils.createRealMatrix(vOmegaY[y]), 1e-10, 1e-300)
            .getLT().getData();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("vOmegaY[" + y + "] must be symmetric positive "
            + "definite: " + e.getMessage(), e);
      }
      f[y] = mul(a, lambdaTilde);
      for (int i = 0; i < L; i++) for (int j = 0; j < L; j++) vw[i][j] += vOmegaY[y][i][j];
    }
    s = mul(transpose(lambdaTilde), mul(vw, lambdaTilde));
    nMat = new double[L][L];
    for (int a = 0; a <= K; a++) {
      for (int b = 0; b <= K; b++) {
        for (int l = 0; l < L; l++) {
          for (int m = 0; m < L; m++) nMat[l][m] += nu[a][b] * alphaTilde[a][l] * alphaTilde[b][m];
        }
      }
    }
    this.alpha = copy(alpha);
    this.vOmegaY = new double[K][][];
    for (int y = 0; y < K; y++) this.vOmegaY[y] = copy(vOmegaY[y]);
    this.rho = rho == null ? null : Check.length("rho", rho, K).clone();
    ComplexMatrix vc = new ComplexMatrix(L, L), ac = new ComplexMatrix(L, L);
    for (int i = 0; i < L; i++) for (int j = 0; j < L; j++) vc.set(i, j, vTheta[i][j], 0);
    ComplexCholesky.factor(vc, ac, L);
    aTheta = new double[L][L];
    bOmega = new double[L][L];
    for (int i = 0; i < L; i++) {
      for (int j = 0; j < L; j++) {
        aTheta[i][j] = ac.re(i, j);
        bOmega[i][j] = -gamma * lambdaTilde[i][j];
      }
    }
    he = new double[L];
    pe = new double[L];
    we = new double[L];
    ge = new double[K][L];
    go = new double[K][K + 1][L];
    gte = new double[L];
    gto = new double[K + 1][L];
    z = new double[K + 1];
  }

  /** From a DMF solution of {@code problem} at n samples (γ is the problem's d/n). */
  public static FluctuationParameters of(DmfProblem problem, DmfSolution sol, int n) {
    return new FluctuationParameters(sol.lambdaTilde(), sol.lambdaTildeInit(), sol.alpha(),
        sol.beta(), sol.vTheta(), sol.vOmegaByClass(), problem.nu(), problem.gamma(), n,
        problem.rho());
  }

  /**
   * One draw of the ω-side surrogates of Prop. 2 for class y (as printed, moment-matched, not
   * corrected): with h_e(y) ~ N(0, I_L) and ω_e the (P3) path of class y driven by
   * h = h_e(y)ᵀA_θ (a single "typical" sample: p(l) = β(l,y) + h(l) + Σ_{μ&lt;l} b_ω(μ,l) ω(p(μ))),
   * \[ \alpha''(y) = \alpha(y) + \sqrt{\rho_y/n}\,(\omega_e - \alpha(y)/\rho_y),\qquad
   *    V''_\omega(y) = V_\omega(y) + \sqrt{\rho_y/n}\,(\omega_e\omega_e^T - V_\omega(y)/\rho_y). \]
   * They match the mean and n·Cov of α'(y) = 1ᵀΩ_y/n and V'_ω(y) = Ω_yᵀΩ_y/n over the n_y i.i.d.
   * rows of the finite-size DMF realisation. C''_ω(y) needs the per-class response B_θ(y), which
   * {@link DmfSolution} does not store, and is not implemented. Allocates nothing.
   *
   * @param model    ω of the problem (real)
   * @param alphaOut α''(l, y), length L
   * @param vOut     V''_ω(y), L × L
   */
  public void sampleOmegaSide(ZigguratSampler.NormalizedGaussian gauss, Perceptron model, int y,
      double[] alphaOut, double[][] vOut) {
    if (rho == null) throw new IllegalStateException("built without rho: no omega-side surrogates");
    for (int k = 0; k < L; k++) he[k] = gauss.sample();
    for (int l = 0; l < L; l++) {
      double p = beta[y][l];
      for (int m = 0; m <= l; m++) p += he[m] * aTheta[m][l];
      for (int mu = 0; mu < l; mu++) p += bOmega[mu][l] * we[mu];
      pe[l] = p;
      we[l] = model.omega(p, y);
    }
    double c = Math.sqrt(rho[y] / n);
    for (int l = 0; l < L; l++) {
      alphaOut[l] = alpha[y][l] + c * (we[l] - alpha[y][l] / rho[y]);
      for (int m = 0; m < L; m++) {
        vOut[l][m] = vOmegaY[y][l][m] + c * (we[l] * we[m] - vOmegaY[y][l][m] / rho[y]);
      }
    }
  }

  /** S = Λ̃ᵀV_ωΛ̃, the covariance of a row of G̃Λ̃ (and of g̃_e). Copy. */
  public double[][] noiseKernel() {
    return copy(s);
  }

  /** N = Σ_{a,b} ν(a,b) α̃(a)α̃(b)ᵀ (the mean part Θ_dᵀΘ_d of V_θ). Copy. */
  public double[][] meanKernel() {
    return copy(nMat);
  }

  /** α̃(a)(l), a ∈ Y* (index K = θ0, α̃(*) = −λ̃). Copy. */
  public double[][] alphaTilde() {
    return copy(alphaTilde);
  }

  /** E V''_θ = V_θ. Copy. */
  public double[][] vThetaMean() {
    return copy(vTheta);
  }

  /** Mean of the printed V''_θ of Panahi 2026, Prop. 2: V_θ + √(γ/n)(S − V_θ) (biased). */
  public double[][] printedVThetaMean() {
    double c = Math.sqrt(gamma / n);
    double[][] out = new double[L][L];
    for (int i = 0; i < L; i++) for (int j = 0; j < L; j++) out[i][j] = vTheta[i][j] + c * (s[i][j] - vTheta[i][j]);
    return out;
  }

  /** n Cov(V''_θ(l,m), V''_θ(l',m')). */
  public double nCovVTheta(int l, int m, int lp, int mp) {
    return nMat[l][lp] * s[m][mp] + nMat[l][mp] * s[m][lp] + nMat[m][lp] * s[l][mp]
        + nMat[m][mp] * s[l][lp] + gamma * (s[l][lp] * s[m][mp] + s[l][mp] * s[m][lp]);
  }

  /** E C''_θ(y) = C̄_θ(y) = −γA_ω(y)Λ̃, entry [m][l]. Copy. */
  public double[][] cThetaMean(int y) {
    double[][] out = new double[L][L];
    for (int i = 0; i < L; i++) for (int j = 0; j < L; j++) out[i][j] = -gamma * f[y][i][j];
    return out;
  }

  /** n Cov(C''_θ(y)(m,l), C''_θ(y)(m',l')). */
  public double nCovCTheta(int y, int m, int l, int mp, int lp) {
    double v = gamma * f[y][m][lp] * f[y][mp][l];
    if (m == mp) v += nMat[l][lp] + gamma * s[l][lp];
    return v;
  }

  /** n Cov(β''(l,y), β''(l',y')) = ν(y,y')S(l,l'). */
  public double nCovBeta(int y, int l, int yp, int lp) {
    return nu[y][yp] * s[l][lp];
  }

  /**
   * Draws the fluctuation parameters g_e(y), g_o(y,a) and writes one surrogate realisation:
   * {@code vOut} = V''_θ (L × L), {@code cOut[y]} = C''_θ(y) (L × L, entry [m][l]),
   * {@code betaOut[y][l]} = β''(l,y). Allocates nothing.
   */
  public void sample(ZigguratSampler.NormalizedGaussian gauss, double[][] vOut, double[][][] cOut,
      double[][] betaOut) {
    for (int y = 0; y < K; y++) {
      for (int k = 0; k < L; k++) ge[y][k] = gauss.sample();
      for (int k = 0; k < L; k++) {
        for (int a = 0; a <= K; a++) z[a] = gauss.sample();
        for (int a = 0; a <= K; a++) {
          double v = 0;
          for (int b = 0; b <= K; b++) v += nuRoot[a][b] * z[b];
          go[y][a][k] = v;
        }
      }
    }
    for (int l = 0; l < L; l++) {
      double e = 0;
      for (int y = 0; y < K; y++) for (int k = 0; k < L; k++) e += ge[y][k] * f[y][k][l];
      gte[l] = e;
      for (int a = 0; a <= K; a++) {
        double o = 0;
        for (int y = 0; y < K; y++) for (int k = 0; k < L; k++) o += go[y][a][k] * f[y][k][l];
        gto[a][l] = o;
      }
    }
    double rn = 1 / Math.sqrt(n);
    double sg = Math.sqrt(gamma);
    for (int l = 0; l < L; l++) {
      for (int m = 0; m < L; m++) {
        double cross = 0;
        for (int a = 0; a <= K; a++) cross += alphaTilde[a][l] * gto[a][m] + alphaTilde[a][m] * gto[a][l];
        vOut[l][m] = vTheta[l][m] + rn * (cross + sg * (gte[l] * gte[m] - s[l][m]));
      }
    }
    for (int y = 0; y < K; y++) {
      for (int m = 0; m < L; m++) {
        for (int l = 0; l < L; l++) {
          double t = 0;
          for (int a = 0; a <= K; a++) t += go[y][a][m] * alphaTilde[a][l];
          t += sg * (ge[y][m] * gte[l] - f[y][m][l]);
          cOut[y][m][l] = -gamma * f[y][m][l] - rn * t;
        }
      }
      for (int l = 0; l < L; l++) betaOut[y][l] = beta[y][l] - rn * gto[y][l];
    }
  }

  private static double[][] mul(double[][] a, double[][] b) {
    int r = a.length, k = b.length, c = b[0].length;
    double[][] o = new double[r][c];
    for (int i = 0; i < r; i++) for (int j = 0; j < k; j++) for (int q = 0; q < c; q++) o[i][q] += a[i][j] * b[j][q];
    return o;
  }

  private static double[][] transpose(double[][] a) {
    double[][] o = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) o[j][i] = a[i][j];
    return o;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }
}
