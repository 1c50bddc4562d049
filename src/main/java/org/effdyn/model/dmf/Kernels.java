package org.effdyn.model.dmf;

/**
 * The deterministic part of one DMF forward sweep (the system (P1)–(P4) of the package
 * documentation; docs/dmf.md): the propagators (P1), the parameter side (P2) and the causal square
 * root of V_θ, built column by column. The sample side
 * (P4: α, V_ω, B_θ at time l) is supplied by the caller, exactly ({@link ExactSweep}) or by Monte
 * Carlo ({@link MonteCarloSweep}).
 *
 * <p>Causality: column l of Λ̃, λ̃(l), α̃(·,l), β(·,l), V_θ(≤l,l) need B_θ, α and V_ω only
 * at times &lt; l, so {@link #prologue(int)} at step l followed by {@link #epilogue(int)} once the
 * caller has filled column l of B_θ, α(·,l) and V_ω(≤l,l) solves the triangular system with no
 * fixed point. The inverses (I + ΛB_θ)^{-1} and (I + B_θΛ)^{-1} are unit-triangular, so one
 * column costs O(L²) and a sweep O(L³), with no allocation.
 */
final class Kernels {
  /**
   * Relative size of a Schur complement below which the Cholesky pivot is set to 0 (1e-12 was
   * tried first). Measured: with 1e-12 or 1e-10 the substitution through tiny accepted pivots is
   * unstable on the Monte Carlo V_θ of the affine heavy-ball case (Schur complements of −1e-4
   * relative at l = 18); 1e-8 is stable there, and dropping directions of relative variance
   * below 1e-8 changes the law of h by far less than the Monte Carlo error.
   */
  static final double ZERO_PIVOT = 1e-8;
  /**
   * Relative negative Schur complement beyond rounding: V_θ is not PSD. The substitution through
   * pivots near the 1e-12 cutoff amplifies rounding to ~1e-8 relative (measured on the singular
   * Krylov-type V_θ of the affine case), so only a clearly negative complement is an error.
   */
  static final double NEGATIVE_PIVOT = 1e-4;

  final int n;            // L
  final int k;            // K classes
  final double gamma;
  final double[] rho;
  final double[][] nu;    // (K+1) x (K+1)
  final double[] lam;
  final double[][] big;   // Λ(μ,l)

  final double[][] bTheta;      // B_θ(μ,l), upper incl. diagonal
  final double[][] lamB;        // (Λ B_θ)(i,j), filled column by column
  final double[][] lt;          // Λ̃(μ,l), strictly upper
  final double[] ltSmall;       // λ̃(l)
  final double[][] alpha;       // α(y,l)
  final double[][] alphaT;      // α̃(a,l), a in 0..K (K = θ0: −λ̃)
  final double[][] beta;        // β(y,l)
  final double[][] vTheta;      // symmetric
  final double[][] aTheta;      // upper, V_θ = Aᵀ A
  final double[][] vOmega;      // symmetric, V_ω = Σ_y V_ω(y)
  final double[][][] vOmegaY;   // per class
  final double[] bw;            // b_ω(μ,l) = −γ Λ̃(μ,l) of the current column
  private final double[] work;
  private final double[] nuAlphaT;

  Kernels(DmfProblem problem, Coefficients c) {
    n = c.iterations();
    k = problem.classes();
    gamma = problem.gamma();
    rho = problem.rho();
    nu = problem.nu();
    lam = c.lambda();
    big = c.bigLambda();
    bTheta = new double[n][n];
    lamB = new double[n][n];
    lt = new double[n][n];
    ltSmall = new double[n];
    alpha = new double[k][n];
    alphaT = new double[k + 1][n];
    beta = new double[k][n];
    vTheta = new double[n][n];
    aTheta = new double[n][n];
    vOmega = new double[n][n];
    vOmegaY = new double[k][n][n];
    bw = new double[n];
    work = new double[n];
    nuAlphaT = new double[k + 1];
  }

