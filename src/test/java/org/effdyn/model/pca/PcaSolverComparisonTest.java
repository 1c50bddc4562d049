package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;

import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

/**
 * Adaptive integration against the fixed-step Euler that existing tools use, on the pca-matrix card
 * (lambda = 2, c_delta = 1, m(0) = 0.3, T = 2). Reference: DP853 at rtol = atol = 1e-13.
 */
class PcaSolverComparisonTest {
  static double maxError(Trajectory a, Trajectory ref) {
    double e = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < 2; j++) e = Math.max(e, Math.abs(a.state(i)[j] - ref.state(i)[j]));
    }
    return e;
  }

  @Test
  void dormandPrinceIsMoreAccurateThanEulerAtAFractionOfTheCost() {
    Dynamics h = SpikedPca.matrix(2, 1).limit(Regime.BALLISTIC);
    TimeGrid grid = TimeGrid.of(2, 201);
    double[] u0 = {0.3, 1.0};
    Trajectory ref = new OdeSolver(OdeOptions.defaults().withTolerances(1e-13, 1e-13)).solve(h, u0, grid);
    Trajectory dp = OdeSolver.defaults().solve(h, u0, grid);
    double eDp = maxError(dp, ref);
    long nDp = dp.stats().evaluations();
    StringBuilder report = new StringBuilder(String.format("dormand-prince-853 rtol 1e-9: error %.2e, %d evaluations%n", eDp, nDp));
    for (double step : new double[] {1e-3, 1e-4}) {
      Trajectory eu = new OdeSolver(OdeOptions.defaults().withMethod(OdeMethod.EULER).withStep(step)).solve(h, u0, grid);
      double eEu = maxError(eu, ref);
      report.append(String.format("euler h=%.0e: error %.2e, %d evaluations%n", step, eEu, eu.stats().evaluations()));
      // Euler's global error is O(h): at h = 1e-4 about 1e-4 here; DP853 at rtol 1e-9 is ~1e-9
      assertThat(eDp).isLessThan(eEu / 1000);
      // cost: Euler needs T/h evaluations (2000, 20000); DP853 needed 377 when measured
      assertThat(nDp).isLessThan(eu.stats().evaluations() / 5);
    }
    System.out.print(report);
  }
}
