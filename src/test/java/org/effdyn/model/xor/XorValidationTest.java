package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SgdRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SGD against the limits (docs/xor.md): K = 4, β = 0.05, c_δ = 1, T = 10, planted overlaps (m = 0 is
 * invariant for the limits), ODE from the measured u(x_0) of each run,
 * sup-over-time error over v, m^μ, m^ν and R⊥, mean over 4 seeds, at d = 500 and 2000. Theory: error
 * ~ d^{-1/2}, a ratio of 2 when d quadruples.
 */
@Tag("validation")
class XorValidationTest {
  static final int[] DS = {500, 2000};
  static final int SEEDS = 4;
  static final TimeGrid GRID = TimeGrid.of(10, 21);
  static final Map<String, Double> PLANT = plant();

  static Map<String, Double> plant() {
    double[] mmu = {0.8, -0.6, 0.5, 0.0}, mnu = {0.0, 0.7, -0.9, 0.6}, v = {1, -1, 1.5, -1.2};
    Map<String, Double> p = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      p.put("v[" + (i + 1) + "]", v[i]);
      p.put("mmu[" + (i + 1) + "]", mmu[i]);
      p.put("mnu[" + (i + 1) + "]", mnu[i]);
    }
    return p;
  }

  static double supError(Trajectory sgd, Trajectory ode) {
    double sup = 0;
    for (int i = 0; i < sgd.size(); i++) {
      double[] a = sgd.state(i), b = ode.state(i);
      for (int j = 0; j < a.length; j++) sup = Math.max(sup, Math.abs(a[j] - b[j]));
    }
    return sup;
  }

  /** errors[l][a]: limit l (0 = the model's, 1 = the printed Prop. 5.18 when given), dimension a. */
  static double[][] errors(XorGmm g, OdeSolver solver, Dynamics printed, long seed) {
    double[][] out = new double[2][DS.length];
    for (int a = 0; a < DS.length; a++) {
      int d = DS[a], da = a;
      double[][] per = IntStream.range(0, SEEDS).parallel().mapToObj(s -> {
        Trajectory sgd = SgdRecorder.record(g.simulator(d, Regime.BALLISTIC), GRID, RandomStreams.stream(seed, da, s), PLANT);
        double e0 = supError(sgd, solver.solve(g.limit(Regime.BALLISTIC), sgd.state(0), GRID));
        double e1 = printed == null ? Double.NaN : supError(sgd, solver.solve(printed, sgd.state(0), GRID));
        return new double[] {e0, e1};
      }).toArray(double[][]::new);
      for (double[] e : per) {
        out[0][a] += e[0] / SEEDS;
        out[1][a] += e[1] / SEEDS;
      }
    }
    return out;
  }

  /**
   * λ = 4, Prop. 5.15 pre-integrated along the kinks (256 outer nodes, drift error about 6e-3), solved by the
   * default adaptive Dormand–Prince at rtol 1e-6 (the drift is continuous in u, {@link XorFinite}).
   */
  @Test
  void finiteLambdaFour() {
    XorGmm g = new XorGmm(4, 4, 0.05, 1).withQuadratureNodes(256);
    OdeSolver dp = new OdeSolver(OdeOptions.defaults().withTolerances(1e-6, 1e-8));
    double[][] e = errors(g, dp, null, 51);
    System.out.printf("xor K=4 lambda=4 (Prop. 5.15): sup errors %s, ratio %.2f%n", Arrays.toString(e[0]), e[0][0] / e[0][1]);
    // d x4: theory ratio 2; band [1.4, 3] from the seed spread at 4 seeds. The drift error (~6e-3, a
    // trajectory floor of that order) is well below the d = 2000 error (~0.03), so it does not flatten the ratio.
    assertThat(e[0][0] / e[0][1]).isBetween(1.4, 3.0);
    assertThat(e[0][1]).isLessThan(0.08);
  }

  /**
   * λ = 10⁴, the soft drift (O(λ^{-1/2}) = 0.01 from Prop. 5.15), against the printed Prop. 5.18 sign.
   * An independent NumPy simulation of this setting gave: corrected 0.032 -> 0.015, printed 1.49 / 1.48.
   */
  @Test
  void softLargeLambdaAndPrintedSign() {
    XorGmm g = new XorGmm(4, 1e4, 0.05, 1).soft();
    OdeSolver dp = new OdeSolver(OdeOptions.defaults().withTolerances(1e-9, 1e-12));
    double[][] e = errors(g, dp, new PrintedProp518(g.withDrift(XorGmm.Drift.INTEGRAL).withLambda(Double.POSITIVE_INFINITY)), 52);
    System.out.printf("xor K=4 lambda=1e4 soft: sup errors %s, ratio %.2f; printed Prop. 5.18 %s%n",
        Arrays.toString(e[0]), e[0][0] / e[0][1], Arrays.toString(e[1]));
    // d x4: a ratio of 2 for the d^{-1/2} part, but this limit sits O(lambda^{-1/2}) = 0.01 from the
    // finite-lambda dynamics, a floor comparable to the d = 2000 error (measured: 0.0093 at
    // d = 8000), so the ratio is lower: band [1.2, 3]
    assertThat(e[0][0] / e[0][1]).isBetween(1.2, 3.0);
    assertThat(e[0][1]).isLessThan(0.03);
    // the printed sign does not converge: at d = 2000 its error stays above 10x the corrected one and
    // above half its d = 500 value
    assertThat(e[1][1]).isGreaterThan(10 * e[0][1]);
    assertThat(e[1][1]).isGreaterThan(0.5 * e[1][0]);
  }
}
