package org.effdyn.model.xor;

/**
 * Zero-noise (λ = ∞) limit of the XOR GMM (docs/xor.md): Prop. 5.18 of Ben Arous, Gheissari, Huang,
 * Jagannath 2023 (arXiv:2310.03010) with the m^ν sign corrected (σ(+v·g(±m^ν)), as the paper's own
 * Cor. 5.17 and the gradient give; docs/corrections.md),
 * \[ \dot m_i^\mu = \tfrac{v_i}4\big[1\{m_i^\mu&gt;0\}\sigma(-v\cdot g(m^\mu)) - 1\{m_i^\mu&lt;0\}\sigma(-v\cdot g(-m^\mu))\big] - \beta m_i^\mu, \]
 * \[ \dot m_i^\nu = -\tfrac{v_i}4\big[1\{m_i^\nu&gt;0\}\sigma(v\cdot g(m^\nu)) - 1\{m_i^\nu&lt;0\}\sigma(v\cdot g(-m^\nu))\big] - \beta m_i^\nu, \]
 * v' as in {@link GatedDrift} with relu, R⊥' = -2βR⊥.
 *
 * <p><b>Filippov sliding (pinning rule).</b> The right-hand side jumps at m_i^ϑ = 0. A μ-coordinate
 * with v_i ≤ 0 at m_i^μ = 0 (a ν-coordinate with v_i ≥ 0 at m_i^ν = 0) has drift pointing to 0 from both
 * sides; it is pinned: its derivative is 0 and it counts as 0 in every relu. Pinning is permanent: with
 * m_i^μ = 0, v_i' = -(non-negative ν terms) - βv_i, so v_i cannot turn positive (likewise for ν). A
 * coordinate whose v has the other sign moves away from 0, never through it. So this drift is exact
 * Filippov once the coordinate is within {@link #PIN_BAND} of 0: a pinned coordinate reads at most
 * {@value #PIN_BAND} instead of 0, and everything else is unaffected (relu treats it as 0).
 *
 * <p><b>Solving.</b> Between pinnings the drift is smooth (the gates are constant), and an adaptive
 * integrator lands inside the band after a few rejected steps at the kink, once per coordinate, so the
 * default Dormand–Prince 8(5,3) at atol ≤ 1e-10 solves K = 20 to T = 100 in well under a second without
 * chattering. A looser atol than the band (or a fixed step h with |m'| h &gt; 2·band) can overshoot the band
 * and oscillate around 0: keep atol ≤ 1e-10.
 *
 * <p><b>Orthant.</b> At exactly m = 0 the side is read from the sign of zero: +0.0 is 0+ and -0.0 is 0-
 * (the initial law draws them, {@link XorGmm#initialLaw}). A coordinate at ±0.0 with the pinning sign of v
 * is pinned.
 */
public final class XorInfinite extends GatedDrift {
  /** Half-width of the sliding band: an attracting coordinate with |m| ≤ this is pinned. */
  public static final double PIN_BAND = 1e-9;

  public XorInfinite(XorGmm model) {
    super(model);
  }

  /** True if μ-coordinate i is pinned at u: |m_i^μ| ≤ band and v_i ≤ 0. */
  boolean pinnedMu(double[] u, int i) {
    return Math.abs(u[k + i]) <= PIN_BAND && u[i] <= 0;
  }

  /** True if ν-coordinate i is pinned at u: |m_i^ν| ≤ band and v_i ≥ 0. */
  boolean pinnedNu(double[] u, int i) {
    return Math.abs(u[2 * k + i]) <= PIN_BAND && u[i] >= 0;
  }

  @Override
  void gates(double[] u, double[] fMu, double[] fNu, double[] mMu, double[] mNu) {
    for (int i = 0; i < k; i++) {
      double mm = u[k + i], mn = u[2 * k + i];
      fMu[i] = Math.copySign(1.0, mm) > 0 ? 1 : 0;
      fNu[i] = Math.copySign(1.0, mn) > 0 ? 1 : 0;
      mMu[i] = pinnedMu(u, i) ? 0 : mm;
      mNu[i] = pinnedNu(u, i) ? 0 : mn;
    }
  }

  @Override
  void adjust(double[] u, double[] out) {
    for (int i = 0; i < k; i++) {
      if (pinnedMu(u, i)) out[k + i] = 0;
      if (pinnedNu(u, i)) out[2 * k + i] = 0;
    }
  }
}
