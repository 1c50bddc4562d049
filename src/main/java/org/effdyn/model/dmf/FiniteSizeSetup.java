package org.effdyn.model.dmf;

import org.effdyn.core.Check;

/**
 * One finite-size full-batch problem for the finite-size processes ({@link AlternativeProcess},
 * {@link RefinementIteration}): the algorithm's coefficients (λ, Λ) ({@link Coefficients}), the class
 * means μ_y and the initialization θ0 as vectors of R^d, the exact class counts n_y (n = Σ n_y) and the (analytically continued) model.
 *
 * <p>Immutable: the arrays are copied in and read-only inside the package.
 *
 * @param lambda      λ(l), length L
 * @param bigLambda   Λ(μ,l), L × L, strictly upper
 * @param means       μ_y, K × d
 * @param theta0      θ0, length d
 * @param classCounts n_y, length K, each &gt;= 1
 * @param model       ω and ℓ with their analytic continuation, K classes
 */
public record FiniteSizeSetup(double[] lambda, double[][] bigLambda, double[][] means,
    double[] theta0, int[] classCounts, AnalyticPerceptron model) {

  public FiniteSizeSetup {
    // (λ, Λ) are validated and copied by Coefficients: lengths, finiteness, causality (Λ strictly upper)
    Coefficients c = new Coefficients(lambda, bigLambda);
    lambda = c.lambda();
    bigLambda = c.bigLambda();
    if (model == null) throw new IllegalArgumentException("model must not be null");
    int k = model.classes();
    if (means == null || means.length != k) {
      throw new IllegalArgumentException("means must have " + k + " rows (one per class), got "
          + (means == null ? "null" : means.length));
    }
    if (theta0 == null || theta0.length < 1) throw new IllegalArgumentException("theta0 must not be empty");
    int d = theta0.length;
    Check.allFinite("theta0", theta0);
    for (int y = 0; y < k; y++) {
      Check.length("means[" + y + "]", means[y], d);
      Check.allFinite("means[" + y + "]", means[y]);
    }
    if (classCounts == null || classCounts.length != k) {
      throw new IllegalArgumentException("classCounts must have length " + k);
    }
    for (int y = 0; y < k; y++) Check.atLeast("classCounts[" + y + "]", classCounts[y], 1);
    double[][] m = new double[k][];
    for (int y = 0; y < k; y++) m[y] = means[y].clone();
    means = m;
    theta0 = theta0.clone();
    classCounts = classCounts.clone();
  }

  /**
   * The finite-size version of a {@link DmfProblem} at dimension d: n = round(αd) samples, the
   * method's (λ, Λ) by the symbolic run, means and θ0 planted with Gram ν ({@link #planted}).
   */
  public static FiniteSizeSetup of(DmfProblem problem, int d) {
    Check.atLeast("d", d, problem.classes() + 1);
    int n = (int) Math.round(problem.alpha() * d);
    Coefficients c = problem.coefficients();
    return planted(c.lambda(), c.bigLambda(), problem.nu(), problem.rho(), d, n,
        AnalyticPerceptron.of(problem.perceptron()));
  }

  /**
   * Plants the means and θ0 with a prescribed Gram matrix ν over Y* = classes + {*} (the noise is
   * isotropic, so this loses no generality): with an eigen square root C C^T = ν, vector a is row a of
   * C placed in the first K+1 coordinates. Class counts n_y = round(ρ_y n), the last class taking the remainder.
   *
   * @param nu  (K+1) × (K+1) Gram matrix, symmetric positive semi-definite, last index = θ0
   * @param rho class frequencies, length K, summing to 1
   */
  public static FiniteSizeSetup planted(double[] lambda, double[][] bigLambda, double[][] nu,
      double[] rho, int d, int n, AnalyticPerceptron model) {
    int k = model.classes();
    Check.length("rho", rho, k);
    if (nu == null || nu.length != k + 1) {
      throw new IllegalArgumentException("nu must be " + (k + 1) + " x " + (k + 1));
    }
    Check.atLeast("d", d, k + 1);
    Check.atLeast("n", n, k);
    gramRoot(nu);
    double[][] rows = FullBatchSimulator.plant(nu, d);
    double[][] means = new double[k][];
    System.arraycopy(rows, 0, means, 0, k);
    double[] theta0 = rows[k];
    int[] counts = new int[k];
    int used = 0;
    for (int y = 0; y < k - 1; y++) {
      Check.nonNegativeFinite("rho[" + y + "]", rho[y]);
      counts[y] = (int) Math.round(rho[y] * n);
      used += counts[y];
    }
    counts[k - 1] = n - used;
    return new FiniteSizeSetup(lambda, bigLambda, means, theta0, counts, model);
  }

  /**
   * Rows of C with C Cᵀ = ν: the eigen square root of {@link FullBatchSimulator#plant}, so that
   * the alternative process and the training run plant the same vectors.
   */
  static double[][] gramRoot(double[][] nu) {
    int m = nu.length;
    for (int a = 0; a < m; a++) {
      Check.length("nu[" + a + "]", nu[a], m);
      Check.allFinite("nu[" + a + "]", nu[a]);
      for (int b = 0; b < a; b++) {
        if (Math.abs(nu[a][b] - nu[b][a]) > 1e-12 * (Math.abs(nu[a][b]) + Math.abs(nu[b][a]) + 1)) {
          throw new IllegalArgumentException("nu must be symmetric: nu(" + a + "," + b + ") = "
              + nu[a][b] + " but nu(" + b + "," + a + ") = " + nu[b][a]);
        }
      }
    }
    double[][] c = FullBatchSimulator.plant(nu, m);
    double scale = 0;
    for (double[] row : nu) for (double x : row) scale = Math.max(scale, Math.abs(x));
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        double v = 0;
        for (int j = 0; j < m; j++) v += c[a][j] * c[b][j];
        if (Math.abs(v - nu[a][b]) > 1e-9 * Math.max(scale, 1)) {
          throw new IllegalArgumentException("nu must be positive semi-definite: its root "
              + "reproduces nu(" + a + "," + b + ") = " + nu[a][b] + " as " + v);
        }
      }
    }
    return c;
  }

  /** Number of iterations L. */
  public int iterations() {
    return lambda.length;
  }

  /** Dimension d. */
  public int dimension() {
    return theta0.length;
  }

  /** Number of samples n = Σ n_y. */
  public int samples() {
    int s = 0;
    for (int c : classCounts) s += c;
    return s;
  }

  /** Number of classes K. */
  public int classes() {
    return classCounts.length;
  }

  // package-private raw access (no copies) for the hot loops
  double lam(int l) {
    return lambda[l];
  }

  double bigLam(int mu, int l) {
    return bigLambda[mu][l];
  }

  double[] meanRow(int y) {
    return means[y];
  }

  double[] init() {
    return theta0;
  }

  int count(int y) {
    return classCounts[y];
  }

  @Override public double[] lambda() {
    return lambda.clone();
  }

  @Override public double[][] bigLambda() {
    double[][] c = new double[bigLambda.length][];
    for (int i = 0; i < c.length; i++) c[i] = bigLambda[i].clone();
    return c;
  }

  @Override public double[][] means() {
    double[][] c = new double[means.length][];
    for (int i = 0; i < c.length; i++) c[i] = means[i].clone();
    return c;
  }

  @Override public double[] theta0() {
    return theta0.clone();
  }

  @Override public int[] classCounts() {
    return classCounts.clone();
  }
}
