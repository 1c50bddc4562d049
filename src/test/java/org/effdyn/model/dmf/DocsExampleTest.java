package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The Java example of docs/dmf.md (2e4 instead of 2e5 paths, to stay fast). */
class DocsExampleTest {
  @Test
  void docsExampleRuns() {
    DmfProblem p = new DmfProblem(new double[] {0.5, 0.5}, DmfProblem.referenceNu(), 2.0,
        Perceptron.softplusSquare(), new Algorithm.HeavyBall(0.5, 0.5), 40);
    DmfSolution dmf = MonteCarloSweep.solve(p, new MonteCarloSweep.Options(20_000, 4, 2048, 2, 1));
    double trainLoss = dmf.lossTrain()[39];
    double se = dmf.standardError().lossTrain()[39];
    DmfSolution run = FullBatchSimulator.run(p, 800, 7L);
    Coefficients c = Coefficients.of(new Algorithm.Nesterov(0.5, 0.5), 10);
    DmfProblem lin = new DmfProblem(new double[] {0.5, 0.5}, DmfProblem.referenceNu(), 2.0,
        Perceptron.linearSquare(), new Algorithm.Gd(0.5), 20);
    DmfSolution exact = ExactSweep.solve(lin);
    System.out.printf("docs example: HB train loss(39) = %.4f +- %.4f (reference 0.0526); d = 800 run %.4f%n",
        trainLoss, se, run.lossTrain()[39]);
    // reference: the DMF of heavy ball with 2e5 paths/class reaches train loss 0.0526 at l = 39;
    // 6 s.e. + 1e-3 margin
    assertThat(trainLoss).isCloseTo(0.0526, Offset.offset(6 * se + 1e-3));
    // one d = 800 run: per-run error ~2e-3 at d = 800 (FullBatchValidationTest); 1e-2 is a loose sanity bound
    assertThat(run.lossTrain()[39]).isCloseTo(trainLoss, Offset.offset(1e-2));
    assertThat(c.bigLambda(0, 1)).isEqualTo(0.75);   // η(1 + s) for Nesterov, k = 1
    assertThat(exact.lossTrain()[19]).isCloseTo(0.143878150928, Offset.offset(1e-10));
  }
}
