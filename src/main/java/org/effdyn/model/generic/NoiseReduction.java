package org.effdyn.model.generic;

import org.effdyn.gauss.SymmetricEigen;

/**
 * The Gaussian reduction of {@link GenericLimit} at one state: reads (m, R⊥, θ), the class centres
 * s̄_c = m μ_c, and writes every noise projection as C η with η ~ N(0, I_r) and r as small as the form allows. Rows of C: s (p), t (q), Z⊥
 * (p). {@link GenericOptions.Form#REGRESSION} (and STEIN): C = Ω_{·,N} U₊ diag(w₊^{-1/2}) from the
 * eigendecomposition of Ω_NN, r = rank(Ω_NN) (|N| for the symmetric root); {@link GenericOptions.Form#DIRECT}:
 * the orthonormal coordinates of (x, ν), r = q + rank(R⊥). Then η is rotated ({@link GenericOptions.Root},
 * {@link EqualizedRoot}) and C scaled by λ^{-1/2}. One per thread; allocation-free.
 */
final class NoiseReduction {
  /** Relative eigenvalue cut of the rank decisions. */
  static final double RANK_TOL = 1e-12;
  /** Eigenvalues of R⊥ down to -1e-10 max(1, largest) are rounding (as {@link org.effdyn.gauss.CovarianceRoot}). */
  static final double PSD_TOLERANCE = 1e-10;

  private final LimitSetup setup;
  private final GenericOptions options;
  private final int p;
  private final int q;
  private final int k0;
  private final int classes;
  private final int nN;
  private final int[] labelAnchors;
  private final double[][] nbar;
  final double[][] m;
  final double[][] rp;
  final double[] theta;
  final double[][] alpha;
  private final double[][] omegaNN;
  /** Rows: s (p), t (q), Z⊥ (p); columns N (regression form). */
  private final double[][] omegaExt;
  private final SymmetricEigen eigN;
  private final SymmetricEigen eigP;
  /** C: rows s (p), t (q), Z⊥ (p); r columns in use. */
  final double[][] cm;
  /** Row i of C times U₊, scratch of the regression form. */
  private final double[] row;
  private final EqualizedRoot equalizer;
  /** s̄_c = m μ_c, per class. */
  final double[][] sbar;
  /** The integration dimension at the last state (0 at λ = ∞). */
  int r;

  NoiseReduction(LimitSetup s) {
    this.setup = s;
    this.options = s.options;
    this.p = s.p;
    this.q = s.q;
    this.k0 = s.k0;
    this.classes = s.classes;
    this.nN = s.nN;
    this.labelAnchors = s.labelAnchors;
    this.nbar = s.nbar;
    int rMax = s.rMax;
    this.m = new double[p][q];
    this.rp = new double[p][p];
    this.theta = new double[k0];
    this.alpha = new double[p][q];
    this.omegaNN = new double[nN][nN];
    this.omegaExt = new double[2 * p + q][nN];
    this.eigN = new SymmetricEigen(nN);
    this.eigP = new SymmetricEigen(p);
    this.cm = new double[2 * p + q][Math.max(rMax, nN)];
    this.row = new double[Math.max(rMax, nN)];
    int[] nRows = new int[nN];
    for (int k = 0; k < nN; k++) nRows[k] = nRow(k);
    this.equalizer = new EqualizedRoot(2 * p + q, nRows, Math.max(rMax, nN));
    this.sbar = new double[classes][p];
  }

