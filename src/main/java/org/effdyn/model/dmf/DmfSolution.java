package org.effdyn.model.dmf;

/**
 * The DMF solution on iterations l = 0..L−1 (Panahi 2026, arXiv:2603.09310, §6.1, eqs. (26)–(32);
 * docs/dmf.md): order parameters,
 * two-time kernels and the observables, with the Monte Carlo standard error of every entry
 * ({@link #standardError()}; null for the exact affine sweep).
 *
 * <p>Kernels are L × L with entry [μ][l] (row μ, column l): V_θ and V_ω symmetric, B_θ upper,
 * Λ̃ strictly upper. Per-class arrays are [y][l]. Accessors return the internal arrays for speed;
 * treat them as read-only.
 */
public final class DmfSolution {
  private final double[] lossTrain;
  private final double[] errTrain;
  private final double[] lossTest;
  private final double[] errTest;
  private final double[][] beta;
  private final double[][] alpha;
  private final double[][] vTheta;
  private final double[][] vOmega;
  private final double[][] bTheta;
  private final double[][] lambdaTilde;
  private final double[] lambdaTildeInit;
  private final double[][][] vOmegaByClass;
  private final DmfSolution standardError;
  private final String method;

  DmfSolution(double[] lossTrain, double[] errTrain, double[] lossTest, double[] errTest,
      double[][] beta, double[][] alpha, double[][] vTheta, double[][] vOmega, double[][] bTheta,
      double[][] lambdaTilde, double[] lambdaTildeInit, double[][][] vOmegaByClass,
      DmfSolution standardError, String method) {
    this.lossTrain = lossTrain;
    this.errTrain = errTrain;
    this.lossTest = lossTest;
    this.errTest = errTest;
    this.beta = beta;
    this.alpha = alpha;
    this.vTheta = vTheta;
    this.vOmega = vOmega;
    this.bTheta = bTheta;
    this.lambdaTilde = lambdaTilde;
    this.lambdaTildeInit = lambdaTildeInit;
    this.vOmegaByClass = vOmegaByClass;
    this.standardError = standardError;
    this.method = method;
  }

  /** Number of iterations L. */
  public int iterations() {
    return lossTrain.length;
  }

  /** Number of classes K. */
  public int classes() {
    return beta.length;
  }

  /** Train loss Σ_y ρ_y E ℓ(act(p_y(l)), y) over the effective process (P3). */
  public double[] lossTrain() {
    return lossTrain;
  }

  /** Train error Σ_y ρ_y P[p_y(l) on the wrong side of the threshold]. */
  public double[] errTrain() {
    return errTrain;
  }

  /** Test loss Σ_y ρ_y E ℓ(act(β(l,y) + √V_θ(l,l) ξ), y) (no memory term). */
  public double[] lossTest() {
    return lossTest;
  }

  /** Test error from β(l,·) and V_θ(l,l) (Gaussian tails). */
  public double[] errTest() {
    return errTest;
  }

  /** β(l,y) = μ_y·θ(l), as [y][l]. */
  public double[][] beta() {
    return beta;
  }

  /** α(l,y) = ρ_y E ω(p_y(l), y), as [y][l]. */
  public double[][] alpha() {
    return alpha;
  }

  /** V_θ(μ,l) = θ(μ)·θ(l). */
  public double[][] vTheta() {
    return vTheta;
  }

  /** V_ω(μ,l) = Σ_y ρ_y E[ω_y(μ) ω_y(l)]. */
  public double[][] vOmega() {
    return vOmega;
  }

  /** B_θ(μ,l) = Σ_y ρ_y E ∂ω_y(l)/∂h(μ) (upper). */
  public double[][] bTheta() {
    return bTheta;
  }

  /** Λ̃ = (I + ΛB_θ)^{-1}Λ (strictly upper); the memory kernel is b_ω = −γΛ̃. */
  public double[][] lambdaTilde() {
    return lambdaTilde;
  }

  /** λ̃ᵀ = λᵀ(I + B_θΛ)^{-1}, the propagator of the initialization. */
  public double[] lambdaTildeInit() {
    return lambdaTildeInit;
  }

  /**
   * V_ω(μ,l;y) = ρ_y E[ω_y(μ) ω_y(l)] per class, as [y][μ][l] (they sum to {@link #vOmega()}); for a
   * finite-d run (1/n) Σ_{i: y_i = y} ω_i(μ) ω_i(l).
   */
  public double[][][] vOmegaByClass() {
    return vOmegaByClass;
  }

