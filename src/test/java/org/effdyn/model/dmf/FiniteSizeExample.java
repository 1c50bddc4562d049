package org.effdyn.model.dmf;

/**
 * The runnable example of docs/dmf.md, "Finite size" (not a test): Claim 1's estimate of the
 * finite-size mean and n·Var of the train loss of GD on the soft-ReLU perceptron at d = n = 40.
 */
public final class FiniteSizeExample {
  private FiniteSizeExample() {}

  public static void main(String[] args) {
    DmfProblem problem = new DmfProblem(new double[] {0.5, 0.5},
        new double[][] {{1, -0.5, 0}, {-0.5, 1, 0}, {0, 0, 0.25}}, 1.0,
        Perceptron.softplusSquare(), new Algorithm.Gd(0.5), 4);
    FiniteSizeSetup setup = FiniteSizeSetup.of(problem, 40);            // d = 40, n = 40
    FiniteSizeMoments m = AlternativeProcess.atI(setup)                 // sigma = 0, z = i
        .moments(1, 40, 1000, 2);                                       // seed, blocks, per block, threads
    for (int l = 0; l < 4; l++) {
      FiniteSizeMoments.Estimate e = m.mean("loss_train", l), v = m.nVar("loss_train", l);
      System.out.printf("l=%d  E loss = %.5f ± %.5f (Im %+.1e ± %.1e)   n Var = %.5f ± %.5f (Im %+.1e)%n",
          l, e.re(), e.seRe(), e.im(), e.seIm(), v.re(), v.seRe(), v.im());
    }
    DmfSolution dmf = MonteCarloSweep.solve(problem, MonteCarloSweep.Options.of(200_000, 5));
    System.out.printf("DMF (d -> infinity) E loss(3) = %.5f%n", dmf.lossTrain()[3]);
  }
}
