package org.effdyn.model.spectral;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.common.Activation;
import org.hipparchus.special.Erf;

/**
 * Hessian and G-matrix blocks of the XOR GMM two-layer network (ŷ = σ(v·g(WY)), g = relu)
 * (Ben Arous, Gheissari, Huang, Jagannath 2023, arXiv:2310.03010, eqs. (4.1)–(4.4), Lemmas 4.4–4.5;
 * docs/spectral.md), with μ = e_0, ν = e_1 as in {@link org.effdyn.model.xor.XorSimulator}.
 *
 * <p><b>Empirical test blocks</b> (the a.s. Hessian, g'' dropped), with σ'_l = ŷ_l(1 − ŷ_l), and
 * c_l = σ'_l (Hessian) or (ỹ_l − ŷ_l)² (G):
 * \[ \mathrm{vv} = \frac1{\tilde M}\sum_l c_l\, g(W\tilde Y^l) g(W\tilde Y^l)^T \ (K\times K),\qquad
 *    W_iW_j = \frac1{\tilde M}\sum_l c_l\, v_i v_j 1\{W_i\cdot\tilde Y^l&gt;0\}1\{W_j\cdot\tilde Y^l&gt;0\}
 *    \tilde Y^l\tilde Y^{l\,T}, \]
 * the vv block dense (K × K), the W_iW_j blocks matrix-free ({@link WeightedGram}, O(M̃ d) per product).
 *
 * <p><b>Population blocks from the summary statistics</b> (v, m^μ, m^ν, R⊥). Finite λ: exact,
 * by the subspace form with U = span(μ, ν, W_1..W_K), r = K + 2, in coordinates (μ, ν, an orthonormal
 * basis of the W_i^⊥), where W_i = (m_i^μ, m_i^ν, (R⊥^{1/2})_i·); the data are ŷ = ϑ + ζ,
 * ζ ~ N(0, I_r/λ), ϑ uniform on {±μ, ±ν}, and the integrals E[c g gᵀ] (vv) and
 * E[c v_i² 1{h_i &gt; 0} ŷŷᵀ] (W_iW_i, bulk E[w]/λ) are r-dimensional (RQMC, {@link #populationRule}).
 * λ = ∞: the leading-order forms of Lemmas 4.4–4.5, with the factor σ'(v·g(Wϑ)) of Lemma 4.4 that
 * eqs. (7.11), (7.13), (7.16), (7.18) omit, and σ(v·g(Wϑ)) where eq. (4.11) prints σ(v g(m_i^ϑ))
 * (docs/corrections.md),
 * \[ \mathrm{vv} = \tfrac14\textstyle\sum_\vartheta c(v\cdot g(W\vartheta))\, g(W\vartheta) g(W\vartheta)^T,\qquad
 *    W_iW_i = \tfrac{v_i^2}4\sum_\vartheta c(v\cdot g(W\vartheta))\,
 *    F\big(m_i^\vartheta\sqrt{\lambda/R_{ii}}\big)\,\vartheta\vartheta^T, \]
 * with F(±∞) = 1 or 0 and F(0) = 1/2 (a coordinate at 0 is split evenly by the noise along W_i, as at
 * every finite λ); g(Wϑ)_j = relu(θ m_j^ϑ). The W_iW_i block is then diagonal in (μ, ν): two outliers.
 * The number of vv outliers is the number of hidden classes ϑ with g(Wϑ) ≠ 0 (Thm 2.7).
 */
public final class XorSpectrum {
  private XorSpectrum() {}

  /** Class ϑ index → (θ_μ, θ_ν) and label: +μ, −μ (label 1), +ν, −ν (label 0). */
  static final double[][] THETA = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
  static final int[] LABEL = {1, 1, 0, 0};

