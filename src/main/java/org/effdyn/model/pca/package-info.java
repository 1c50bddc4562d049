/**
 * Spiked matrix (k = 2) and tensor (k &gt;= 3) PCA; docs/pca.md states the equations. Sources:
 * Ben Arous, Gheissari, Jagannath, "High-dimensional limit theorems for SGD: effective dynamics and
 * critical scaling", 2022, arXiv:2206.04030; A. Jagannath, "Mathematics of Deep Learning", lecture
 * notes, University of Waterloo, 2024, ch. 12. Where EffDyn departs from the printed forms,
 * docs/corrections.md gives both and the evidence.
 *
 * <p>Data Y = λ v^{⊗k} + W with W i.i.d. N(0,1); loss L(x, Y) = ||Y - x^{⊗k}||_F^2; online SGD
 * x_l = x_{l-1} - δ ∇L with δ = c_δ/N. Statistics m = ⟨x, v⟩ and r_⊥² = |x|² - m²; diffusive scale
 * m̃ = √N m. Contents: {@link org.effdyn.model.pca.SpikedPca} (the validated parameters),
 * {@link org.effdyn.model.pca.PcaBallistic} and {@link org.effdyn.model.pca.PcaDiffusive} (the limits),
 * {@link org.effdyn.model.pca.PcaSimulator} (finite-N SGD with O(N) exact in-law noise) and
 * {@link org.effdyn.model.pca.PcaOracles} (fixed points, thresholds, OU variance, escape time).
 */
package org.effdyn.model.pca;
