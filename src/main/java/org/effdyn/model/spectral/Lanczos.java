package org.effdyn.model.spectral;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Top eigenpairs (largest |eigenvalue|) of a symmetric matrix-free operator by the Lanczos method with
 * full reorthogonalization (Golub–Van Loan §10.1; Hipparchus 4.0.3 has no iterative eigensolver).
 *
 * <p>Builds an orthonormal Krylov basis Q_m (each new vector Gram–Schmidt-orthogonalized twice
 * against all previous ones, so the basis stays orthonormal to rounding), eigen-decomposes the
 * m × m tridiagonal T_m (Hipparchus), and accepts the k Ritz pairs of largest |θ| once every residual
 * |A y - θ y| = β_m |s_{m,i}| is at most tol · ‖A‖ (‖A‖ estimated by max |θ|). Otherwise m doubles,
 * up to n; a Krylov space that becomes invariant (β = 0) is exact. Cost: m products plus O(n m²).
 * In exact arithmetic a Krylov space holds one copy of a repeated eigenvalue, so converged pairs are
 * locked and Lanczos restarts on their orthogonal complement from a fresh random vector until the
 * complement's top |θ| falls below the k-th locked |value| (finds multiplicities, e.g. the ×2
 * outliers of the k-GMM blocks).
 */
public final class Lanczos {
  private Lanczos() {}

  /** Eigenvalues (by decreasing |θ|) and unit eigenvectors (vectors[i] for values[i]), with residuals. */
  public record Eigenpairs(double[] values, double[][] vectors, double[] residuals, int products) {}

