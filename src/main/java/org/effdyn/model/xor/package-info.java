/**
 * XOR Gaussian mixture classified by a two-layer ReLU–sigmoid network; docs/xor.md states the
 * equations, docs/theory.md the conventions. Sources: Ben Arous, Gheissari, Huang, Jagannath,
 * "High-dimensional SGD aligns with emerging outlier eigenspaces", 2023, arXiv:2310.03010 (§2.2, §4,
 * §5.4); A. Jagannath, "Mathematics of Deep Learning", lecture notes, University of Waterloo, 2024,
 * ch. 12. Where EffDyn departs from the printed forms, docs/corrections.md gives both and the evidence.
 *
 * <p>Data: ϑ uniform on {±μ, ±ν} (μ, ν orthonormal), Y = ϑ + Z_λ, Z_λ ~ N(0, I_d/λ), label y = 1 for
 * ±μ and 0 for ±ν. Network ŷ = σ(v·g(WY)), g = relu, loss L = -y v·g(WY) + log(1 + e^{v·g(WY)}), online SGD
 * with the penalty inside the step: v ← v - δ[(ŷ - y) g(WY) + βv],
 * W_i ← W_i - δ[(ŷ - y) v_i 1{W_i·Y &gt; 0} Y + βW_i], δ = c_δ/d.
 * Statistics v_i, m_i^μ = W_i·μ, m_i^ν = W_i·ν, R⊥_ij = W_i^⊥·W_j^⊥ (names {@code v[i]}, {@code mmu[i]},
 * {@code mnu[i]}, {@code Rperp[i,j]}).
 *
 * <p>Contents: {@link org.effdyn.model.xor.XorGmm} (parameters, initial law),
 * {@link org.effdyn.model.xor.XorFinite} (finite λ, Prop. 5.15, pre-integrated along the kinks + RQMC),
 * {@link org.effdyn.model.xor.XorSoft} (the soft large-λ drift of Cor. 5.17),
 * {@link org.effdyn.model.xor.XorInfinite} (λ = ∞, Prop. 5.18 with the m^ν sign corrected, Filippov
 * sliding by the pinning rule), {@link org.effdyn.model.xor.XorSimulator} (SGD) and
 * {@link org.effdyn.model.xor.XorOracles} (fixed-point sets, their components and stability, basin
 * probabilities p_K).
 */
package org.effdyn.model.xor;
