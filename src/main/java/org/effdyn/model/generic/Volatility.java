package org.effdyn.model.generic;

/**
 * The volatility Σ(u) of {@link GenericLimit#volatility}, in the layout's order:
 * \[ \Sigma = \kappa\, c_\delta\, \mathrm{Cov}(X),\quad X_{m,ab} = g_a t_b,\quad
 *    X_{R^\perp,ab} = g_a Z^\perp_b + g_b Z^\perp_a - \tfrac{c_\delta}{\lambda} g_a g_b,\quad
 *    X_\theta = \tfrac{c_\theta}{c_\delta}\gamma, \]
 * E[X] and E[X Xᵀ] accumulated at the nodes of the {@link MomentTable} with the linear factors (t, Z⊥)
 * at their conditional means given η, plus E[G K Gᵀ] for their conditional covariance K. One per thread;
 * allocates its accumulators per call (not a hot path).
 */
final class Volatility {
  private final LimitSetup setup;
  private final NoiseReduction red;
  private final MomentTable moments;
  private final StatisticsLayout stats;
  private final int p;
  private final int q;
  private final int k0;
  /** The accumulators [E[X] | E[X Xᵀ] (upper triangle)] while {@link #compute} runs. */
  private double[] vol;
  private double[] volX;
  private final double[] tv;
  private final double[] zpv;
  private final double[][] kcov;
  private final int[] pair = new int[2];

  Volatility(LimitSetup s, NoiseReduction red, MomentTable moments) {
    this.setup = s;
    this.red = red;
    this.moments = moments;
    this.stats = s.stats;
    this.p = s.p;
    this.q = s.q;
    this.k0 = s.k0;
    this.tv = new double[q];
    this.zpv = new double[p];
    this.kcov = new double[q + p][q + p];
  }

  /**
   * Writes Σ(u) into sigma (size × size, symmetric), at the state {@link NoiseReduction#prepare} read, with
   * the rule of {@link QuadratureRules#rule} (never pre-integration).
   */
  void compute(double[] u, QuadratureRules rules, double[][] sigma) {
    int n = stats.size();
    if (vol == null) {
      volX = new double[n];
    }
    vol = new double[n + n * n];
    moments.volatility = this;
    try {
      int r = red.r;
      moments.integrate(u, r == 0 ? null : rules.rule(r, false));
      double[] v = vol;
      double f = setup.kappa * setup.options.cDelta();
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double c = v[n + i * n + j] - v[i] * v[j];
          sigma[i][j] = f * c;
          sigma[j][i] = f * c;
        }
      }
      if (red.r > 0) addConditionalCovariance(sigma, f);
    } finally {
      vol = null;
      moments.volatility = null;
    }
  }

  /** Adds wc X and wc X Xᵀ at this node and class, X with the conditional means of (t, Z⊥). */
  void term(double[] x, int base, double wc, int c) {
    int nX = stats.size();
    int r = red.r;
    double[][] cm = red.cm;
    double[][] tbar = setup.tbar;
    double[] gs = moments.gs;
    double[] gth = moments.gth;
    double[] xv = volX;
    for (int b = 0; b < q; b++) {
      double v = tbar[c][b];
      for (int j = 0; j < r; j++) v += cm[p + b][j] * x[base + j];
      tv[b] = v;
    }
    for (int a = 0; a < p; a++) {
      double v = 0;
      for (int j = 0; j < r; j++) v += cm[p + q + a][j] * x[base + j];
      zpv[a] = v;
    }
    double corrector = setup.corrector;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < q; b++) xv[stats.m(a, b)] = gs[a] * tv[b];
      for (int e = a; e < p; e++) xv[stats.rperp(a, e)] = gs[a] * zpv[e] + gs[e] * zpv[a] - corrector * gs[a] * gs[e];
    }
    double ratio = setup.options.cTheta() / setup.options.cDelta();
    for (int j = 0; j < k0; j++) xv[stats.theta(j)] = ratio * gth[j];
    double[] v = vol;
    for (int i = 0; i < nX; i++) {
      double wi = wc * xv[i];
      v[i] += wi;
      int row = nX + i * nX;
      for (int j = i; j < nX; j++) v[row + j] += wi * xv[j];
    }
  }

  /**
   * Adds f E[G K Gᵀ] to sigma: K the conditional covariance of (t, Z⊥) given η,
   * K = diag(N̄, R⊥)/λ − C Cᵀ; G's entries are the g_a multiplying each linear factor, so only E[g_a g_e]
   * (the moment Ggg, all classes) enters.
   */
  private void addConditionalCovariance(double[][] sigma, double f) {
    int r = red.r;
    double[][] cm = red.cm;
    double[][] rp = red.rp;
    double[][] nbar = setup.nbar;
    double sqrtLambdaInv = setup.sqrtLambdaInv;
    double[] total = moments.total;
    int ggOff = setup.classes * p + p * setup.rMax;
    int nL = q + p; // linear factors: t_0..t_{q-1}, Z⊥_0..Z⊥_{p-1}
    for (int i = 0; i < nL; i++) {
      for (int j = 0; j < nL; j++) {
        double cov = i < q && j < q ? nbar[i][j] * sqrtLambdaInv * sqrtLambdaInv
            : i >= q && j >= q ? rp[i - q][j - q] * sqrtLambdaInv * sqrtLambdaInv : 0;
        int ri = i < q ? p + i : p + q + (i - q);
        int rj = j < q ? p + j : p + q + (j - q);
        for (int k = 0; k < r; k++) cov -= cm[ri][k] * cm[rj][k];
        kcov[i][j] = cov;
      }
    }
    int n = stats.size();
    // each coordinate X_i = sum over (g index, linear factor) pairs; list them: at most 2 terms
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double add = 0;
        for (int ti = 0; ti < terms(i); ti++) {
          for (int tj = 0; tj < terms(j); tj++) {
            int ga = termG(i, ti);
            int gb = termG(j, tj);
            double egg = total[ggOff + Math.min(ga, gb) * p + Math.max(ga, gb)];
            add += egg * kcov[termL(i, ti)][termL(j, tj)];
          }
        }
        sigma[i][j] += f * add;
        if (j != i) sigma[j][i] += f * add;
      }
    }
  }

  /** Number of (g, linear factor) products in X_i: 1 for m, 2 for R⊥, 0 for θ. */
  private int terms(int i) {
    if (i < p * q) return 1;
    return i < p * q + p * (p + 1) / 2 ? 2 : 0;
  }

  /** The g index of term k of X_i: m_ab → a; R⊥_ae → a (k = 0: g_a Z⊥_e) or e (k = 1: g_e Z⊥_a). */
  private int termG(int i, int k) {
    if (i < p * q) return i / q;
    int[] ae = rperpPair(i);
    return k == 0 ? ae[0] : ae[1];
  }

  /** The linear factor of term k of X_i (0..q-1: t_b; q + e: Z⊥_e). */
  private int termL(int i, int k) {
    if (i < p * q) return i % q;
    int[] ae = rperpPair(i);
    return q + (k == 0 ? ae[1] : ae[0]);
  }

  private int[] rperpPair(int i) {
    for (int a = 0; a < p; a++) {
      for (int e = a; e < p; e++) {
        if (stats.rperp(a, e) == i) {
          pair[0] = a;
          pair[1] = e;
          return pair;
        }
      }
    }
    throw new IllegalStateException("not an Rperp index: " + i);
  }
}
