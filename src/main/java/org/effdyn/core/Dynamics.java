package org.effdyn.core;

/**
 * Limit dynamics of the summary statistics (the effective dynamics of Ben Arous, Gheissari,
 * Jagannath 2022, arXiv:2206.04030; docs/theory.md):
 * \[ du = h(u)\,dt + b(u)\,dB_t, \qquad \Sigma(u) = b(u) b(u)^T. \]
 * A ballistic (ODE) limit has {@code noiseDimension() == 0}. Implementations are pure, thread-safe
 * and allocate nothing in {@link #drift} and {@link #diffusion}.
 */
public interface Dynamics {
  /** Names of the coordinates of u. */
  StateLayout layout();

  /** Writes h(u). u: not modified. out: length layout().size(), must not alias u. */
  void drift(double[] u, double[] out);

  /** Number of independent Brownian motions q (columns of b); 0 for an ODE. */
  default int noiseDimension() {
    return 0;
  }

  /**
   * Writes b(u), a layout().size() x noiseDimension() matrix with Sigma = b b^T.
   * Called only if noiseDimension() &gt; 0.
   */
  default void diffusion(double[] u, double[][] b) {}

  /** Dimension of u. */
  default int dimension() {
    return layout().size();
  }
}
