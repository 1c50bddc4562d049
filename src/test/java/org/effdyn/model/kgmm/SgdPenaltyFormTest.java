package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
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
 * The penalty inside the step (docs/corrections.md, sections sgd-penalty and kgmm-penalty). Ben Arous,
 * Gheissari, Huang, Jagannath 2023 (arXiv:2310.03010) print the SGD step as x − δ∇L − βx (eq. (2.1));
 * their limit theorems, and EffDyn, use x − δ(∇L + βx). The printed step is the corrected step with
 * β replaced by βd/c_δ, so the printed run is simulated exactly by the corrected simulator of that
 * model. Both runs are held against the same limit (the finite-λ ODE of Theorem 5.7 as corrected), each
 * from its own measured start; the corrected run's error shrinks like d^{-1/2}, the printed run's does
 * not. At λ = ∞ the orthogonal block of the corrected run decays like e^{-2βt}, not the printed
 * e^{-βt} (eq. (5.18)).
 */
@Tag("validation")
class SgdPenaltyFormTest {
  static final int[] DS = {500, 2000};
  static final int SEEDS = 3;
  static final TimeGrid GRID = TimeGrid.of(10, 51);
  static final OdeSolver SOLVER = new OdeSolver(OdeOptions.defaults().withTolerances(1e-8, 1e-10));

  /** [0] corrected step, [1] printed step: sup over time and statistics of |SGD − limit|, mean over seeds. */
  static double[][] errors(Kgmm g) {
    double[][] out = new double[2][DS.length];
    for (int a = 0; a < DS.length; a++) {
      int d = DS[a], da = a;
      // the printed step x <- (1 - beta) x - delta grad L is the corrected step of the penalty beta d / c_delta
      Kgmm printed = new Kgmm(g.k(), g.lambda(), g.beta() * d / g.cDelta(), g.cDelta());
      double[][] per = IntStream.range(0, SEEDS).parallel().mapToObj(seed -> {
        Trajectory sgd = SgdRecorder.record(g.simulator(d, Regime.BALLISTIC), GRID, RandomStreams.stream(61, da, seed), Map.of());
        Trajectory sgdPrinted = SgdRecorder.record(printed.simulator(d, Regime.BALLISTIC), GRID, RandomStreams.stream(61, da, seed), Map.of());
        return new double[] {
            KgmmValidationTest.supError(sgd, SOLVER.solve(g.limit(Regime.BALLISTIC), sgd.state(0), GRID)),
            KgmmValidationTest.supError(sgdPrinted, SOLVER.solve(g.limit(Regime.BALLISTIC), sgdPrinted.state(0), GRID))};
      }).toArray(double[][]::new);
      for (double[] e : per) {
        out[0][a] += e[0] / SEEDS;
        out[1][a] += e[1] / SEEDS;
      }
    }
    return out;
  }

  @Test
  void printedPenaltyStepDoesNotFollowTheLimit() {
    double[][] e = errors(new Kgmm(3, 10, 0.1, 1));
    System.out.printf("kgmm k=3 lambda=10 beta=0.1: sup error, step x - delta(grad L + beta x): %s (ratio %.2f); "
        + "printed step x - delta grad L - beta x: %s (ratio %.2f)%n",
        Arrays.toString(e[0]), e[0][0] / e[0][1], Arrays.toString(e[1]), e[1][0] / e[1][1]);
    // corrected: d x4, theory ratio 2; band [1.4, 3] from the seed spread at 3 seeds
    assertThat(e[0][0] / e[0][1]).isBetween(1.4, 3.0);
    assertThat(e[0][1]).isLessThan(0.05);
    // printed: the run collapses to x = O(1/d) within a few steps while the limit learns (m_aa -> O(1));
    // its error does not shrink (ratio below the corrected band) and stays above 10x the corrected one
    assertThat(e[1][0] / e[1][1]).isLessThan(1.4);
    assertThat(e[1][1]).isGreaterThan(0.5).isGreaterThan(10 * e[0][1]);
  }

  /**
   * λ = ∞, no noise: R⊥_aa(T)/R⊥_aa(0) of the run is (1 − δβ)^{2T/δ} = e^{-2βT}(1 + O(1/d)) with the
   * penalty inside the step; the printed limit (5.18) says e^{-βT}. T = 10, β = 0.1, d = 500 and 4000.
   */
  @Test
  void orthogonalBlockDecaysAtTwiceThePenaltyRate() {
    Kgmm g = new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1);
    int[] ds = {500, 4000};
    double[][] err = new double[2][2];
    for (int a = 0; a < 2; a++) {
      Trajectory t = SgdRecorder.record(g.simulator(ds[a], Regime.BALLISTIC), TimeGrid.of(10, 2), RandomStreams.stream(62, a), Map.of());
      double ratio = t.column("Rperp[1,1]")[1] / t.column("Rperp[1,1]")[0];
      err[0][a] = Math.abs(ratio - Math.exp(-2.0));
      err[1][a] = Math.abs(ratio - Math.exp(-1.0));
      System.out.printf("kgmm lambda=inf d=%d: Rperp[1,1](10)/Rperp[1,1](0) = %.6f; |. - e^-2| = %.2e, |. - e^-1| = %.4f%n",
          ds[a], ratio, err[0][a], err[1][a]);
    }
    // (1 - beta/d)^{20 d} = e^{-2} (1 - 0.1/d + ...): error 2.7e-5 at d = 500, 8x smaller at d = 4000
    assertThat(err[0][0]).isLessThan(1e-4);
    assertThat(err[0][1]).isLessThan(err[0][0] / 4);
    assertThat(err[1][1]).isGreaterThan(0.2);
  }
}