  /**
   * Step l, before the sample side: Λ̃(·,l), λ̃(l), α̃(·,l), β(·,l), V_θ(≤l,l) and b_ω(·,l). The
   * Monte Carlo sweep then calls {@link #choleskyColumn(int)}.
   *
   * @throws DmfException if V_θ stops being positive semidefinite or finite
   */
  void prologue(int l) {
    // (P1) Λ̃(·,l): (I + ΛB) x = Λ(·,l), back substitution over i < l (ΛB strictly upper).
    for (int i = l - 1; i >= 0; i--) {
      double s = big[i][l];
      for (int j = i + 1; j < l; j++) s -= lamB[i][j] * lt[j][l];
      lt[i][l] = s;
    }
    // λ̃(l) = λ(l) − Σ_{i<l} λ̃(i) (BΛ)(i,l), (BΛ)(i,l) = Σ_{i<=m<l} B(i,m) Λ(m,l).
    double s = lam[l];
    for (int i = 0; i < l; i++) {
      double bl = 0;
      for (int m = i; m < l; m++) bl += bTheta[i][m] * big[m][l];
      s -= ltSmall[i] * bl;
    }
    ltSmall[l] = s;
    // α̃(y,l) = Σ_{μ &lt; l} α(y,μ) Λ̃(μ,l);  α̃(*,l) = −λ̃(l)
    for (int y = 0; y < k; y++) {
      double a = 0;
      for (int mu = 0; mu < l; mu++) a += alpha[y][mu] * lt[mu][l];
      alphaT[y][l] = a;
    }
    alphaT[k][l] = -ltSmall[l];
    // (P2) β(l,y) = −Σ_a ν(y,a) α̃(a,l)
    for (int y = 0; y < k; y++) {
      double b = 0;
      for (int a = 0; a <= k; a++) b -= nu[y][a] * alphaT[a][l];
      beta[y][l] = b;
    }
    // V_θ(m,l) = Σ_ab ν(a,b) α̃(a,m) α̃(b,l) + γ (Λ̃ᵀ V_ω Λ̃)(m,l), m <= l.
    for (int i = 0; i < l; i++) {
      double u = 0;
      for (int j = 0; j < l; j++) u += vOmega[i][j] * lt[j][l];
      work[i] = u;                                   // (V_ω Λ̃)(i,l)
    }
    for (int a = 0; a <= k; a++) {
      double na = 0;
      for (int b = 0; b <= k; b++) na += nu[a][b] * alphaT[b][l];
      nuAlphaT[a] = na;                              // (ν α̃(·,l))_a
    }
    for (int m = 0; m <= l; m++) {
      double v = 0;
      for (int a = 0; a <= k; a++) v += alphaT[a][m] * nuAlphaT[a];
      double w = 0;
      for (int i = 0; i < m; i++) w += lt[i][m] * work[i];
      v += gamma * w;
      vTheta[m][l] = v;
      vTheta[l][m] = v;
    }
    double vll = vTheta[l][l];
    if (!Double.isFinite(vll) || vll < -NEGATIVE_PIVOT * Math.max(maxDiag(l), Double.MIN_NORMAL)) {
      throw new DmfException(l, "V_theta(" + l + "," + l + ") = " + vll
          + (Double.isFinite(vll) ? " is negative: V_theta is not positive semidefinite at iteration " + l
              : " is not finite at iteration " + l));
    }
    for (int mu = 0; mu < n; mu++) bw[mu] = mu < l ? -gamma * lt[mu][l] : 0;
  }

  /** Step l, after B_θ(·,l), α(·,l) and V_ω(≤l,l) are in: the column l of ΛB_θ. */
  void epilogue(int l) {
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int m = i + 1; m <= l; m++) v += big[i][m] * bTheta[m][l];
      lamB[i][l] = v;
    }
  }

  /**
   * Column l of the upper factor A (V_θ = AᵀA) by forward substitution, skipping zero pivots; the
   * pivot is 0 when the Schur complement is at most {@link #ZERO_PIVOT} V_θ(l,l):
   * V_θ is numerically singular over long horizons and the sampler needs only some causal root.
   */
  void choleskyColumn(int l) {
    double vll = vTheta[l][l];
    double r = vll;
    for (int i = 0; i < l; i++) {
      double a = 0;
      if (aTheta[i][i] > 0) {
        a = vTheta[i][l];
        for (int j = 0; j < i; j++) a -= aTheta[j][i] * aTheta[j][l];
        a /= aTheta[i][i];
      }
      aTheta[i][l] = a;
      r -= a * a;
    }
    if (!Double.isFinite(r)) {
      throw new DmfException(l, "the Cholesky column of V_theta is not finite at iteration " + l);
    }
    minRelativePivot = Math.min(minRelativePivot, r / Math.max(maxDiag(l), Double.MIN_NORMAL));
    if (r < -NEGATIVE_PIVOT * Math.max(maxDiag(l), Double.MIN_NORMAL)) {
      throw new DmfException(l, "V_theta is not positive semidefinite at iteration " + l
          + ": Schur complement " + r + " < 0 with V_theta(" + l + "," + l + ") = " + vll);
    }
    aTheta[l][l] = r > ZERO_PIVOT * Math.max(vll, Double.MIN_NORMAL) ? Math.sqrt(r) : 0;
  }

  /** max_{i<=l} V_θ(i,i), the scale of the PSD checks. */
  private double maxDiag(int l) {
    double m = 0;
    for (int i = 0; i <= l; i++) m = Math.max(m, Math.abs(vTheta[i][i]));
    return m;
  }

  /** Smallest Schur complement / max diag(V_θ) met so far (diagnostic of the root's accuracy). */
  double minRelativePivot = Double.POSITIVE_INFINITY;

  /** Symmetrizes V_ω(y) and V_ω once column l (rows ≤ l) is in. */
  void symmetrizeOmega(int l) {
    for (int m = 0; m <= l; m++) {
      double v = 0;
      for (int y = 0; y < k; y++) {
        vOmegaY[y][l][m] = vOmegaY[y][m][l];
        v += vOmegaY[y][m][l];
      }
      vOmega[m][l] = v;
      vOmega[l][m] = v;
    }
  }
}
