package org.effdyn.core;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Law nu of the statistics at t = 0 (the d -&gt; inf limit of the law of u(x_0)).
 * A ballistic limit usually has a point mass; a diffusive one a product of a Gaussian and points.
 */
public interface InitialLaw {
  StateLayout layout();

  /** Writes one draw into out. A deterministic law ignores rng (which may then be null). */
  void sample(UniformRandomProvider rng, double[] out);

  /** True if the law is a point mass. */
  boolean deterministic();

  /** A point mass at u0. */
  static InitialLaw pointMass(StateLayout layout, double[] u0) {
    Check.length("initial state", u0, layout.size());
    double[] copy = u0.clone();
    return new InitialLaw() {
      @Override public StateLayout layout() { return layout; }
      @Override public void sample(UniformRandomProvider rng, double[] out) {
        System.arraycopy(copy, 0, out, 0, copy.length);
      }
      @Override public boolean deterministic() { return true; }
    };
  }
}
