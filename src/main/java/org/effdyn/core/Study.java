package org.effdyn.core;

import java.util.List;

/**
 * A model whose result is computed as a whole, not an ODE/SDE solved in time: the iteration-indexed
 * DMF surrogate of full-batch training, or the sample-complexity study of spherical online SGD. Such
 * a model has no {@link Dynamics}; it receives a {@link Request} (no card, no files) and returns its
 * data, which the caller writes.
 *
 * @param <R> the result type
 */
public interface Study<R> {

  /**
   * What a study is asked to compute.
   *
   * @param grid    the time (or iteration) grid; null if the study does not use one ({@link #usesTime()})
   * @param dims    finite dimensions of the simulated runs (empty for none)
   * @param seeds   runs per dimension
   * @param seed    master seed of the runs: run (dims[i], j) uses {@code RandomStreams.stream(seed, i, j)}
   * @param threads worker threads (results do not depend on it)
   */
  record Request(TimeGrid grid, List<Integer> dims, int seeds, long seed, int threads) {
    public Request {
      dims = List.copyOf(dims);
      Check.atLeast("threads", threads, 1);
    }
  }

  /** Computes the study; deterministic for any thread count. */
  R compute(Request request);

  /** True if the study reads {@link Request#grid()} (the DMF's iteration grid). */
  default boolean usesTime() {
    return true;
  }
}
