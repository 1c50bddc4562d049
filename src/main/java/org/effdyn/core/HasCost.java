package org.effdyn.core;

/**
 * Optional capability of a {@link Model} whose limit can be large (a committee with K hidden units
 * has K(K+1)/2 + KM + K statistics): its size and the cost of one drift evaluation, known from the
 * parameters alone, so that a run can be estimated, and refused, before its layout is built (which
 * for K = M = 5000 alone takes minutes and gigabytes).
 */
public interface HasCost {
  /** Number of statistics of {@code limit(regime)}, equal to its layout's size, computed without building it. */
  long stateDimension(Regime regime);

  /** Floating-point operations of one drift evaluation, to within a small factor. */
  double driftWork(Regime regime);

  /** How the drift's cost grows, in the model's card symbols, e.g. {@code O(K^2 (K+M)^2)}. */
  String driftCostClass();
}
