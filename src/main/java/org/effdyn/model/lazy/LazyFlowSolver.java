package org.effdyn.model.lazy;

import org.effdyn.core.Dynamics;
import org.effdyn.core.SolveStats;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;

/**
 * Solves a flow of a {@link LazyProblem} from 0 on explicit output times (e.g. log-spaced), one integrator
 * run per output interval with the clock set exactly at each output, and appends the derived columns.
 */
final class LazyFlowSolver {
  private LazyFlowSolver() {}

  /** @throws IllegalArgumentException for bad times */
  static Trajectory solve(LazyProblem pr, Flow flow, double[] times, OdeOptions options) {
    checkTimes(times);
    Dynamics dyn = pr.dynamics(flow);
    OdeSolver solver = new OdeSolver(options);
    double[][] states = new double[times.length][];
    double[] u = new double[dyn.dimension()];
    states[0] = u.clone();
    long ev = 0, acc = 0, rej = 0, nanos = 0;
    for (int i = 1; i < times.length; i++) {
      Trajectory seg = solver.solve(dyn, u, new TimeGrid(times[i - 1], times[i], 2));
      u = seg.finalState();
      u[0] = times[i]; // the clock is exact
      states[i] = u.clone();
      ev += seg.stats().evaluations();
      acc += seg.stats().acceptedSteps();
      rej += Math.max(0, seg.stats().rejectedSteps());
      nanos += seg.stats().wallNanos();
    }
    Trajectory t = new Trajectory(dyn.layout(), times, states, new SolveStats(ev, acc, rej, nanos));
    return pr.columns(flow).appendTo(t);
  }

  /** times[0] = 0, at least two, finite and strictly increasing. */
  static void checkTimes(double[] times) {
    if (times == null || times.length < 2) throw new IllegalArgumentException("times: need at least 2 output times");
    if (times[0] != 0) throw new IllegalArgumentException("times[0] must be 0, got " + times[0]);
    for (int i = 1; i < times.length; i++) {
      if (!(times[i] > times[i - 1]) || !Double.isFinite(times[i])) {
        throw new IllegalArgumentException("times must be finite and strictly increasing; times[" + i + "] = "
            + times[i] + " after " + times[i - 1]);
      }
    }
  }
}
