package org.effdyn.model.dmf;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Finite-d full-batch training, the "original dynamics" of Panahi 2026 (arXiv:2603.09310, §2;
 * docs/dmf.md), with the observables of {@link DmfSolution} recorded at every query point θ(l),
 * l = 0..L−1.
 *
 * <p>Data: n = round(αd) samples x_i = μ_{y_i} + z_i, z_i ~ N(0, I_d), exact class counts
 * n_y = round(ρ_y n) (the last class takes the remainder), so no O(n^{-1/2}) class-frequency noise.
 * The K means and θ0 sit in the first K+1 coordinates with Gram ν, via the eigen square root
 * C Cᵀ = ν (the noise is isotropic, so this loses no generality). Per step: p = Xᵀθ, ω_i = ω(p_i,y_i),
 * q = Xω/n (two d × n products), then the method's <em>own</em> recursion ({@link LinearRecursion},
 * not the Λ form). The data set of (d, seed) comes from {@code RandomStreams.stream(seed, d)}.
 *
 * <p>Recorded: train loss and error (over the n samples), test loss and error (exact given θ(l):
 * a fresh sample has p = β(l,y) + |θ(l)| ξ), β(l,y) = μ_y·θ(l), α(l,y) = (1/n) Σ_{i∈y} ω_i(l),
 * V_θ(l,l') = θ(l)·θ(l') and V_ω(l,l') = (1/n) Σ_i ω_i(l) ω_i(l'). The result is a
 * {@link DmfSolution} without B_θ, λ̃ and standard errors (null). Memory: n·d doubles for X plus
 * L(d + n) for the history.
 *
 * <p><b>Response</b> (optional): a tangent run of the same recursion on the d × L
 * perturbations δθ(·) of a probe u ~ N(0, I_d) added to q(μ) gives the Hutchinson estimate
 * u·δθ(l)/|u|² of (1/d) Tr ∂θ(l)/∂ε(μ) = −Λ̃(μ,l); it is returned as {@code lambdaTilde()} (so it
 * compares with the DMF's Λ̃ directly). Extra cost: O(n d L²/2) over the run.
 */
public final class FullBatchSimulator {
  private FullBatchSimulator() {}

  /** Runs one data set of dimension d &gt;= K+1, drawn from {@code RandomStreams.stream(seed, d)}. */
  public static DmfSolution run(DmfProblem problem, int d, long seed) {
    return run(problem, d, RandomStreams.stream(seed, d), false, "seed " + seed);
  }

  /** Runs one data set of dimension d &gt;= K+1 drawn from the given generator. */
  public static DmfSolution run(DmfProblem problem, int d, UniformRandomProvider rng) {
    return run(problem, d, rng, false, "given generator");
  }

  /**
   * As {@link #run(DmfProblem, int, UniformRandomProvider)}; with {@code response} also measures the
   * response (the probe u is drawn from rng after the data).
   */
  public static DmfSolution run(DmfProblem problem, int d, UniformRandomProvider rng, boolean response) {
    return run(problem, d, rng, response, "given generator");
  }

  private static DmfSolution run(DmfProblem problem, int d, UniformRandomProvider rng, boolean response,
      String source) {
    int k = problem.classes();
    Check.atLeast("d", d, k + 1);
    if (Double.isInfinite(problem.alpha())) {
      throw new IllegalArgumentException("alpha must be finite for a simulation, got Infinity");
    }
    int n = (int) Math.round(problem.alpha() * d);
    Check.atLeast("n = round(alpha d)", n, k);
    int iterations = problem.iterations();
    Perceptron model = problem.perceptron();
    double[] rho = problem.rho();
    // class labels with exact counts
    int[] label = new int[n];
    int start = 0;
    for (int y = 0; y < k; y++) {
      int count = y == k - 1 ? n - start : (int) Math.round(rho[y] * n);
      for (int i = start; i < start + count && i < n; i++) label[i] = y;
      start += count;
    }
    double[][] means = plant(problem.nu(), d);     // rows 0..K-1 means, row K θ0
    ZigguratSampler.NormalizedGaussian gauss =
        ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      double[] mu = means[label[i]];
      for (int j = 0; j < d; j++) xi[j] = mu[j] + gauss.sample();
    }
    double[][] thetas = new double[iterations][];
    double[][] omegas = new double[iterations][n];
    double[] lossTrain = new double[iterations];
    double[] errTrain = new double[iterations];
    double[] lossTest = new double[iterations];
    double[] errTest = new double[iterations];
    double[][] beta = new double[k][iterations];
    double[][] alpha = new double[k][iterations];
    double[] q = new double[d];
    double thr = model.threshold();
    LinearRecursion.Run run = problem.algorithm().start(means[k]);
    double[] probe = null;
    double probe2 = 0;
    LinearRecursion.Run tangent = null;
    double[] dq = null;
    double[] wp = null;
    double[][] resp = null;
    if (response) {
      probe = new double[d];
      for (int j = 0; j < d; j++) probe[j] = gauss.sample();
      probe2 = dot(probe, probe);
      tangent = problem.algorithm().start(new double[d * iterations]);   // column μ at [μ d, (μ+1) d)
      dq = new double[d * iterations];
      wp = new double[n];
      resp = new double[iterations][iterations];
    }
    for (int l = 0; l < iterations; l++) {
      double[] th = run.query();
      thetas[l] = th.clone();
      double[] om = omegas[l];
      double loss = 0;
      double err = 0;
      for (int i = 0; i < n; i++) {
        double[] xi = x[i];
        double p = 0;
        for (int j = 0; j < d; j++) p += xi[j] * th[j];
        int y = label[i];
        if (response) wp[i] = model.domega(p, y);
        om[i] = model.omega(p, y);
        loss += model.loss(p, y);
        err += model.wrong(p, y, thr);
        alpha[y][l] += om[i] / n;
      }
      lossTrain[l] = loss / n;
      errTrain[l] = err / n;
      for (int y = 0; y < k; y++) beta[y][l] = dot(means[y], th);
      double t2 = dot(th, th);
      lossTest[l] = TestObservables.loss(model, rho, beta, l, t2);
      errTest[l] = TestObservables.error(model, rho, beta, l, t2);
      java.util.Arrays.fill(q, 0);
      for (int i = 0; i < n; i++) {
        double w = om[i] / n;
        if (w == 0) continue;
        double[] xi = x[i];
        for (int j = 0; j < d; j++) q[j] += w * xi[j];
      }
      run.update(q);
      if (response) tangentStep(tangent, x, wp, probe, probe2, dq, resp, l, d, n);
    }
    double[][] vTheta = new double[iterations][iterations];
    double[][] vOmega = new double[iterations][iterations];
    double[][][] vOmegaY = new double[k][iterations][iterations];
    for (int a = 0; a < iterations; a++) {
      for (int b = 0; b <= a; b++) {
        vTheta[a][b] = vTheta[b][a] = dot(thetas[a], thetas[b]);
        double[] oa = omegas[a];
        double[] ob = omegas[b];
        double total = 0;
        for (int i = 0; i < n; i++) vOmegaY[label[i]][a][b] += oa[i] * ob[i] / n;
        for (int y = 0; y < k; y++) {
          vOmegaY[y][b][a] = vOmegaY[y][a][b];
          total += vOmegaY[y][a][b];
        }
        vOmega[a][b] = vOmega[b][a] = total;
      }
    }
    return new DmfSolution(lossTrain, errTrain, lossTest, errTest, beta, alpha, vTheta, vOmega,
        null, resp == null ? null : negate(resp), null, vOmegaY, null, "full-batch simulation, d = " + d + ", n = " + n + ", " + source);
  }

  /**
   * The K means and θ0 as rows of length d with Gram ν, in the first K+1 coordinates:
   * row a = (C(a,·), 0, …), C = U diag(√max(w,0)) from the eigen decomposition ν = U diag(w) Uᵀ.
   */
  static double[][] plant(double[][] nu, int d) {
    int m = nu.length;
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(nu));
    double[] w = eig.getEigenvalues();
    double[][] rows = new double[m][d];
    for (int a = 0; a < m; a++) {
      for (int j = 0; j < m; j++) {
        rows[a][j] = eig.getEigenvector(j).getEntry(a) * Math.sqrt(Math.max(w[j], 0));
      }
    }
    return rows;
  }

  /**
   * One tangent step: records u·δθ_μ(l)/|u|² for μ &lt; l, then δq_μ = X(ω'(p) ∘ Xᵀδθ_μ)/n for μ &lt; l,
   * δq_l = u (the probe enters q(l)), and advances the tangent recursion.
   */
  private static void tangentStep(LinearRecursion.Run tangent, double[][] x, double[] wp, double[] u,
      double u2, double[] dq, double[][] resp, int l, int d, int n) {
    double[] dth = tangent.query();
    for (int mu = 0; mu < l; mu++) {
      double s = 0;
      for (int j = 0; j < d; j++) s += u[j] * dth[mu * d + j];
      resp[mu][l] = s / u2;
    }
    java.util.Arrays.fill(dq, 0);
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      double c = wp[i] / n;
      if (c == 0) continue;
      for (int mu = 0; mu < l; mu++) {
        int off = mu * d;
        double s = 0;
        for (int j = 0; j < d; j++) s += xi[j] * dth[off + j];
        s *= c;
        for (int j = 0; j < d; j++) dq[off + j] += s * xi[j];
      }
    }
    for (int j = 0; j < d; j++) dq[l * d + j] += u[j];
    tangent.update(dq);
  }

  private static double[][] negate(double[][] m) {
    double[][] out = new double[m.length][m.length];
    for (int i = 0; i < m.length; i++) for (int j = 0; j < m.length; j++) out[i][j] = -m[i][j];
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
