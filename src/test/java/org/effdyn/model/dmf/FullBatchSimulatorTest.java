package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.effdyn.analysis.Parallel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FullBatchSimulatorTest {
  static final double[] HALF = {0.5, 0.5};

  /** Planted means and θ0 have Gram ν exactly (up to rounding), and l = 0 is deterministic. */
  @Test
  void plantsTheGramAndStartsAtTheta0() {
    double[][] nu = {{1, -0.5, 0.1}, {-0.5, 2, 0}, {0.1, 0, 0.04}};
    double[][] rows = FullBatchSimulator.plant(nu, 10);
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        assertThat(MonteCarloSweepTest.dot(rows[a], rows[b])).isCloseTo(nu[a][b], Offset.offset(1e-14));
      }
    }
    DmfProblem p = new DmfProblem(HALF, nu, 2, Perceptron.softplusSquare(), new Algorithm.Nesterov(0.5, 0.5), 5);
    DmfSolution r = FullBatchSimulator.run(p, 50, 3L);
    assertThat(r.vTheta()[0][0]).isCloseTo(0.04, Offset.offset(1e-14));
    assertThat(r.beta()[0][0]).isCloseTo(0.1, Offset.offset(1e-14));
    for (int a = 0; a < 5; a++) {
      for (int b = 0; b < 5; b++) {
        assertThat(r.vOmegaByClass()[0][a][b] + r.vOmegaByClass()[1][a][b])
            .isCloseTo(r.vOmega()[a][b], Offset.offset(1e-14));
      }
    }
    // α(l,y) are class sums / n: with targets 0/1 the class-0 factor is positive at l = 0
    assertThat(r.alpha()[0][0]).isPositive();
    assertThatThrownBy(() -> FullBatchSimulator.run(p.withAlpha(Double.POSITIVE_INFINITY), 50, 1L))
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> FullBatchSimulator.run(p, 2, 1L)).hasMessageContaining("d: must be >= 3");
  }

  /**
   * Linear heavy ball (η = 0.3, s = 0.5, α = 2, L = 12) against the exact DMF (docs/dmf.md; measured:
   * train-loss sup-error 1.9e-2 at d = 150 → 4.8e-3 at d = 1200). Seed mean of the sup-error at
   * d = 150 and 1200 (12 and 3 seeds): a d^{-1/2} law predicts a factor √8 = 2.8; we require ≥ 1.8.
   * The response −Λ̃ is measured by the tangent (Hutchinson) run.
   */
  @Test
  @Tag("validation")
  void linearHeavyBallConvergesToTheExactDmf() {
    DmfProblem p = new DmfProblem(HALF, DmfProblem.referenceNu(), 2, Perceptron.linearSquare(),
        new Algorithm.HeavyBall(0.3, 0.5), 12);
    DmfSolution exact = ExactSweep.solve(p);
    int[] dims = {150, 1200};
    int[] seeds = {12, 3};
    double[][] err = new double[2][4];
    for (int i = 0; i < 2; i++) {
      int d = dims[i];
      List<DmfSolution> runs = Parallel.map(seeds[i], 2,
          s -> FullBatchSimulator.run(p, d, org.effdyn.core.RandomStreams.stream(50L + s, d), true), null);
      for (DmfSolution r : runs) {
        err[i][0] += FullBatchValidationTest.sup(r.lossTrain(), exact.lossTrain()) / runs.size();
        err[i][1] += MonteCarloSweepTest.maxDiff(r.vTheta(), exact.vTheta()) / runs.size();
        err[i][2] += MonteCarloSweepTest.maxDiff(r.vOmegaByClass()[1], exact.vOmegaByClass()[1]) / runs.size();
        err[i][3] += MonteCarloSweepTest.maxDiff(r.lambdaTilde(), exact.lambdaTilde()) / runs.size();
      }
      System.out.printf("linear HB d = %4d: sup-error train loss %.2e, V_theta %.2e, V_omega(1) %.2e, "
          + "response (Hutchinson) %.2e%n", d, err[i][0], err[i][1], err[i][2], err[i][3]);
    }
    for (int f = 0; f < 3; f++) assertThat(err[0][f] / err[1][f]).as("statistic " + f).isGreaterThan(1.8);
    // The response mixes the d^{-1/2} fluctuation with the probe's own d^{-1/2} noise (measured:
    // 2.5e-2 → 7.9e-3 from d = 150 to 1200): require a drop by 1.5 and an error below 0.02.
    assertThat(err[0][3] / err[1][3]).as("response").isGreaterThan(1.5);
    assertThat(err[1][3]).isLessThan(0.02);
  }
}
