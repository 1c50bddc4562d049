package org.effdyn.model.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Top eigenpairs (largest |eigenvalue|) of a symmetric matrix-free operator by block Lanczos with full
 * reorthogonalization and Rayleigh–Ritz (Golub–Van Loan §10.3; Hipparchus 4.0.3 has no iterative
 * eigensolver).
 *
 * <p>The basis Q is the block Krylov space of b = min(n, k + 2) random start vectors: each step applies A to
 * the newest block in one {@link SymmetricOperator#applyBlock} call (one pass over the operator's data for
 * b vectors), orthogonalizes the images against all of Q twice (classical Gram–Schmidt, so Q stays
 * orthonormal to rounding) and appends them. A block of b ≥ k vectors captures an eigenvalue of
 * multiplicity up to b (a single-vector Krylov space holds one copy of a repeated eigenvalue, e.g. the ×2 or
 * ×(k−1) outliers of the k-GMM blocks). AQ is kept, so the Rayleigh quotient H = Qᵀ(AQ) and the residuals
 * |A y − θ y| = |(AQ)s − θ Qs| of the Ritz pairs (θ, y = Qs) are computed exactly, not estimated. The k
 * Ritz pairs of largest |θ| are accepted when every residual is at most tol·‖A‖ (‖A‖ estimated by
 * max |θ|), or when Q spans R^n. A direction that the Krylov space cannot extend (an invariant subspace) is
 * replaced by a fresh random vector. Cost per step: b products (one data pass), O(n m b) for the
 * orthogonalization and O(m³ + k n m) for Rayleigh–Ritz, m = dim Q. Eigenvalues at the edge of a noise
 * bulk converge slowly (m grows); outliers converge in a few steps.
 */
public final class Lanczos {
  private Lanczos() {}

  /** Extra vectors per block beyond k: they speed up convergence of the k-th pair. */
  static final int GUARD = 2;

  /** Eigenvalues (by decreasing |θ|) and unit eigenvectors (vectors[i] for values[i]), with residuals |A y − θ y|. */
  public record Eigenpairs(double[] values, double[][] vectors, double[] residuals, int products) {}

  /**
   * The k eigenpairs of largest |eigenvalue|.
   *
   * @param a   the operator
   * @param k   1 ≤ k ≤ n (error names "k (eigen count)")
   * @param tol relative residual tolerance, e.g. 1e-8
   * @param rng start vectors
   */
  public static Eigenpairs top(SymmetricOperator a, int k, double tol, UniformRandomProvider rng) {
    int n = a.dimension();
    Check.atLeast("k", k, 1);
    if (k > n) throw new IllegalArgumentException("k (eigen count) must be <= the block dimension " + n + ", got " + k);
    Check.positiveFinite("tol", tol);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    int b = Math.min(n, k + GUARD);
    List<double[]> q = new ArrayList<>();
    List<double[]> aq = new ArrayList<>();
    double[][] block = new double[b][];
    double[][] image = new double[b][];
    int count = 0;
    for (int j = 0; j < b; j++) {
      double[] v = random(n, g);
      if (addOrthonormal(v, q, block, count, g)) block[count++] = v;
    }
    double[][] h = new double[0][0];
    int products = 0;
    while (true) {
      for (int j = 0; j < count; j++) image[j] = new double[n];
      a.applyBlock(block, image, count);
      products += count;
      int m0 = q.size();
      for (int j = 0; j < count; j++) {
        q.add(block[j]);
        aq.add(image[j]);
      }
      int m = q.size();
      h = grow(h, m);
      for (int i = m0; i < m; i++) {
        for (int j = 0; j <= i; j++) h[i][j] = h[j][i] = dot(q.get(j), aq.get(i));
      }
      Ritz r = ritz(h, m, q, aq, Math.min(k, m));
      boolean done = m >= n;
      if (m >= k) {
        done |= r.converged(k, tol);
      }
      if (done) {
        double[][] vecs = new double[k][];
        for (int i = 0; i < k; i++) vecs[i] = r.vector(i, q);
        return new Eigenpairs(Arrays.copyOf(r.values, k), vecs, Arrays.copyOf(r.residuals, k), products);
      }
      // next block: the images, orthogonalized against Q (random replacements for dependent ones)
      int next = Math.min(b, n - m);
      double[][] nb = new double[b][];
      int c = 0;
      for (int j = 0; j < count && c < next; j++) {
        double[] v = image[j].clone();
        if (addOrthonormal(v, q, nb, c, g)) nb[c++] = v;
      }
      while (c < next) {
        double[] v = random(n, g);
        if (addOrthonormal(v, q, nb, c, g)) nb[c++] = v;
      }
      block = nb;
      count = c;
      image = new double[b][];
    }
  }

