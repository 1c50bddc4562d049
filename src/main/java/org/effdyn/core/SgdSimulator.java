package org.effdyn.core;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Finite-d online SGD that exposes the summary statistics in the same {@link StateLayout} as the
 * model's limit. Not thread-safe: one instance per path. {@link #step()} allocates nothing.
 * The models' simulators extend {@link AbstractSgdSimulator}, which holds the shared skeleton.
 */
public interface SgdSimulator {
  /** Layout of {@link #statistics}. */
  StateLayout layout();

  /** Ambient dimension d (N). */
  int dimension();

  /** Rescaled time per SGD step (delta = c_delta/d for the BGJ time convention). */
  double timePerStep();

  /**
   * Draws x_0 from the model's initialization with rng, then plants the named statistics
   * (e.g. {@code m: 0.3}); the generator is kept for the steps. Names not plantable are rejected.
   */
  void initialize(UniformRandomProvider rng, Map<String, Double> planted);

  /** One SGD step with a fresh sample. */
  void step();

  /** Writes the current statistics u(x_l). */
  void statistics(double[] out);

  /**
   * The law of u(x_0) at a finite dimension: each draw initializes a fresh simulator from {@code fresh}
   * with the given generator and reads its statistics (for models whose d -&gt; inf start is a trap).
   */
  static org.effdyn.core.InitialLaw initialLawOf(StateLayout layout, java.util.function.Supplier<SgdSimulator> fresh) {
    return new org.effdyn.core.InitialLaw() {
      @Override public StateLayout layout() {
        return layout;
      }

      @Override public void sample(UniformRandomProvider rng, double[] out) {
        SgdSimulator sim = fresh.get();
        sim.initialize(rng, Map.of());
        sim.statistics(out);
      }

      @Override public boolean deterministic() {
        return false;
      }
    };
  }
}
