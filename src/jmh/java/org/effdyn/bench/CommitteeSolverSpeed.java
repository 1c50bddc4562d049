package org.effdyn.bench;

import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.model.committee.Committee;
import org.effdyn.model.committee.CommitteeOde;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;

/**
 * Timed main (not JMH: one Euler solve at K = M = 8 takes tens of seconds, so JMH's repetitions add
 * nothing but hours): the committee ODE (erf, eta = 0.5, T = I, v = v* = 1) from a fresh student's
 * statistics at N = 10000 (init seed 1) to t = 1000, 1001 output points, for K = M = 2, 4, 8:
 * <ul>
 *   <li>reference: Dormand-Prince 8(5,3), rtol 1e-12, atol 1e-14;</li>
 *   <li>Euler dt = 0.01 (what existing tools use);</li>
 *   <li>Dormand-Prince 8(5,3), rtol 1e-8, atol 1e-10.</li>
 * </ul>
 * Prints drift evaluations, wall time (best of {@code reps} runs; Euler once), and the error against
 * the reference: max over the 1001 output times and all statistics, and max |eps_g - eps_g ref|.
 * Run: {@code mvn -Pbench -DskipTests package && java -cp target/benchmarks.jar
 * org.effdyn.bench.CommitteeSolverSpeed [K...]}.
 */
public final class CommitteeSolverSpeed {
  private CommitteeSolverSpeed() {}

  public static void main(String[] args) {
    int[] ks = args.length == 0 ? new int[] {2, 4, 8} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    TimeGrid grid = TimeGrid.of(1000, 1001);
    System.out.printf("JDK %s, %d processors%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    System.out.println("K=M | method | evaluations | wall s | max |du| | max |d eps_g|");
    for (int k : ks) {
      Committee c = Committee.erf(k, k, 0.5).withInit(1.0, 10000);
      CommitteeOde ode = new CommitteeOde(c);
      double[] u0 = new double[c.layout().size()];
      c.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(1, 0), u0);
      Trajectory ref = new OdeSolver(OdeOptions.defaults().withTolerances(1e-12, 1e-14)).solve(ode, u0, grid);
      row(k, "dp853 rtol 1e-12 (reference)", ref, ref, ode, ref.stats().wallNanos());
      OdeSolver dp = new OdeSolver(OdeOptions.defaults().withTolerances(1e-8, 1e-10));
      long best = Long.MAX_VALUE;
      Trajectory t = null;
      for (int r = 0; r < 5; r++) {
        t = dp.solve(ode, u0, grid);
        best = Math.min(best, t.stats().wallNanos());
      }
      row(k, "dp853 rtol 1e-8", t, ref, ode, best);
      OdeSolver euler = new OdeSolver(OdeOptions.defaults().withMethod(OdeMethod.EULER).withStep(0.01));
      Trajectory e = euler.solve(ode, u0, grid);
      row(k, "euler dt 0.01", e, ref, ode, e.stats().wallNanos());
    }
  }

  private static void row(int k, String what, Trajectory t, Trajectory ref, CommitteeOde ode, long nanos) {
    double du = 0, de = 0;
    for (int i = 0; i < ref.size(); i++) {
      double[] a = t.state(i), b = ref.state(i);
      for (int j = 0; j < a.length; j++) du = Math.max(du, Math.abs(a[j] - b[j]));
      de = Math.max(de, Math.abs(ode.generalizationError(a) - ode.generalizationError(b)));
    }
    System.out.printf("%d | %s | %d | %.3f | %.2e | %.2e%n", k, what, t.stats().evaluations(), nanos / 1e9, du, de);
  }
}
