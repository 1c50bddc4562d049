package org.effdyn.gauss;

/**
 * A vector-valued integrand f: R^r -> R^m, in accumulating form. Used by {@link GaussianExpectation}
 * in its hot loop, once per node.
 */
@FunctionalInterface
public interface Integrand {
  /**
   * Accumulates weight * f(g) into acc: {@code acc[j] += weight * f_j(g)} for j in [0, m). Must not
   * allocate: it is called size() times per expectation.
   *
   * @param g the point, length r; read only, and valid only during the call (it is a reused buffer)
   * @param weight the quadrature weight of the node
   * @param acc accumulator of length m (the caller's number of outputs); add to it, never reset it
   */
  void add(double[] g, double weight, double[] acc);
}