  /** Ritz values by decreasing |θ| with their coefficient vectors and exact residuals (for the first want). */
  private record Ritz(double[] values, double[][] coef, double[] residuals, double norm) {
    boolean converged(int k, double tol) {
      for (int i = 0; i < k; i++) if (!(residuals[i] <= tol * norm)) return false;
      return true;
    }

    double[] vector(int i, List<double[]> q) {
      int n = q.get(0).length;
      double[] y = new double[n];
      for (int j = 0; j < coef[i].length; j++) axpy(coef[i][j], q.get(j), y);
      double s = Math.sqrt(dot(y, y));
      for (int t = 0; t < n; t++) y[t] /= s;
      return y;
    }
  }

  private static Ritz ritz(double[][] h, int m, List<double[]> q, List<double[]> aq, int want) {
    double[][] hm = new double[m][m];
    for (int i = 0; i < m; i++) System.arraycopy(h[i], 0, hm[i], 0, m);
    EigenDecompositionSymmetric ed = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(hm, false));
    double[] ev = ed.getEigenvalues();
    Integer[] idx = new Integer[m];
    for (int i = 0; i < m; i++) idx[i] = i;
    Arrays.sort(idx, (p, r) -> Double.compare(Math.abs(ev[r]), Math.abs(ev[p])));
    double[] vals = new double[m];
    double[][] coef = new double[want][];
    double[] res = new double[want];
    double norm = Double.MIN_NORMAL;
    for (int i = 0; i < m; i++) {
      vals[i] = ev[idx[i]];
      norm = Math.max(norm, Math.abs(vals[i]));
    }
    int n = q.get(0).length;
    double[] r = new double[n];
    for (int i = 0; i < want; i++) {
      coef[i] = ed.getEigenvector(idx[i]).toArray();
      Arrays.fill(r, 0);
      for (int j = 0; j < m; j++) {
        double s = coef[i][j];
        double[] aqj = aq.get(j), qj = q.get(j);
        for (int t = 0; t < n; t++) r[t] += s * (aqj[t] - vals[i] * qj[t]);
      }
      res[i] = Math.sqrt(dot(r, r));
    }
    return new Ritz(vals, coef, res, norm);
  }

  /**
   * Orthogonalizes v against q and the first count vectors of extra (two passes) and normalizes it; false
   * if nothing is left (|v| below 1e-10 of its original norm), v is then garbage.
   */
  private static boolean addOrthonormal(double[] v, List<double[]> q, double[][] extra, int count,
      ZigguratSampler.NormalizedGaussian g) {
    double before = Math.sqrt(dot(v, v));
    if (!(before > 0)) return false;
    for (int pass = 0; pass < 2; pass++) {
      for (double[] b : q) axpy(-dot(b, v), b, v);
      for (int j = 0; j < count; j++) axpy(-dot(extra[j], v), extra[j], v);
    }
    double after = Math.sqrt(dot(v, v));
    if (!(after > 1e-10 * before)) return false;
    for (int t = 0; t < v.length; t++) v[t] /= after;
    return true;
  }

  private static double[] random(int n, ZigguratSampler.NormalizedGaussian g) {
    double[] v = new double[n];
    for (int t = 0; t < n; t++) v[t] = g.sample();
    return v;
  }

  private static double[][] grow(double[][] h, int m) {
    double[][] out = new double[m][m];
    for (int i = 0; i < h.length; i++) System.arraycopy(h[i], 0, out[i], 0, h.length);
    return out;
  }

  static double dot(double[] x, double[] y) {
    double s = 0;
    for (int t = 0; t < x.length; t++) s += x[t] * y[t];
    return s;
  }

  static void axpy(double a, double[] x, double[] y) {
    for (int t = 0; t < x.length; t++) y[t] += a * x[t];
  }
}
