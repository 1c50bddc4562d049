package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;

import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class XorSoftTest {
  static final double[] PLANTED = {1, -1, 1.5, -1.2, 0.8, -0.6, 0.5, 0.05, 0.05, 0.7, -0.9, 0.6,
      1, 0, 0, 0, 1, 0, 0, 1, 0, 1};

  static double supDiff(Trajectory a, Trajectory b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) for (int j = 0; j < a.state(i).length; j++) s = Math.max(s, Math.abs(a.state(i)[j] - b.state(i)[j]));
    return s;
  }

  /**
   * The soft drift tends to the exact Filippov flow as λ grows (O(λ^{-1/2}) in the drift): K = 4,
   * β = 0.05, T = 20, planted overlaps with two small ones that slide to 0. Theory: the difference falls by
   * about √100 = 10 per factor 100 in λ; asserted ≥ 4 per step.
   */
  @Test
  void softTendsToExactAsLambdaGrows() {
    XorGmm exact = new XorGmm(4, Double.POSITIVE_INFINITY, 0.05, 1);
    TimeGrid grid = TimeGrid.of(20, 41);
    Trajectory ref = OdeSolver.defaults().solve(exact.limit(Regime.BALLISTIC), PLANTED, grid);
    double[] lambdas = {1e4, 1e6, 1e8};
    double[] diff = new double[lambdas.length];
    for (int a = 0; a < lambdas.length; a++) {
      Dynamics soft = new XorGmm(4, lambdas[a], 0.05, 1).soft().limit(Regime.BALLISTIC);
      diff[a] = supDiff(OdeSolver.defaults().solve(soft, PLANTED, grid), ref);
    }
    System.out.printf("xor soft vs exact lambda=inf: sup differences %s at lambda %s%n",
        java.util.Arrays.toString(diff), java.util.Arrays.toString(lambdas));
    assertThat(diff[0]).isLessThan(0.1);
    assertThat(diff[0] / diff[1]).isGreaterThan(4);
    assertThat(diff[1] / diff[2]).isGreaterThan(4);
  }

  /** m = 0 is invariant for the soft drift too (F = 1/2 makes the sides cancel). */
  @Test
  void zeroOverlapsAreInvariant() {
    XorGmm g = new XorGmm(4, 1e4, 0.05, 1).soft();
    double[] u = PLANTED.clone();
    for (int i = 4; i < 12; i++) u[i] = 0;
    double[] out = new double[u.length];
    g.limit(Regime.BALLISTIC).drift(u, out);
    for (int i = 4; i < 12; i++) assertThat(out[i]).isEqualTo(0.0);
  }
}
