package org.effdyn.model.spectral;

import org.effdyn.core.Check;
import org.effdyn.gauss.GaussianRule;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The spectrum of a population block computed from the summary statistics alone (the subspace form,
 * EffDyn's own derivation, which specializes to Lemmas 3.1–3.3 of Ben Arous, Gheissari, Huang,
 * Jagannath 2023; docs/spectral.md): for a weight w that depends on the noise only through the
 * projections of the data on an r-dimensional subspace U (spanned by the means and the parameter vectors),
 * \[ E[w\,YY^T] = E_U\, E\big[w\,\hat y\hat y^T\big] E_U^T + \frac{E[w]}{\lambda}\,(I - E_U E_U^T),
 *    \qquad \hat y = E_U^T\vartheta + \zeta,\ \ \zeta \sim N(0, I_r/\lambda), \]
 * so its eigenvalues are those of the r × r matrix E[w ŷŷᵀ] (the outliers and r copies of bulk-like
 * values) plus the bulk level E[w]/λ with multiplicity d − r.
 *
 * @param values    the eigenvalues of the U-part (r × r, or the whole block when it is small, e.g. the
 *                  XOR vv block), by decreasing |value|
 * @param vectors   the matching unit eigenvectors in U-coordinates (vectors[i] for values[i])
 * @param bulk      the bulk level E[w]/λ (0 for a block with no bulk: λ = ∞, or the K × K vv block)
 */
public record PopulationBlock(double[] values, double[][] vectors, double bulk) {

  /** The first n values (n ≤ values().length), by decreasing |value|. */
  public double[] top(int n) {
    if (n < 1 || n > values.length) {
      throw new IllegalArgumentException("k (eigen count) must be in [1, " + values.length + "] for this block, got " + n);
    }
    return java.util.Arrays.copyOf(values, n);
  }

  /** The weight w and the feature f (length q) at one node: y-hat in U-coordinates, class index cls. */
  interface Integrand {
    /** Returns w(cls, ŷ) and writes f(cls, ŷ) into f; ŷ is not modified. */
    double eval(int cls, double[] yhat, double[] f);
  }

  /**
   * Σ_c p_c E[w f fᵀ] (q × q) and Σ_c p_c E[w] over ŷ = center_c + ζ, ζ ~ N(0, I_r/λ), by the rule
   * (nodes are N(0, I_r); the same nodes for every class, so the result is a smooth function of the
   * statistics where w is). λ = ∞ evaluates at the centers.
   *
   * @param bulkFactor multiplies E[w]/λ into {@link #bulk} (1 for a d × d block, 0 when the block has no
   *                   bulk)
   */
  static PopulationBlock compute(double[][] centers, double[] probs, double lambda, int q, Integrand g,
      GaussianRule rule, double bulkFactor) {
    int r = centers[0].length;
    Check.length("class probabilities", probs, centers.length);
    double[][] m = new double[q][q];
    double[] f = new double[q];
    double[] yhat = new double[r];
    double ew = 0;
    boolean exact = Double.isInfinite(lambda);
    double sd = exact ? 0 : 1 / Math.sqrt(lambda);
    int nodes = exact ? 1 : rule.size();
    if (!exact && rule.dimension() != r) {
      throw new IllegalArgumentException("rule dimension " + rule.dimension() + " must equal the subspace dimension " + r);
    }
    for (int c = 0; c < centers.length; c++) {
      for (int i = 0; i < nodes; i++) {
        double wt = exact ? probs[c] : probs[c] * rule.weight(i);
        for (int j = 0; j < r; j++) yhat[j] = centers[c][j] + (exact ? 0 : sd * rule.node(i, j));
        double w = g.eval(c, yhat, f);
        if (w == 0) continue;
        ew += wt * w;
        for (int a = 0; a < q; a++) {
          double fa = wt * w * f[a];
          for (int b = 0; b <= a; b++) m[a][b] += fa * f[b];
        }
      }
    }
    for (int a = 0; a < q; a++) for (int b = 0; b < a; b++) m[b][a] = m[a][b];
    return of(m, exact ? 0 : bulkFactor * ew / lambda);
  }

  /** The eigen-decomposition of a small symmetric matrix, by decreasing |value|. */
  static PopulationBlock of(double[][] m, double bulk) {
    int q = m.length;
    EigenDecompositionSymmetric ed = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, false));
    double[] ev = ed.getEigenvalues();
    Integer[] idx = new Integer[q];
    for (int i = 0; i < q; i++) idx[i] = i;
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(ev[b]), Math.abs(ev[a])));
    double[] vals = new double[q];
    double[][] vecs = new double[q][];
    for (int i = 0; i < q; i++) {
      vals[i] = ev[idx[i]];
      vecs[i] = ed.getEigenvector(idx[i]).toArray();
    }
    return new PopulationBlock(vals, vecs, bulk);
  }
}