  /** An independent test set: M̃ samples Y = ϑ + Z (Z ~ N(0, I_d/λ), λ = ∞ allowed), class index cls (0..3 as {@link #THETA}). */
  public record TestSet(double[][] y, int[] cls) {
    public static TestSet draw(double lambda, int d, int mTilde, UniformRandomProvider rng) {
      Check.atLeast("d", d, 2);
      Check.atLeast("M~", mTilde, 1);
      Check.positiveOrInfinite("lambda", lambda);
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
      double sd = Double.isInfinite(lambda) ? 0 : 1 / Math.sqrt(lambda);
      double[][] y = new double[mTilde][d];
      int[] cls = new int[mTilde];
      for (int l = 0; l < mTilde; l++) {
        int c = rng.nextInt(4);
        cls[l] = c;
        if (sd > 0) for (int t = 0; t < d; t++) y[l][t] = sd * g.sample();
        y[l][0] += THETA[c][0];
        y[l][1] += THETA[c][1];
      }
      return new TestSet(y, cls);
    }
  }

  /** The network's forward pass on a test set, from which every empirical block is built. */
  public static final class Empirical {
    private final int k;
    private final double[] v;
    private final TestSet test;
    private final double[][] g;   // relu(W Y^l), M~ x K
    private final double[] sp;    // sigma'_l
    private final double[] res2;  // (y_l - yhat_l)^2

    /**
     * @param w first layer W, K × d (rows W_i)
     * @param v second layer, length K
     */
    public Empirical(double[][] w, double[] v, TestSet test) {
      this.k = w.length;
      Check.atLeast("K", k, 1);
      Check.length("v", v, k);
      int d = w[0].length;
      int mt = test.cls().length;
      this.v = v.clone();
      this.test = test;
      this.g = new double[mt][k];
      this.sp = new double[mt];
      this.res2 = new double[mt];
      for (double[] wi : w) Check.length("W row", wi, d);
      for (int l = 0; l < mt; l++) {
        double[] y = test.y()[l];
        Check.length("test sample", y, d);
        double s = 0;
        for (int i = 0; i < k; i++) {
          double[] wi = w[i];
          double h = 0;
          for (int t = 0; t < d; t++) h += wi[t] * y[t];
          g[l][i] = Math.max(h, 0);
          s += v[i] * g[l][i];
        }
        double yhat = Activation.sigmoid(s);
        sp[l] = yhat * (1 - yhat);
        double e = LABEL[test.cls()[l]] - yhat;
        res2[l] = e * e;
      }
    }

    /** The K × K vv block of the Hessian (hessian = true) or of Ĝ. */
    public double[][] vv(boolean hessian) {
      double[][] out = new double[k][k];
      int mt = sp.length;
      for (int l = 0; l < mt; l++) {
        double c = (hessian ? sp[l] : res2[l]) / mt;
        double[] gl = g[l];
        for (int i = 0; i < k; i++) {
          double ci = c * gl[i];
          if (ci == 0) continue;
          for (int j = 0; j <= i; j++) out[i][j] += ci * gl[j];
        }
      }
      for (int i = 0; i < k; i++) for (int j = 0; j < i; j++) out[j][i] = out[i][j];
      return out;
    }

    /** The d × d block (W_i, W_j) of the Hessian (hessian = true) or of Ĝ, matrix-free. */
    public WeightedGram ww(int i, int j, boolean hessian) {
      if (i < 0 || i >= k || j < 0 || j >= k) throw new IllegalArgumentException("neurons (i, j) must be in [0, " + (k - 1) + "], got (" + i + ", " + j + ")");
      int mt = sp.length;
      double[] w = new double[mt];
      for (int l = 0; l < mt; l++) {
        if (g[l][i] > 0 && g[l][j] > 0) w[l] = (hessian ? sp[l] : res2[l]) * v[i] * v[j];
      }
      return new WeightedGram(test.y(), w);
    }
  }

