package org.effdyn.model.spectral;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.common.Softmax;

/**
 * Hessian and G-matrix class blocks of the k-GMM softmax classifier (Ben Arous, Gheissari, Huang, Jagannath 2023,
 * arXiv:2310.03010, eqs. (3.1)–(3.3) and Lemmas 3.1–3.3; docs/spectral.md), with orthonormal means
 * μ_a = e_a (a = 0..k-1).
 *
 * <p>Empirical test blocks, matrix-free, O(M̃ d) per product:
 * Hess_bc = (1/M̃) Σ_l (π_l(b)δ_bc - π_l(b)π_l(c)) Y_l Y_lᵀ and
 * Ĝ_bc = (1/M̃) Σ_l (π_l(b) - y_{l,b})(π_l(c) - y_{l,c}) Y_l Y_lᵀ, product (1/M̃) Ỹᵀ(w ⊙ Ỹu).
 *
 * <p>Population blocks from the summary statistics alone at λ = ∞ (Y = μ_l exactly):
 * the class block (c, c) is Σ_l p_l w_l μ_l μ_lᵀ with w_l = π̄_l(c)(1 - π̄_l(c)) (Hessian) or
 * (π̄_l(c) - δ_lc)² (G), π̄_l(c) = e^{m_cl}/Σ_a e^{m_al}; its outliers are p_l w_l with eigenvectors
 * μ_l, and the rest of the spectrum is 0. Evaluated along the λ = ∞ limit m(t), this is the outlier
 * spectrum as a function of t without simulating d-dimensional SGD.
 *
 * <p>Finite λ ({@link #population}): the subspace form of {@link PopulationBlock} with
 * U = span(μ_1..μ_k, x^1..x^k), r = 2k, in coordinates (μ_1..μ_k, an orthonormal basis of the x^{a,⊥}): x^a has coordinates
 * (m_a·, (R⊥^{1/2})_a·), so the r × r integral E[w ŷŷᵀ] over ŷ = μ_l + ζ, ζ ~ N(0, I_r/λ), needs only
 * (m, R⊥). Its eigenvalues are the outliers; the bulk level is E[w]/λ.
 */
public final class KgmmSpectrum {
  private KgmmSpectrum() {}

  /** π̄_l(c) = e^{m_cl}/Σ_a e^{m_al} at statistics m (k × k, m_al = x^a·μ_l). */
  static double pibar(double[][] m, int l, int c) {
    return Softmax.probabilityInColumn(m, l, c);
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

  /** Nodes per replicate of the default rule of {@link #population} (16 replicates; 16384 nodes). */
  public static final int POPULATION_POINTS = 1024;

  /** The default rule of {@link #population} for k classes: RQMC in dimension 2k. */
  public static GaussianRule populationRule(int k) {
    return GaussianRule.quasiMonteCarlo(2 * k, POPULATION_POINTS, GaussianRule.DEFAULT_REPLICATES, GaussianRule.DEFAULT_SEED);
  }

  /**
   * The population Hessian (hessian = true) or G block (c, c) at finite λ (or λ = ∞) from the summary
   * statistics (m, R⊥) alone, orthonormal means; see the class comment. At λ = ∞ it reduces to
   * {@link #populationOutliers} (k values; the other k are 0).
   *
   * @param m     k × k, m_ab = x^a·μ_b
   * @param rPerp k × k, PSD
   * @param p     class weights
   * @param rule  a Gaussian rule in dimension 2k ({@link #populationRule}); unused at λ = ∞
   */
  public static PopulationBlock population(double[][] m, double[][] rPerp, double[] p, double lambda, int c,
      boolean hessian, GaussianRule rule) {
    int k = m.length;
    Check.length("p", p, k);
    Check.positiveOrInfinite("lambda", lambda);
    if (c < 0 || c >= k) throw new IllegalArgumentException("class c must be in [0, " + (k - 1) + "], got " + c);
    if (rPerp.length != k) throw new IllegalArgumentException("Rperp must be " + k + "x" + k + ", got " + rPerp.length + " rows");
    double[][] root = new double[k][k];
    new CovarianceRoot(k).compute(rPerp, "Rperp", root);
    int r = 2 * k;
    double[][] xu = new double[k][r];
    for (int a = 0; a < k; a++) {
      Check.length("m[" + a + "]", m[a], k);
      for (int j = 0; j < k; j++) {
        xu[a][j] = m[a][j];
        xu[a][k + j] = root[a][j];
      }
    }
    double[][] centers = new double[k][r];
    for (int l = 0; l < k; l++) centers[l][l] = 1;
    double[] logits = new double[k];
    return PopulationBlock.compute(centers, p, lambda, r, (l, yhat, f) -> {
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int j = 0; j < r; j++) s += xu[a][j] * yhat[j];
        logits[a] = s;
      }
      Softmax.inPlace(logits);
      double pc = logits[c];
      System.arraycopy(yhat, 0, f, 0, r);
      return hessian ? pc * (1 - pc) : (pc - (l == c ? 1 : 0)) * (pc - (l == c ? 1 : 0));
    }, rule, 1);
  }

  /**
   * {@link #population} at every time of a k-GMM limit trajectory (blocks "m" and "Rperp"), finite λ
   * or λ = ∞: element i is the block at time i.
   */
  public static PopulationBlock[] populationAlong(org.effdyn.core.Trajectory limit, double[] p, double lambda, int c,
      boolean hessian, GaussianRule rule) {
    var l = limit.layout();
    if (!l.hasBlock("m") || !l.hasBlock("Rperp")) throw new IllegalArgumentException("trajectory must have the k-GMM blocks 'm' and 'Rperp'");
    PopulationBlock[] out = new PopulationBlock[limit.size()];
    for (int i = 0; i < limit.size(); i++) {
      out[i] = population(l.matrix("m", limit.state(i)), l.matrix("Rperp", limit.state(i)), p, lambda, c, hessian, rule);
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
  public static WeightedGram empiricalBlock(double[][] x, TestSet test, int b, int c, boolean hessian) {
    int k = x.length;
    int d = x[0].length;
    int mt = test.labels().length;
    if (b < 0 || b >= k || c < 0 || c >= k) throw new IllegalArgumentException("block (b, c) must be in [0, " + (k - 1) + "]");
    double[] w = new double[mt];
    double[] logits = new double[k];
    for (int l = 0; l < mt; l++) {
      double[] yl = test.y()[l];
      Check.length("test sample", yl, d);
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int t = 0; t < d; t++) s += x[a][t] * yl[t];
        logits[a] = s;
      }
      Softmax.inPlace(logits);
      double pb = logits[b];
      double pc = logits[c];
      int lab = test.labels()[l];
      w[l] = hessian ? (b == c ? pb : 0) - pb * pc : (pb - (lab == b ? 1 : 0)) * (pc - (lab == c ? 1 : 0));
    }
    return new WeightedGram(test.y(), w);
  }
}
