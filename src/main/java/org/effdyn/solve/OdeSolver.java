package org.effdyn.solve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EulerIntegrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Solves the ballistic limit du/dt = h(u) with a Hipparchus integrator and samples the solution on an
 * explicit grid through the integrator's dense output (each grid time is interpolated inside the step
 * that contains it, so output points never force steps). Immutable and thread-safe: the Hipparchus
 * integrator, which holds handler state, is built inside each call.
 *
 * <p>Failures are reported as {@link IntegrationException} with the last accepted time and state:
 * a non-finite drift or state, a state beyond {@link OdeOptions#blowUp()}, an adaptive step below
 * {@link OdeOptions#minStep()}, or more than {@link OdeOptions#maxEvaluations()} drift evaluations.
 */
public final class OdeSolver {
  private static final double EVENT_THRESHOLD = 1e-10;
  private final OdeOptions options;

  public OdeSolver(OdeOptions options) {
    this.options = options;
  }

  /** Dormand-Prince 8(5,3) with rtol 1e-9, atol 1e-12. */
  public static OdeSolver defaults() {
    return new OdeSolver(OdeOptions.defaults());
  }

  public OdeOptions options() {
    return options;
  }

  /** Solves from u0 at grid.t0() over the grid. */
  public Trajectory solve(Dynamics dynamics, double[] u0, TimeGrid grid) {
    return solve(dynamics, u0, grid, List.of());
  }

  /**
   * Solves from u0 at grid.t0() over the grid, with events. A STOP event ends the trajectory at the
   * crossing: the rows are the grid times before it, then the event time and state.
   */
  public Trajectory solve(Dynamics dynamics, double[] u0, TimeGrid grid, List<Event> events) {
    return solve(dynamics, u0, grid, events, null);
  }

  /**
   * As {@link #solve(Dynamics, double[], TimeGrid, List)}, telling {@code progress} the time reached
   * after every accepted step (for a progress line on long solves; null: nobody).
   */
  public Trajectory solve(Dynamics dynamics, double[] u0, TimeGrid grid, List<Event> events,
      java.util.function.DoubleConsumer progress) {
    StateLayout layout = dynamics.layout();
    Check.length("initial state", u0, layout.size());
    Check.allFinite("initial state", u0);
    long start = System.nanoTime();
    Run run = new Run(dynamics, grid, u0);
    run.progress = progress;
    ODEIntegrator integrator = build(grid);
    integrator.setMaxEvaluations(options.maxEvaluations());
    integrator.addStepHandler(run);
    for (Event e : events) integrator.addEventDetector(new Detector(e, layout.indexOf(e.statistic()), run, grid));
    try {
      integrate(integrator, run, grid);
    } catch (Failure f) {
      String hint = switch (f.reason) {
        case BLOW_UP -> "the limit blows up (unstable parameters), or the initial state is far from the model's domain";
        case TOO_MANY_EVALUATIONS -> "trial steps kept leaving the drift's domain (rejected and shortened) until "
            + "max_evaluations was spent";
        default -> "the drift left its domain (a statistic such as a variance went negative), or the solution "
            + "blows up in finite time; check the parameters and the initial state";
      };
      throw failure(f.reason, run, start, f.t, f.u, hint, f);
    } catch (MathRuntimeException e) {
      if (e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
        throw failure(IntegrationException.Reason.STEP_BELOW_MINIMUM, run, start, run.lastT, run.lastU,
            "a singularity or blow-up near this time, a discontinuous drift, or rtol/atol tighter than "
                + "the drift's accuracy", e);
      }
      if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
        throw failure(IntegrationException.Reason.TOO_MANY_EVALUATIONS, run, start, run.lastT, run.lastU,
            "a stiff or chattering drift, tolerances too tight, or a horizon too long for max_evaluations", e);
      }
      if (e.getSpecifier() == LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION) {
        throw failure(IntegrationException.Reason.NON_FINITE_STATE, run, start, run.lastT, run.lastU,
            "the drift produced NaN", e);
      }
      throw e;
    }
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("solver", options.method().key());
    prov.put("rtol", options.rtol());
    prov.put("atol", options.atol());
    if (!options.method().adaptive()) prov.put("step", fixedStep(grid));
    return new Trajectory(layout, run.outTimes(), run.outStates(), List.of(), new double[run.rows.size()][0],
        run.events, stats(run, start), prov);
  }

  /**
   * Integrates to grid.t1(). An adaptive step whose trial stage meets a non-finite drift (a stage
   * that overshot the drift's domain, e.g. a variance pushed below 0 by a step the error estimate
   * allowed) is rejected: the integration restarts from the last accepted state with a step at most
   * half the failed one. Hipparchus cannot do this itself: a NaN error estimate compares as
   * acceptable. The failure stands only once the step would fall below min_step, or the evaluation
   * budget (counted over all restarts) is spent.
   */
  private void integrate(ODEIntegrator integrator, Run run, TimeGrid grid) {
    double t = grid.t0();
    double[] u = run.lastU.clone();
    while (true) {
      try {
        integrator.integrate(run, new ODEState(t, u), grid.t1());
        return;
      } catch (Failure f) {
        if (!(f.trialStage && integrator instanceof AdaptiveStepsizeIntegrator adaptive)) throw f;
        double h = (f.t - run.lastT) / 2; // the failed step reached at least f.t
        if (!(h >= options.minStep())) throw f;
        long used = run.stepEvaluations + run.handlerEvaluations;
        if (used >= options.maxEvaluations()) {
          throw new Failure(IntegrationException.Reason.TOO_MANY_EVALUATIONS, run.lastT, run.lastU, false);
        }
        integrator.setMaxEvaluations((int) Math.min(Integer.MAX_VALUE, options.maxEvaluations() - used));
        adaptive.setInitialStepSize(h);
        run.closeAbortedSegment(options.method().evaluationsPerAttempt());
        t = run.lastT;
        u = run.lastU.clone();
      }
    }
  }

  private ODEIntegrator build(TimeGrid grid) {
    double span = grid.t1() - grid.t0();
    double maxStep = Double.isNaN(options.step()) ? span : options.step();
    double minStep = Math.min(options.minStep(), maxStep);
    return switch (options.method()) {
      case DORMAND_PRINCE_853 -> new DormandPrince853Integrator(minStep, maxStep, options.atol(), options.rtol());
      case DORMAND_PRINCE_54 -> new DormandPrince54Integrator(minStep, maxStep, options.atol(), options.rtol());
      case GRAGG_BULIRSCH_STOER -> new GraggBulirschStoerIntegrator(minStep, maxStep, options.atol(), options.rtol());
      case RK4 -> new ClassicalRungeKuttaIntegrator(fixedStep(grid));
      case EULER -> new EulerIntegrator(fixedStep(grid));
    };
  }

  private double fixedStep(TimeGrid grid) {
    return Double.isNaN(options.step()) ? grid.spacing() / 10 : options.step();
  }

  private SolveStats stats(Run run, long start) {
    long rejected;
    int per = options.method().evaluationsPerAttempt();
    if (!options.method().adaptive()) {
      rejected = 0;
    } else if (per > 0) {
      // embedded RK with FSAL: 2 start-up evaluations (y'(t0) and the initial-step probe), then
      // `per` new evaluations per attempt; dense-output evaluations are counted apart
      // (restarts after a non-finite trial stage, see integrate, start a new segment: the rejected
      // attempts of the closed segments are summed in run.rejectedBefore)
      long attempts = Math.max(0, (run.stepEvaluations - run.segmentEvaluations - run.segmentStartup) / per);
      rejected = run.rejectedBefore + Math.max(0, attempts - (run.accepted - run.segmentAccepted));
    } else {
      rejected = -1;
    }
    return new SolveStats(run.stepEvaluations + run.handlerEvaluations, run.accepted, rejected,
        System.nanoTime() - start);
  }

  private IntegrationException failure(IntegrationException.Reason reason, Run run, long start, double t,
      double[] u, String hint, Throwable cause) {
    return new IntegrationException(options.method().key(), reason, t, u, run.dynamics.layout(),
        stats(run, start), hint, cause);
  }

  /** Adapter to Hipparchus, step handler and output collector for one solve. */
  private final class Run implements OrdinaryDifferentialEquation, ODEStepHandler {
    final Dynamics dynamics;
    final TimeGrid grid;
    final int n;
    final List<double[]> rows = new ArrayList<>();
    final List<Double> times = new ArrayList<>();
    final List<Trajectory.EventRecord> events = new ArrayList<>();
    int next; // next grid index to emit
    long stepEvaluations;
    long handlerEvaluations;
    long accepted;
    boolean inHandler;
    // bookkeeping of integration segments (a restart after a non-finite trial stage opens one)
    long segmentEvaluations; // stepEvaluations when the current segment began
    long segmentAccepted; // accepted when the current segment began
    int segmentStartup = 2; // y'(t0) and, unless an initial step is given, the step-size probe
    long rejectedBefore; // rejected attempts of the closed segments
    double lastT;
    double[] lastU;
    Double stopTime;
    double[] stopState;

    java.util.function.DoubleConsumer progress;

    Run(Dynamics dynamics, TimeGrid grid, double[] u0) {
      this.dynamics = dynamics;
      this.grid = grid;
      this.n = dynamics.layout().size();
      this.lastT = grid.t0();
      this.lastU = u0.clone();
    }

    @Override
    public int getDimension() {
      return n;
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
      if (inHandler) handlerEvaluations++; else stepEvaluations++;
      // outside the step handler this is a trial stage of a step not yet accepted
      boolean trial = !inHandler;
      for (double v : y) if (!Double.isFinite(v)) throw new Failure(IntegrationException.Reason.NON_FINITE_STATE, t, y, trial);
      double[] out = new double[n];
      dynamics.drift(y, out);
      for (double v : out) if (!Double.isFinite(v)) throw new Failure(IntegrationException.Reason.NON_FINITE_STATE, t, y, trial);
      return out;
    }

    @Override
    public void handleStep(ODEStateInterpolator interpolator) {
      inHandler = true;
      try {
        ODEStateAndDerivative cur = interpolator.getCurrentState();
        double[] u = cur.getPrimaryState();
        for (double v : u) {
          if (!Double.isFinite(v)) throw new Failure(IntegrationException.Reason.NON_FINITE_STATE, cur.getTime(), u, false);
          if (Math.abs(v) > options.blowUp()) throw new Failure(IntegrationException.Reason.BLOW_UP, cur.getTime(), u, false);
        }
        accepted++;
        // Hipparchus restricts the step to an event before calling us, so tEnd <= a STOP time
        double tEnd = cur.getTime();
        while (next < grid.samples()) {
          double ti = grid.time(next);
          if (ti > tEnd) break;
          emit(ti, interpolator.getInterpolatedState(ti).getPrimaryState());
          next++;
        }
        lastT = tEnd;
        lastU = u.clone();
        if (progress != null) progress.accept(tEnd);
      } finally {
        inHandler = false;
      }
    }

    @Override
    public void finish(ODEStateAndDerivative finalState) {
      if (stopTime != null) {
        if (times.isEmpty() || times.get(times.size() - 1) < stopTime) emit(stopTime, stopState);
        return;
      }
      // the last grid time equals t1; guard against round-off leaving it out
      if (next < grid.samples()) {
        emit(grid.t1(), finalState.getPrimaryState());
        next = grid.samples();
      }
    }

    /**
     * Closes a segment that ended in an aborted attempt and opens the next (which starts with a
     * given step: one start-up evaluation). The aborted attempt counts as rejected.
     */
    void closeAbortedSegment(int per) {
      if (per > 0) {
        long evals = stepEvaluations - segmentEvaluations - segmentStartup;
        long attempts = Math.max(1, (evals + per - 1) / per);
        rejectedBefore += Math.max(0, attempts - (accepted - segmentAccepted));
      }
      segmentEvaluations = stepEvaluations;
      segmentAccepted = accepted;
      segmentStartup = 1;
    }

    private void emit(double t, double[] u) {
      times.add(t);
      rows.add(u.clone());
    }

    double[] outTimes() {
      double[] t = new double[times.size()];
      for (int i = 0; i < t.length; i++) t[i] = times.get(i);
      return t;
    }

    double[][] outStates() {
      return rows.toArray(new double[0][]);
    }
  }

  /** g(u) = u_j - level; records or stops at crossings. */
  private static final class Detector implements ODEEventDetector, ODEEventHandler {
    private final Event event;
    private final int index;
    private final Run run;
    private final AdaptableInterval maxCheck;
    private final BracketedUnivariateSolver<UnivariateFunction> solver =
        new BracketingNthOrderBrentSolver(0.0, EVENT_THRESHOLD, 1e-15, 5);

    Detector(Event event, int index, Run run, TimeGrid grid) {
      this.event = event;
      this.index = index;
      this.run = run;
      this.maxCheck = AdaptableInterval.of(Math.min(grid.spacing(), (grid.t1() - grid.t0()) / 100));
    }

    @Override public AdaptableInterval getMaxCheckInterval() { return maxCheck; }
    @Override public int getMaxIterationCount() { return 200; }
    @Override public BracketedUnivariateSolver<UnivariateFunction> getSolver() { return solver; }
    @Override public ODEEventHandler getHandler() { return this; }

    @Override
    public double g(ODEStateAndDerivative s) {
      return s.getPrimaryState()[index] - event.level();
    }

    @Override
    public Action eventOccurred(ODEStateAndDerivative s, ODEEventDetector detector, boolean increasing) {
      run.events.add(new Trajectory.EventRecord(event.name(), s.getTime(), s.getPrimaryState()));
      if (event.action() == Event.Action.STOP) {
        run.stopTime = s.getTime();
        run.stopState = s.getPrimaryState();
        return Action.STOP;
      }
      return Action.CONTINUE;
    }
  }

  /** Internal signal from the adapter or step handler: a non-finite or blown-up state at t. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final IntegrationException.Reason reason;
    final double t;
    final double[] u;
    /** Raised by a trial stage (a step not yet accepted), so a shorter step may avoid it. */
    final boolean trialStage;

    Failure(IntegrationException.Reason reason, double t, double[] u, boolean trialStage) {
      super(null, null, false, false);
      this.reason = reason;
      this.t = t;
      this.u = u.clone();
      this.trialStage = trialStage;
    }
  }
}