  /** A dense symmetric matrix as an operator (for the K × K vv block in {@link Lanczos} or {@link Alignment}). */
  public static SymmetricOperator dense(double[][] a) {
    int n = a.length;
    return new SymmetricOperator() {
      @Override public int dimension() {
        return n;
      }

      @Override public void apply(double[] x, double[] y) {
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int j = 0; j < n; j++) s += a[i][j] * x[j];
          y[i] = s;
        }
      }
    };
  }

  // ---- population blocks from the summary statistics ----

  /** Nodes per replicate of {@link #populationRule} (16 replicates: 16384 nodes). */
  public static final int POPULATION_POINTS = 1024;

  /** RQMC rule in dimension K + 2 for {@link #populationVv} and {@link #populationWw}. */
  public static GaussianRule populationRule(int hiddenUnits) {
    return GaussianRule.quasiMonteCarlo(hiddenUnits + 2, POPULATION_POINTS, GaussianRule.DEFAULT_REPLICATES, GaussianRule.DEFAULT_SEED);
  }

  /** The statistics of a state u in the {@link org.effdyn.model.xor.XorGmm} layout, and W_i in U-coordinates. */
  private record Stats(int k, double[] v, double[] mmu, double[] mnu, double[][] rPerp, double[][] wu) {
    static Stats of(StateLayout layout, double[] u) {
      if (!layout.hasBlock("v") || !layout.hasBlock("mmu") || !layout.hasBlock("mnu") || !layout.hasBlock("Rperp")) {
        throw new IllegalArgumentException("state must have the xor-gmm blocks v, mmu, mnu, Rperp");
      }
      int k = layout.block("v").size();
      double[] v = new double[k], mmu = new double[k], mnu = new double[k];
      for (int i = 0; i < k; i++) {
        v[i] = u[layout.block("v").offset() + i];
        mmu[i] = u[layout.block("mmu").offset() + i];
        mnu[i] = u[layout.block("mnu").offset() + i];
      }
      double[][] rp = layout.matrix("Rperp", u);
      double[][] root = new double[k][k];
      new CovarianceRoot(k).compute(rp, "Rperp", root);
      double[][] wu = new double[k][k + 2];
      for (int i = 0; i < k; i++) {
        wu[i][0] = mmu[i];
        wu[i][1] = mnu[i];
        System.arraycopy(root[i], 0, wu[i], 2, k);
      }
      return new Stats(k, v, mmu, mnu, rp, wu);
    }

    double[][] centers() {
      double[][] c = new double[4][k + 2];
      for (int q = 0; q < 4; q++) {
        c[q][0] = THETA[q][0];
        c[q][1] = THETA[q][1];
      }
      return c;
    }
  }

  private static final double[] QUARTER = {0.25, 0.25, 0.25, 0.25};

  /**
   * The population vv block (K × K; all K eigenvalues, no bulk) of the Hessian or G at the XOR state u
   * (layout of {@link org.effdyn.model.xor.XorGmm}); finite λ exact (rule in dimension K + 2), λ = ∞
   * the leading-order form (rule unused).
   */
  public static PopulationBlock populationVv(StateLayout layout, double[] u, double lambda, boolean hessian, GaussianRule rule) {
    Check.positiveOrInfinite("lambda", lambda);
    Stats s = Stats.of(layout, u);
    int k = s.k();
    int r = k + 2;
    return PopulationBlock.compute(s.centers(), QUARTER, lambda, k, (cls, yhat, f) -> {
      double z = 0;
      for (int i = 0; i < k; i++) {
        double h = 0;
        for (int j = 0; j < r; j++) h += s.wu()[i][j] * yhat[j];
        f[i] = Math.max(h, 0);
        z += s.v()[i] * f[i];
      }
      double yh = Activation.sigmoid(z);
      double e = LABEL[cls] - yh;
      return hessian ? yh * (1 - yh) : e * e;
    }, rule, 0);
  }

  /**
   * The population W_iW_i block of the Hessian or G at the XOR state u: finite λ exact (values: the
   * K + 2 eigenvalues of its U-part; bulk E[w]/λ), λ = ∞ the leading-order form (two values, on μ and
   * ν, bulk 0).
   */
  public static PopulationBlock populationWw(StateLayout layout, double[] u, double lambda, int i, boolean hessian,
      GaussianRule rule) {
    Check.positiveOrInfinite("lambda", lambda);
    Stats s = Stats.of(layout, u);
    int k = s.k();
    if (i < 0 || i >= k) throw new IllegalArgumentException("neuron i must be in [0, " + (k - 1) + "], got " + i);
    if (Double.isInfinite(lambda)) return leadingWw(s, lambda, i, hessian);
    int r = k + 2;
    double vi2 = s.v()[i] * s.v()[i];
    double[] h = new double[k];
    return PopulationBlock.compute(s.centers(), QUARTER, lambda, r, (cls, yhat, f) -> {
      double z = 0;
      for (int a = 0; a < k; a++) {
        double x = 0;
        for (int j = 0; j < r; j++) x += s.wu()[a][j] * yhat[j];
        h[a] = x;
        if (x > 0) z += s.v()[a] * x;
      }
      if (!(h[i] > 0)) return 0;
      System.arraycopy(yhat, 0, f, 0, r);
      double yh = Activation.sigmoid(z);
      double e = LABEL[cls] - yh;
      return vi2 * (hessian ? yh * (1 - yh) : e * e);
    }, rule, 1);
  }

  /** The leading-order W_iW_i block at any λ (F(m√(λ/R_ii)); at λ = ∞ F = 1{m &gt; 0} + 1{m = 0}/2). */
  public static PopulationBlock leadingWw(StateLayout layout, double[] u, double lambda, int i, boolean hessian) {
    Check.positiveOrInfinite("lambda", lambda);
    Stats s = Stats.of(layout, u);
    if (i < 0 || i >= s.k()) throw new IllegalArgumentException("neuron i must be in [0, " + (s.k() - 1) + "], got " + i);
    return leadingWw(s, lambda, i, hessian);
  }

  private static PopulationBlock leadingWw(Stats s, double lambda, int i, boolean hessian) {
    int k = s.k();
    double rii = s.mmu()[i] * s.mmu()[i] + s.mnu()[i] * s.mnu()[i] + s.rPerp()[i][i];
    double[] diag = new double[2];
    for (int q = 0; q < 4; q++) {
      double th = THETA[q][0] + THETA[q][1]; // the sign of the active coordinate
      int axis = THETA[q][0] != 0 ? 0 : 1;
      double[] m = axis == 0 ? s.mmu() : s.mnu();
      double z = 0;
      for (int j = 0; j < k; j++) z += s.v()[j] * Math.max(th * m[j], 0);
      double yh = Activation.sigmoid(z);
      double e = LABEL[q] - yh;
      double c = hessian ? yh * (1 - yh) : e * e;
      double mi = th * m[i];
      double f;
      if (Double.isInfinite(lambda) || rii == 0) f = Math.abs(mi) <= ZERO ? 0.5 : (mi > 0 ? 1 : 0);
      else f = 0.5 * Erf.erfc(-mi * Math.sqrt(lambda / rii) / Math.sqrt(2));
      diag[axis] += 0.25 * s.v()[i] * s.v()[i] * c * f;
    }
    return PopulationBlock.of(new double[][] {{diag[0], 0}, {0, diag[1]}}, 0);
  }

  /** Relative floor of {@link #outlierCount}. */
  static final double FLOOR = 1e-12;

  /** |m| at or below this counts as 0 at λ = ∞ (the Filippov band of the λ = ∞ flow is 1e-9). */
  static final double ZERO = 1e-8;

  /**
   * The number of outliers of a spectrum sorted by decreasing value: the position j ≤ maxCount of the
   * largest ratio values[j-1]/values[j], each value floored at 1e-12 × values[0] (rounding-level and
   * non-positive values are zero; the first maximum wins).
   * For the vv block at a fixed point this is the number of hidden classes found (the other values are
   * O(1/λ)); at initialization it is 1 (the positive mean of relu). At most values.length − 1: a gap needs
   * a value past the outliers (for the vv block, K &gt; the number of classes found).
   */
  public static int outlierCount(double[] values, int maxCount) {
    Check.atLeast("maxCount", maxCount, 1);
    if (values.length < 2) throw new IllegalArgumentException("need at least 2 values to find a gap, got " + values.length);
    int best = 1;
    double bestRatio = -1;
    double floor = FLOOR * Math.abs(values[0]);
    if (!(floor > 0)) return 0;
    for (int j = 1; j <= Math.min(maxCount, values.length - 1); j++) {
      double ratio = Math.max(values[j - 1], floor) / Math.max(values[j], floor);
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = j;
      }
    }
    return best;
  }
}
