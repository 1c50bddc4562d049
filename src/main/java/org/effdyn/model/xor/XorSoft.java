package org.effdyn.model.xor;

import org.effdyn.core.StateLayout;
import org.hipparchus.special.Erf;

/**
 * Soft large-λ limit of the XOR GMM (docs/xor.md; Ben Arous, Gheissari, Huang, Jagannath 2023,
 * arXiv:2310.03010, Cor. 5.17, second part): the λ = ∞
 * drift of {@link XorInfinite} with 1{m_i^ϑ &gt; 0} replaced by F(m_i^ϑ √(λ/R_ii)) and relu(m_i^ϑ) by
 * m_i^ϑ F(m_i^ϑ √(λ/R_ii)), F the standard normal CDF and R_ii = (m_i^μ)² + (m_i^ν)² + R⊥_ii:
 * \[ F^\vartheta_i = F\big(m_i^\vartheta \sqrt{\lambda / R_{ii}}\big), \]
 * inserted in the gated drift of {@link GatedDrift} (corrected m^ν sign, R⊥' = -2βR⊥). Accurate to
 * O(λ^{-1/2}) against Prop. 5.15. Smooth (Lipschitz constant of order √λ near m = 0), so the default
 * adaptive solver works; it tends to the exact Filippov flow as λ → ∞ (tested).
 *
 * <p>m = 0 is invariant here too (F = 1/2 there makes the ± sides cancel): start from planted overlaps.
 * R_ii = 0 (a dead neuron) uses F = 1/2.
 */
public final class XorSoft extends GatedDrift {
  private final double lambda;
  private final StateLayout.Block rp;

  public XorSoft(XorGmm model) {
    super(model);
    if (Double.isInfinite(model.lambda())) {
      throw new IllegalArgumentException("lambda: the soft drift needs a finite lambda; use XorInfinite at lambda = inf");
    }
    this.lambda = model.lambda();
    this.rp = model.layout().block("Rperp");
  }

  @Override
  void gates(double[] u, double[] fMu, double[] fNu, double[] mMu, double[] mNu) {
    for (int i = 0; i < k; i++) {
      double mm = u[k + i], mn = u[2 * k + i];
      double r = mm * mm + mn * mn + u[rp.index(i, i)];
      double s = r > 0 ? Math.sqrt(lambda / r) : 0;
      fMu[i] = cdf(mm * s);
      fNu[i] = cdf(mn * s);
      mMu[i] = mm;
      mNu[i] = mn;
    }
  }

  /** Standard normal CDF, F(x) = erfc(-x/√2)/2 (Hipparchus, relative accuracy ~1e-15). */
  static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }
}