  /**
   * Reads u and builds C and r.
   *
   * @throws IllegalArgumentException if R⊥ is not positive semidefinite up to rounding
   */
  void prepare(double[] u) {
    StatisticsLayout stats = setup.stats;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < q; b++) m[a][b] = u[stats.m(a, b)];
      for (int b = 0; b < p; b++) rp[a][b] = u[stats.rperp(a, b)];
    }
    for (int j = 0; j < k0; j++) theta[j] = u[stats.theta(j)];
    double[][] nbarInv = setup.nbarInv;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < q; b++) {
        double x = 0;
        for (int e = 0; e < q; e++) x += m[a][e] * nbarInv[e][b];
        alpha[a][b] = x;
      }
    }
    double[][] means = setup.means;
    for (int c = 0; c < classes; c++) {
      for (int a = 0; a < p; a++) {
        double x = 0;
        for (int b = 0; b < q; b++) x += m[a][b] * means[c][b];
        sbar[c][a] = x;
      }
    }
    if (!setup.finite) {
      r = 0;
      return;
    }
    // R⊥ is a Gram matrix: PSD up to rounding (CovarianceRoot's tolerance); beyond that the state is invalid
    eigP.compute(rp);
    double bound = -PSD_TOLERANCE * Math.max(1, Math.abs(eigP.value(0)));
    if (eigP.value(p - 1) < bound) {
      throw new IllegalArgumentException("Rperp must be positive semidefinite, but has eigenvalue " + eigP.value(p - 1)
          + " < " + bound + "; state " + setup.describe(u));
    }
    if (options.form() == GenericOptions.Form.DIRECT) buildDirect();
    else buildRegression();
    rotate();
    double sqrtLambdaInv = setup.sqrtLambdaInv;
    for (int i = 0; i < 2 * p + q; i++) for (int j = 0; j < r; j++) cm[i][j] *= sqrtLambdaInv;
  }

  /** Ω entry between rows i, j of (x^1..x^p, ν_1..ν_q). */
  private double omega(int i, int j) {
    if (i < p && j < p) {
      double x = rp[i][j];
      for (int b = 0; b < q; b++) x += alpha[i][b] * m[j][b];
      return x;
    }
    if (i < p) return m[i][j - p];
    if (j < p) return m[j][i - p];
    return nbar[i - p][j - p];
  }

  /** Index in (x, ν) of integrated direction k of N. */
  private int nRow(int k) {
    return k < p ? k : p + labelAnchors[k - p];
  }

  private void buildRegression() {
    for (int k = 0; k < nN; k++) for (int l = 0; l < nN; l++) omegaNN[k][l] = omega(nRow(k), nRow(l));
    for (int l = 0; l < nN; l++) {
      int col = nRow(l);
      for (int i = 0; i < p + q; i++) omegaExt[i][l] = omega(i, col);
      // Cov(Z⊥_b, s_e) = R⊥_eb, Cov(Z⊥_b, t) = 0: P x^b is orthogonal to every anchor
      for (int b = 0; b < p; b++) omegaExt[p + q + b][l] = col < p ? rp[b][col] : 0;
    }
    eigN.compute(omegaNN);
    int rank = eigN.rank(RANK_TOL);
    boolean sym = options.root() == GenericOptions.Root.SYMMETRIC;
    // C = Ω_{·,N} U₊ diag(w₊^{-1/2}) [U₊ᵀ for the symmetric root, which keeps r = |N| fixed]
    for (int i = 0; i < 2 * p + q; i++) {
      for (int j = 0; j < rank; j++) {
        double x = 0;
        for (int l = 0; l < nN; l++) x += omegaExt[i][l] * eigN.vector(l, j);
        row[j] = x / Math.sqrt(eigN.value(j));
      }
      if (sym) {
        for (int j = 0; j < nN; j++) {
          double x = 0;
          for (int l = 0; l < rank; l++) x += row[l] * eigN.vector(j, l);
          cm[i][j] = x;
        }
      } else {
        for (int j = 0; j < rank; j++) cm[i][j] = row[j];
      }
    }
    r = sym ? nN : rank;
  }

  private void buildDirect() {
    double[][] lnu = setup.lnu;
    int rank = eigP.rank(RANK_TOL);
    r = q + rank;
    for (int a = 0; a < p; a++) {
      for (int j = 0; j < q; j++) {
        double x = 0;
        for (int b = j; b < q; b++) x += alpha[a][b] * lnu[b][j];
        cm[a][j] = x;
      }
      for (int k = 0; k < rank; k++) {
        double lp = eigP.vector(a, k) * Math.sqrt(eigP.value(k));
        cm[a][q + k] = lp;
        cm[p + q + a][q + k] = lp;
      }
      for (int j = 0; j < q; j++) cm[p + q + a][j] = 0;
    }
    for (int b = 0; b < q; b++) {
      for (int j = 0; j < q; j++) cm[p + b][j] = lnu[b][j];
      for (int k = 0; k < rank; k++) cm[p + b][q + k] = 0;
    }
  }

  /** Rotates η (the columns of C): the equalized root unless principal or already symmetric. */
  private void rotate() {
    GenericOptions.Root root = options.root();
    if (r < 2 || root == GenericOptions.Root.PRINCIPAL) return;
    if (root == GenericOptions.Root.SYMMETRIC && options.form() == GenericOptions.Form.REGRESSION) return;
    equalizer.apply(cm, r);
  }
}
