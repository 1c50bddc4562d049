/**
 * Single-index models trained by spherical online SGD; docs/singleindex.md states the equations.
 * Sources: Ben Arous, Gheissari, Jagannath, "Online stochastic gradient descent on non-convex losses
 * from high-dimensional inference", JMLR 2021, arXiv:2003.10409; A. Jagannath, "Mathematics of Deep
 * Learning", lecture notes, University of Waterloo, 2024, ch. 11. Where EffDyn departs from the printed
 * forms, docs/corrections.md gives both and the evidence.
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