  /**
   * The k eigenpairs of largest |eigenvalue|.
   *
   * @param a   the operator
   * @param k   1 ≤ k ≤ n (error names "k")
   * @param tol relative residual tolerance, e.g. 1e-8
   * @param rng starting vectors
   */
  public static Eigenpairs top(SymmetricOperator a, int k, double tol, UniformRandomProvider rng) {
    int n = a.dimension();
    Check.atLeast("k", k, 1);
    if (k > n) throw new IllegalArgumentException("k (eigen count) must be <= the block dimension " + n + ", got " + k);
    Check.positiveFinite("tol", tol);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    java.util.List<double[]> lockedVecs = new java.util.ArrayList<>();
    java.util.List<double[]> lockedInfo = new java.util.ArrayList<>(); // {value, residual}
    int products = 0;
    // Lanczos on the complement of the locked vectors. A repeated eigenvalue shows once per Krylov
    // space, so runs continue until the complement's top |θ| is below the k-th locked |value|.
    while (true) {
      int nLocked = lockedVecs.size();
      if (nLocked >= n) break;
      double[][] locked = lockedVecs.toArray(new double[0][]);
      int want = Math.max(1, k - nLocked);
      int m = Math.min(n - nLocked, Math.max(2 * want + 20, 40));
      Run r;
      while (true) {
        r = run(a, m, locked, nLocked, g);
        products += r.steps;
        if (r.accepted(want, tol) || m >= n - nLocked) break;
        m = Math.min(n - nLocked, 2 * m);
      }
      if (nLocked >= k) {
        double kth = kthLargest(lockedInfo, k);
        if (Math.abs(r.values[0]) <= kth * (1 + 1e-12) || r.residuals[0] > tol * r.norm) break;
      }
      int take = Math.max(1, r.convergedCount(want, tol));
      for (int i = 0; i < take && i < r.values.length; i++) {
        lockedVecs.add(r.vector(i));
        lockedInfo.add(new double[] {r.values[i], r.residuals[i]});
      }
    }
    Integer[] idx = new Integer[lockedVecs.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    java.util.Arrays.sort(idx, (p, q) -> Double.compare(Math.abs(lockedInfo.get(q)[0]), Math.abs(lockedInfo.get(p)[0])));
    double[] vals = new double[k];
    double[][] vecs = new double[k][];
    double[] res = new double[k];
    for (int i = 0; i < k; i++) {
      vals[i] = lockedInfo.get(idx[i])[0];
      vecs[i] = lockedVecs.get(idx[i]);
      res[i] = lockedInfo.get(idx[i])[1];
    }
    return new Eigenpairs(vals, vecs, res, products);
  }

  private static double kthLargest(java.util.List<double[]> info, int k) {
    double[] a = new double[info.size()];
    for (int i = 0; i < a.length; i++) a[i] = Math.abs(info.get(i)[0]);
    java.util.Arrays.sort(a);
    return a[a.length - k];
  }

  private static final class Run {
    double[][] q;
    int steps;
    double[] values; // Ritz values by decreasing |θ|
    double[][] ritz; // columns of S (m-vectors) in that order
    double[] residuals;
    double norm;

    boolean accepted(int want, double tol) {
      return convergedCount(want, tol) >= Math.min(want, values.length);
    }

    int convergedCount(int want, double tol) {
      int c = 0;
      for (int i = 0; i < Math.min(want, values.length); i++) {
        if (residuals[i] <= tol * norm) c++;
        else break;
      }
      return c;
    }

    double[] vector(int i) {
      int n = q[0].length;
      double[] y = new double[n];
      for (int j = 0; j < steps; j++) {
        double s = ritz[i][j];
        double[] qj = q[j];
        for (int t = 0; t < n; t++) y[t] += s * qj[t];
      }
      double nn = 0;
      for (double v : y) nn += v * v;
      nn = Math.sqrt(nn);
      for (int t = 0; t < n; t++) y[t] /= nn;
      return y;
    }
  }

  private static void orthogonalize(double[] w, double[][] basis, int count) {
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < count; j++) {
        double[] b = basis[j];
        double d = 0;
        for (int t = 0; t < w.length; t++) d += b[t] * w[t];
        for (int t = 0; t < w.length; t++) w[t] -= d * b[t];
      }
    }
  }

  private static Run run(SymmetricOperator a, int m, double[][] locked, int nLocked, ZigguratSampler.NormalizedGaussian g) {
    int n = a.dimension();
    double[][] q = new double[m][];
    double[] alpha = new double[m];
    double[] beta = new double[m];
    double[] v = new double[n];
    for (int t = 0; t < n; t++) v[t] = g.sample();
    orthogonalize(v, locked, nLocked);
    normalize(v);
    double[] w = new double[n];
    int steps = 0;
    double lastBeta = 0;
    for (int j = 0; j < m; j++) {
      q[j] = v.clone();
      steps = j + 1;
      a.apply(q[j], w);
      double al = 0;
      for (int t = 0; t < n; t++) al += q[j][t] * w[t];
      alpha[j] = al;
      orthogonalize(w, locked, nLocked);
      orthogonalize(w, q, j + 1);
      double b = 0;
      for (double x : w) b += x * x;
      b = Math.sqrt(b);
      lastBeta = b;
      if (j + 1 < m) beta[j] = b;
      double scale = 0;
      for (int i = 0; i <= j; i++) scale = Math.max(scale, Math.abs(alpha[i]) + Math.abs(beta[i]));
      if (b <= 1e-13 * Math.max(scale, Double.MIN_NORMAL)) {
        lastBeta = 0; // invariant subspace: the Ritz pairs are exact
        break;
      }
      for (int t = 0; t < n; t++) v[t] = w[t] / b;
    }
    double[] d = java.util.Arrays.copyOf(alpha, steps);
    double[] e = java.util.Arrays.copyOf(beta, Math.max(steps - 1, 0));
    double[][] tm = new double[steps][steps];
    for (int i = 0; i < steps; i++) {
      tm[i][i] = d[i];
      if (i + 1 < steps) {
        tm[i][i + 1] = e[i];
        tm[i + 1][i] = e[i];
      }
    }
    EigenDecompositionSymmetric ed = new EigenDecompositionSymmetric(new org.hipparchus.linear.Array2DRowRealMatrix(tm, false));
    double[] ev = ed.getEigenvalues();
    Integer[] idx = new Integer[steps];
    for (int i = 0; i < steps; i++) idx[i] = i;
    java.util.Arrays.sort(idx, (p, r) -> Double.compare(Math.abs(ev[r]), Math.abs(ev[p])));
    Run run = new Run();
    run.q = q;
    run.steps = steps;
    run.values = new double[steps];
    run.ritz = new double[steps][];
    run.residuals = new double[steps];
    double norm = 0;
    for (int i = 0; i < steps; i++) {
      run.values[i] = ev[idx[i]];
      run.ritz[i] = ed.getEigenvector(idx[i]).toArray();
      run.residuals[i] = Math.abs(lastBeta * run.ritz[i][steps - 1]);
      norm = Math.max(norm, Math.abs(ev[idx[i]]));
    }
    run.norm = Math.max(norm, Double.MIN_NORMAL);
    return run;
  }

  private static void normalize(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    s = Math.sqrt(s);
    for (int t = 0; t < v.length; t++) v[t] /= s;
  }
}
