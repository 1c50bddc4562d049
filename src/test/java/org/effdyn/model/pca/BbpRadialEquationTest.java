package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SgdRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The r⊥² equation of the BBP (diffusive, k = 2) limit (docs/corrections.md, section bbp-u2). The course
 * notes (Jagannath 2024, ch. 12 §4.2, with c_δ = 1) print dũ₂ = −8ũ₂(ũ₂² − 1)dt; EffDyn integrates
 * dr⊥² = −8r⊥²(r⊥² − c_δ)dt, the m = 0 restriction of the ballistic equation. From the usual start
 * r⊥²(0) = 1 the two coincide (both stay at 1), so the run plants r⊥²(0) = 2: λ = 0.5, c_δ = 1, T = 0.5,
 * SGD in the diffusive coordinates at N = 2000 and 8000 (4 seeds), sup over time of |r⊥²_SGD − r⊥²_limit|.
 * r⊥² has no volatility, so its limit is the ODE; m̃ plays no role in it.
 */
@Tag("validation")
class BbpRadialEquationTest {
  static final int[] NS = {2000, 8000};
  static final int SEEDS = 4;
  static final TimeGrid GRID = TimeGrid.of(0.5, 26);
  static final OdeSolver SOLVER = new OdeSolver(OdeOptions.defaults().withTolerances(1e-10, 1e-12));

  /** The drift of the diffusive limit, with the r⊥² row as implemented or as printed; no volatility. */
  record RadialDrift(PcaDiffusive limit, boolean printed) implements Dynamics {
    @Override
    public StateLayout layout() {
      return SpikedPca.DIFFUSIVE;
    }

    @Override
    public void drift(double[] u, double[] out) {
      limit.drift(u, out);
      if (printed) out[1] = -8 * u[1] * (u[1] * u[1] - 1);
    }
  }

  static double supError(Trajectory sgd, Trajectory ode) {
    double sup = 0;
    for (int i = 0; i < sgd.size(); i++) sup = Math.max(sup, Math.abs(sgd.state(i)[1] - ode.state(i)[1]));
    return sup;
  }

  @Test
  void correctedRadialEquationConvergesAndThePrintedOneDoesNot() {
    SpikedPca p = SpikedPca.matrix(0.5, 1.0);
    Dynamics corrected = new RadialDrift(new PcaDiffusive(p), false);
    Dynamics printed = new RadialDrift(new PcaDiffusive(p), true);
    double[][] e = new double[2][NS.length];
    for (int a = 0; a < NS.length; a++) {
      int n = NS[a], na = a;
      double[][] per = IntStream.range(0, SEEDS).parallel().mapToObj(seed -> {
        Trajectory sgd = SgdRecorder.record(p.simulator(n, Regime.DIFFUSIVE), GRID, RandomStreams.stream(71, na, seed), Map.of("r2perp", 2.0));
        return new double[] {
            supError(sgd, SOLVER.solve(corrected, sgd.state(0), GRID)),
            supError(sgd, SOLVER.solve(printed, sgd.state(0), GRID))};
      }).toArray(double[][]::new);
      for (double[] x : per) {
        e[0][a] += x[0] / SEEDS;
        e[1][a] += x[1] / SEEDS;
      }
    }
    System.out.printf("pca BBP lambda=0.5 c=1 r2(0)=2: sup |r2 error|, -8r2(r2 - c): %s (ratio %.2f); printed -8u2(u2^2 - 1): %s (ratio %.2f)%n",
        Arrays.toString(e[0]), e[0][0] / e[0][1], Arrays.toString(e[1]), e[1][0] / e[1][1]);
    // N x4: theory ratio 2; band [1.4, 3] from the seed spread at 4 seeds
    assertThat(e[0][0] / e[0][1]).isBetween(1.4, 3.0);
    // the printed equation relaxes 3x faster at r2 = 2 (rate 8 r2 (r2 + 1) vs 8 r2): the two limits differ by
    // up to 0.285 (at t = 0.036), an error that does not shrink (ratio below the corrected band) and stays
    // above 4x the corrected error at N = 8000
    assertThat(e[1][0] / e[1][1]).isLessThan(1.4);
    assertThat(e[1][1]).isGreaterThan(0.2).isGreaterThan(4 * e[0][1]);
  }
}
