package org.effdyn.model.dmf;

import java.util.Arrays;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * One full-batch training problem on a Gaussian mixture (Panahi 2026, arXiv:2603.09310, §2.1 and
 * §6; docs/dmf.md): n = αd samples
 * x_i = μ_{y_i} + z_i, z_i ~ N(0, I_d), exact class counts n_y = ρ_y n, initialization θ0, a
 * perceptron loss and a linear first-order method run for L iterations. Everything the d → ∞ limit
 * needs of the means and θ0 is their Gram matrix ν over Y* = classes ∪ {θ0}.
 *
 * @param rho        class weights ρ_y &gt; 0, summing to 1 (length K)
 * @param nu         Gram matrix ν(a,b) = μ_a·μ_b over Y*, (K+1) × (K+1), symmetric positive
 *                   semidefinite; index K is θ0 (ν(K,K) = |θ0|², ν(y,K) = μ_y·θ0)
 * @param alpha      sample ratio α = n/d &gt; 0 (Panahi 2026 writes n for the dimension, m for the
 *                   samples and γ = n/m, which is 1/α); +∞ is the population
 *                   limit γ = 0 (oracle O3: no memory, no gradient noise)
 * @param perceptron activation + loss, with K targets
 * @param algorithm  the linear method (its step parameters are in the record)
 * @param iterations number of query points L &gt;= 1 (l = 0..L−1)
 */
public record DmfProblem(double[] rho, double[][] nu, double alpha, Perceptron perceptron,
    LinearRecursion algorithm, int iterations) {

  /** Tolerance of Σρ = 1 and of the symmetry and PSD checks of ν (relative to max|ν|). */
  static final double TOL = 1e-10;

  public DmfProblem {
    if (rho == null || rho.length < 2) {
      throw new ParameterException("rho", rho, "must have length >= 2 (one weight per class), got "
          + (rho == null ? "null" : rho.length));
    }
    int k = rho.length;
    double sum = 0;
    for (int y = 0; y < k; y++) {
      if (!(rho[y] > 0 && rho[y] < 1)) {
        throw new ParameterException("rho[" + y + "]", rho[y], "must be in (0, 1), got " + rho[y]);
      }
      sum += rho[y];
    }
    if (Math.abs(sum - 1) > TOL) {
      throw new ParameterException("rho", rho, "must sum to 1, got " + sum + " for rho = "
          + Arrays.toString(rho));
    }
    rho = rho.clone();
    nu = checkGram(nu, k + 1);
    Check.positiveOrInfinite("alpha", alpha);
    if (perceptron == null) throw new ParameterException("loss", null, "must be given, got null");
    if (perceptron.classes() != k) {
      throw new ParameterException("targets", perceptron.targets(), "must have one entry per class (" + k + "), got "
          + perceptron.classes());
    }
    if (algorithm == null) throw new ParameterException("algorithm", null, "must be given, got null");
    Check.atLeast("L", iterations, 1);
  }

  /**
   * The reference configuration of the tests and docs/dmf.md: K = 2, ρ = (1/2, 1/2), ν(y,y) = 1,
   * ν(0,1) = −0.5, |θ0|² = 0.01, θ0 ⊥ means.
   */
  public static double[][] referenceNu() {
    return new double[][] {{1, -0.5, 0}, {-0.5, 1, 0}, {0, 0, 0.01}};
  }

  /** Number of classes K. */
  public int classes() {
    return rho.length;
  }

  /** γ = d/n = 1/α, the aspect ratio (the γ of Panahi 2026). */
  public double gamma() {
    return 1 / alpha;
  }

  /** ρ_y. */
  public double rho(int y) {
    return rho[y];
  }

  /** ν(a,b), a, b in 0..K (K = θ0). */
  public double nu(int a, int b) {
    return nu[a][b];
  }

  @Override public double[] rho() {
    return rho.clone();
  }

  @Override public double[][] nu() {
    double[][] c = new double[nu.length][];
    for (int i = 0; i < c.length; i++) c[i] = nu[i].clone();
    return c;
  }

  /** (λ, Λ) of {@link #algorithm()} on L iterations, by the symbolic run of {@link Coefficients#of}. */
  public Coefficients coefficients() {
    return Coefficients.of(algorithm, iterations);
  }

  public DmfProblem withAlpha(double a) {
    return new DmfProblem(rho, nu, a, perceptron, algorithm, iterations);
  }

  public DmfProblem withAlgorithm(LinearRecursion a) {
    return new DmfProblem(rho, nu, alpha, perceptron, a, iterations);
  }

  public DmfProblem withIterations(int l) {
    return new DmfProblem(rho, nu, alpha, perceptron, algorithm, l);
  }

  private static double[][] checkGram(double[][] nu, int n) {
    if (nu == null || nu.length != n) {
      throw new IllegalArgumentException("nu must be " + n + " x " + n + " (classes + theta0), got "
          + (nu == null ? "null" : nu.length + " rows"));
    }
    double scale = 0;
    double[][] c = new double[n][];
    for (int a = 0; a < n; a++) {
      Check.length("nu[" + a + "]", nu[a], n);
      for (int b = 0; b < n; b++) {
        Check.finite("nu(" + a + "," + b + ")", nu[a][b]);
        scale = Math.max(scale, Math.abs(nu[a][b]));
      }
      c[a] = nu[a].clone();
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < a; b++) {
        if (Math.abs(nu[a][b] - nu[b][a]) > TOL * Math.max(scale, 1)) {
          throw new IllegalArgumentException("nu must be symmetric, got nu(" + a + "," + b + ") = "
              + nu[a][b] + " and nu(" + b + "," + a + ") = " + nu[b][a]);
        }
      }
    }
    double[] ev = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(c)).getEigenvalues();
    double min = Arrays.stream(ev).min().orElse(0);
    if (min < -TOL * Math.max(scale, 1)) {
      throw new IllegalArgumentException("nu must be positive semidefinite (a Gram matrix of the "
          + "means and theta0), got smallest eigenvalue " + min + " for nu = "
          + Arrays.deepToString(nu));
    }
    return c;
  }
}
