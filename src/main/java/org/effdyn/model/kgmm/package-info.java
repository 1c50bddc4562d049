/**
 * k-component Gaussian mixture classification with a one-layer softmax network; docs/kgmm.md states
 * the equations. Source: Ben Arous, Gheissari, Huang, Jagannath, "High-dimensional SGD aligns with
 * emerging outlier eigenspaces", 2023, arXiv:2310.03010 (§2.1, §3, §5.2-5.3). Where EffDyn departs
 * from the printed forms, docs/corrections.md gives both and the evidence.
 *
 * <p>Data y ~ Σ p_a δ_{e_a}, Y = Σ y_a μ_a + Z_λ, Z_λ ~ N(0, I_d/λ); loss
 * L(x, Y) = -Σ_c y_c x^c·Y + log Σ_c exp(x^c·Y); online SGD
 * x^c ← x^c - δ[(π_Y(c) - y_c) Y + β x^c], δ = c_δ/d. Statistics m_ab = x^a·μ_b and
 * R⊥_ab = x^{a,⊥}·x^{b,⊥}. Contents: {@link org.effdyn.model.kgmm.Kgmm} (parameters),
 * {@link org.effdyn.model.kgmm.KgmmFinite} (finite-λ limit, Theorem 5.7 with the R⊥ equation
 * corrected), {@link org.effdyn.model.kgmm.KgmmInfinite} (λ = ∞, Prop. 5.10 corrected),
 * {@link org.effdyn.model.kgmm.KgmmSimulator} and {@link org.effdyn.model.kgmm.KgmmOracles}.
 */
package org.effdyn.model.kgmm;
