package org.effdyn.solve;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.SolveStats;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;

/**
 * Runs a simulator and records its statistics on a limit's time grid: row i is taken after
 * l_i = round(t_i / timePerStep) steps, so the recorded time is within half a step of t_i.
 */
public final class SgdRecorder {
  private SgdRecorder() {}

  /** Initializes sim with rng and planted values, runs to grid.t1(), returns the recording. */
  public static Trajectory record(SgdSimulator sim, TimeGrid grid, UniformRandomProvider rng,
      Map<String, Double> planted) {
    if (grid.t0() < 0) {
      throw new IllegalArgumentException("SGD time grid must start at t >= 0, got " + grid.t0());
    }
    long start = System.nanoTime();
    sim.initialize(rng, planted);
    int n = grid.samples();
    double[][] states = new double[n][sim.layout().size()];
    long done = 0;
    for (int i = 0; i < n; i++) {
      done = advanceTo(sim, done, grid.time(i));
      sim.statistics(states[i]);
    }
    SolveStats stats = new SolveStats(0, done, 0, System.nanoTime() - start);
    return new Trajectory(sim.layout(), grid.times(), states, stats)
        .withProvenance(Map.of("d", sim.dimension(), "steps", done));
  }

  /**
   * Steps sim, which has taken {@code done} steps, until it has taken l = round(t / timePerStep) in
   * all (none if it is already there); returns the new count. The recording loop of {@link #record},
   * for drivers that read more than the statistics at each time.
   */
  public static long advanceTo(SgdSimulator sim, long done, double t) {
    long target = Math.round(t / sim.timePerStep());
    for (; done < target; done++) sim.step();
    return done;
  }
}
