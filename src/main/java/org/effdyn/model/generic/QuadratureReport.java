package org.effdyn.model.generic;

/**
 * What one drift evaluation of {@link GenericLimit} integrated, and how accurately.
 *
 * @param dimension r, the integration dimension at this state (0 at λ = ∞), plus label-noise variables
 *     excluded
 * @param rule the rule's description (e.g. "gauss-hermite 30^3 = 27000 nodes"), or "single node" at λ = ∞
 * @param nodes quadrature nodes per class (times label-noise nodes)
 * @param classes C
 * @param maxError the largest estimated absolute error over the drift's coordinates: for RQMC the
 *     standard error across replicates, for Gauss–Hermite |h_n − h_{n'}|, n' = n − max(2, ⌊n/4⌋), and
 *     Smolyak |h_ℓ − h_{ℓ−1}| (the coarser rule's error, an upper estimate), 0 at λ = ∞ (exact up to label-noise quadrature)
 * @param errorKind "rqmc standard error", "gauss-hermite n vs n - max(2, n/4)", "smolyak level l vs l-1",
 *     "pre-integration vs 1.4x points" or "exact"
 */
public record QuadratureReport(int dimension, String rule, long nodes, int classes, double maxError, String errorKind) {}
