package org.effdyn.model.spectral;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;

/**
 * Hessian and G-matrix class blocks of the k-GMM softmax classifier, spec/models.md §6.2–6.3, with
 * orthonormal means μ_a = e_a (a = 0..k-1).
 *
 * <p>Empirical test blocks (§6.2), matrix-free, O(M̃ d) per product:
 * Hess_bc = (1/M̃) Σ_l (π_l(b)δ_bc - π_l(b)π_l(c)) Y_l Y_lᵀ and
 * Ĝ_bc = (1/M̃) Σ_l (π_l(b) - y_{l,b})(π_l(c) - y_{l,c}) Y_l Y_lᵀ, product (1/M̃) Ỹᵀ(w ⊙ Ỹu).
 *
 * <p>Population blocks from the summary statistics alone at λ = ∞ (§6.3 with Y = μ_l exactly):
 * the class block (c, c) is Σ_l p_l w_l μ_l μ_lᵀ with w_l = π̄_l(c)(1 - π̄_l(c)) (Hessian) or
 * (π̄_l(c) - δ_lc)² (G), π̄_l(c) = e^{m_cl}/Σ_a e^{m_al}; its outliers are p_l w_l with eigenvectors
 * μ_l, and the rest of the spectrum is 0. Evaluated along the λ = ∞ limit m(t), this is the outlier
 * spectrum as a function of t without simulating d-dimensional SGD. (Finite-λ population blocks need
 * the r-dimensional integrals of §6.3 and are not implemented.)
 */
public final class KgmmSpectrum {
  private KgmmSpectrum() {}

  /** π̄_l(c) for all l at statistics m (k × k, m_al = x^a·μ_l). */
  static double pibar(double[][] m, int l, int c) {
    int k = m.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < k; a++) max = Math.max(max, m[a][l]);
    double z = 0;
    for (int a = 0; a < k; a++) z += Math.exp(m[a][l] - max);
    return Math.exp(m[c][l] - max) / z;
  }

  /** The k outlier eigenvalues p_l w_l of the λ = ∞ population block (c, c), by decreasing value, eigenvectors μ_l. */
  public static double[] populationOutliers(double[][] m, double[] p, int c, boolean hessian) {
    int k = m.length;
    Check.length("p", p, k);
    if (c < 0 || c >= k) throw new IllegalArgumentException("class c must be in [0, " + (k - 1) + "], got " + c);
    double[] out = new double[k];
    for (int l = 0; l < k; l++) {
      double pi = pibar(m, l, c);
      out[l] = p[l] * (hessian ? pi * (1 - pi) : (pi - (l == c ? 1 : 0)) * (pi - (l == c ? 1 : 0)));
    }
    java.util.Arrays.sort(out);
    for (int i = 0; i < k / 2; i++) {
      double t = out[i];
      out[i] = out[k - 1 - i];
      out[k - 1 - i] = t;
    }
    return out;
  }

  /**
   * The population outliers of block (c, c) at every time of a λ = ∞ k-GMM limit trajectory (layout
   * with the k × k block "m"): row i holds {@link #populationOutliers} at time i.
   */
  public static double[][] populationOutliersAlong(org.effdyn.core.Trajectory limit, double[] p, int c, boolean hessian) {
    if (!limit.layout().hasBlock("m")) throw new IllegalArgumentException("trajectory must have the k-GMM block 'm'");
    double[][] out = new double[limit.size()][];
    for (int i = 0; i < limit.size(); i++) {
      out[i] = populationOutliers(limit.layout().matrix("m", limit.state(i)), p, c, hessian);
    }
    return out;
  }

  /** An independent test set: M̃ samples Y = μ_y + Z/√λ (λ = ∞ allowed), labels y with weights p. */
  public record TestSet(double[][] y, int[] labels) {
    public static TestSet draw(int k, double[] p, double lambda, int d, int mTilde, UniformRandomProvider rng) {
      Check.atLeast("d", d, k);
      Check.atLeast("M~", mTilde, 1);
      Check.positiveOrInfinite("lambda", lambda);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
      double sd = Double.isInfinite(lambda) ? 0 : 1 / Math.sqrt(lambda);
      double[][] y = new double[mTilde][d];
      int[] lab = new int[mTilde];
      for (int l = 0; l < mTilde; l++) {
        double u = rng.nextDouble();
        int c = 0;
        double acc = p[0];
        while (u >= acc && c < k - 1) acc += p[++c];
        lab[l] = c;
        if (sd > 0) for (int t = 0; t < d; t++) y[l][t] = sd * g.sample();
        y[l][c] += 1;
      }
      return new TestSet(y, lab);
    }
  }

  /**
   * The empirical test block (b, c) of the Hessian (hessian = true) or of Ĝ at parameters x (k × d),
   * as a matrix-free operator on R^d.
   */
  public static SymmetricOperator empiricalBlock(double[][] x, TestSet test, int b, int c, boolean hessian) {
    int k = x.length;
    int d = x[0].length;
    int mt = test.labels().length;
    if (b < 0 || b >= k || c < 0 || c >= k) throw new IllegalArgumentException("block (b, c) must be in [0, " + (k - 1) + "]");
    double[] w = new double[mt];
    double[] logits = new double[k];
    for (int l = 0; l < mt; l++) {
      double[] yl = test.y()[l];
      Check.length("test sample", yl, d);
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int t = 0; t < d; t++) s += x[a][t] * yl[t];
        logits[a] = s;
        max = Math.max(max, s);
      }
      double z = 0;
      for (int a = 0; a < k; a++) z += Math.exp(logits[a] - max);
      double pb = Math.exp(logits[b] - max) / z;
      double pc = Math.exp(logits[c] - max) / z;
      int lab = test.labels()[l];
      w[l] = hessian ? (b == c ? pb : 0) - pb * pc : (pb - (lab == b ? 1 : 0)) * (pc - (lab == c ? 1 : 0));
    }
    double[][] y = test.y();
    return new SymmetricOperator() {
      @Override public int dimension() { return d; }
      @Override public void apply(double[] u, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int l = 0; l < mt; l++) {
          double[] yl = y[l];
          double s = 0;
          for (int t = 0; t < d; t++) s += yl[t] * u[t];
          s *= w[l] / mt;
          for (int t = 0; t < d; t++) out[t] += s * yl[t];
        }
      }
    };
  }
}