  /** |θ(l)|² = V_θ(l,l). */
  public double theta2(int l) {
    return vTheta[l][l];
  }

  /** V_ω(l,l). */
  public double vOmegaDiag(int l) {
    return vOmega[l][l];
  }

  /** Standard errors of every entry (same shapes), or null for an exact solution. */
  public DmfSolution standardError() {
    return standardError;
  }

  /** "exact affine sweep" or "monte carlo, N paths/class in R replicas". */
  public String method() {
    return method;
  }

  /** Entrywise combination of replicas: mean and standard error of the mean. */
  static DmfSolution meanOf(DmfSolution[] reps, String method) {
    int r = reps.length;
    DmfSolution first = reps[0];
    int n = first.iterations();
    int k = first.classes();
    double[][] mean = new double[FIELDS][];
    double[][] se = new double[FIELDS][];
    for (int f = 0; f < FIELDS; f++) {
      double[][] fl = new double[r][];
      for (int j = 0; j < r; j++) fl[j] = reps[j].flat(f);
      int len = fl[0].length;
      mean[f] = new double[len];
      se[f] = new double[len];
      for (int i = 0; i < len; i++) {
        double s = 0;
        for (int j = 0; j < r; j++) s += fl[j][i];
        double m = s / r;
        double ss = 0;
        for (int j = 0; j < r; j++) {
          double e = fl[j][i] - m;
          ss += e * e;
        }
        mean[f][i] = m;
        se[f][i] = r > 1 ? Math.sqrt(ss / (r - 1) / r) : Double.NaN;
      }
    }
    return fromFlat(mean, n, k, fromFlat(se, n, k, null, method + " (standard errors)"), method);
  }

  private static final int FIELDS = 12;

  private double[] flat(int f) {
    return switch (f) {
      case 0 -> lossTrain;
      case 1 -> errTrain;
      case 2 -> lossTest;
      case 3 -> errTest;
      case 4 -> flatten(beta);
      case 5 -> flatten(alpha);
      case 6 -> flatten(vTheta);
      case 7 -> flatten(vOmega);
      case 8 -> flatten(bTheta);
      case 9 -> flatten(lambdaTilde);
      case 10 -> lambdaTildeInit;
      default -> flatten3(vOmegaByClass);
    };
  }

  private static DmfSolution fromFlat(double[][] f, int n, int k, DmfSolution se, String method) {
    return new DmfSolution(f[0], f[1], f[2], f[3], unflatten(f[4], k, n), unflatten(f[5], k, n),
        unflatten(f[6], n, n), unflatten(f[7], n, n), unflatten(f[8], n, n), unflatten(f[9], n, n),
        f[10], unflatten3(f[11], k, n), se, method);
  }

  private static double[] flatten(double[][] a) {
    int c = a[0].length;
    double[] out = new double[a.length * c];
    for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, out, i * c, c);
    return out;
  }

  private static double[] flatten3(double[][][] a) {
    int n = a[0].length;
    double[] out = new double[a.length * n * n];
    for (int y = 0; y < a.length; y++) {
      for (int i = 0; i < n; i++) System.arraycopy(a[y][i], 0, out, (y * n + i) * n, n);
    }
    return out;
  }

  private static double[][][] unflatten3(double[] a, int k, int n) {
    double[][][] out = new double[k][n][n];
    for (int y = 0; y < k; y++) {
      for (int i = 0; i < n; i++) System.arraycopy(a, (y * n + i) * n, out[y][i], 0, n);
    }
    return out;
  }

  private static double[][] unflatten(double[] a, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) System.arraycopy(a, i * cols, out[i], 0, cols);
    return out;
  }

  /** Row l of the per-iteration table: l, loss_train, err_train, loss_test, err_test, beta[y], theta2, alpha[y], Vomega. */
  public double[] row(int l) {
    int k = classes();
    double[] r = new double[5 + 2 * k + 2];
    int i = 0;
    r[i++] = l;
    r[i++] = lossTrain()[l];
    r[i++] = errTrain()[l];
    r[i++] = lossTest()[l];
    r[i++] = errTest()[l];
    for (int y = 0; y < k; y++) r[i++] = beta()[y][l];
    r[i++] = vTheta()[l][l];
    for (int y = 0; y < k; y++) r[i++] = alpha()[y][l];
    r[i] = vOmega()[l][l];
    return r;
  }
}
