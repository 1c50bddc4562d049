package org.effdyn.core;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A model whose limit is iteration-indexed and computed as a whole, not an ODE/SDE in time (the DMF
 * surrogate of full-batch training, docs/dmf.md): a validation case of such a model compares
 * finite-d runs with the limit at every iteration l = 0..L−1 (metric {@code ITERATION} of the
 * validation cases). Trajectories have time l and the columns of {@link #observables()}.
 */
public interface IterationLimit {

  /** The compared observables (columns of every trajectory), e.g. loss_train, err_train, … (docs/dmf.md). */
  StateLayout observables();

  /** The limit on L iterations, computed once per case, with its sampling error. */
  Limit limit(int iterations, int threads);

  /** One finite-d run of L iterations, all randomness (data, initialisation) drawn from rng. */
  Trajectory finiteSize(int iterations, int d, UniformRandomProvider rng);

  /**
   * The limit and, for a Monte Carlo limit, the standard error of each entry (else null).
   *
   * @param value         the limit
   * @param standardError its standard error on the same grid, or null if exact
   */
  record Limit(Trajectory value, Trajectory standardError) {
    public Limit {
      if (value == null) throw new IllegalArgumentException("value: the limit is required");
      if (standardError != null && standardError.size() != value.size()) {
        throw new IllegalArgumentException("standardError: " + standardError.size() + " rows, the limit has " + value.size());
      }
    }
  }
}
