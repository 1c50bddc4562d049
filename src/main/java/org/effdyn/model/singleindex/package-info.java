/**
 * Single-index models trained by spherical online SGD, ../shared/spec/models.md §5 (course notes
 * [004] ch. 11; Ben Arous–Gheissari–Jagannath, JMLR 2021).
 *
 * <p>Parameter X on the sphere S^{N-1}, truth θ, statistic m = ⟨X, θ⟩, step δ/N, time t = steps/N.
 * Contents: {@link org.effdyn.model.singleindex.SingleIndex} (validated parameters, card
 * {@code single-index}), {@link org.effdyn.model.singleindex.SingleIndexLoss} (φ, φ′, V, V_θ and the
 * information exponent of online PCA, binary GMM, GLM and tensor PCA),
 * {@link org.effdyn.model.singleindex.SingleIndexBallistic} and
 * {@link org.effdyn.model.singleindex.SingleIndexDiffusive} (the limits),
 * {@link org.effdyn.model.singleindex.SingleIndexSimulator} (finite-N spherical SGD) and
 * {@link org.effdyn.model.singleindex.SingleIndexOracles} (fixed points and their stability,
 * the sample-complexity thresholds α_c).
 */
package org.effdyn.model.singleindex;
