/**
 * Gaussian expectations E f(G), G ~ N(0, S) in low dimension r (docs/theory.md): every
 * expectation over the data reduces to an r-dimensional Gaussian integral, with r the dimension of
 * the span of the means and parameter vectors.
 *
 * <ul>
 *   <li>{@link org.effdyn.gauss.GaussianRule}: fixed nodes and weights for N(0, I_r), either a
 *       tensor Gauss–Hermite rule (spectral accuracy, small r), a Smolyak sparse grid on slow-growth
 *       Gauss–Hermite rules (exactly permutation and sign-flip invariant, r up to about 20) or
 *       randomized quasi-Monte Carlo (scrambled by random shifts, with an error estimate, larger r);
 *       each names a companion rule for error estimates;
 *   <li>{@link org.effdyn.gauss.CovarianceRoot}: an eigen-based square root L L^T = S that accepts
 *       singular PSD S (the orthonormal-coordinate form of the reduction);
 *   <li>{@link org.effdyn.gauss.GaussianExpectation}: the allocation-free loop
 *       \( \sum_i w_i f(L z_i) \) over the nodes, for an {@link org.effdyn.gauss.Integrand}.
 * </ul>
 */
package org.effdyn.gauss;
