package org.effdyn.model.dmf;

/**
 * The "true" side of the Claim 1 check: independent finite-n full-batch training runs
 * ({@link FullBatchSimulator}) on fresh data, summarised by the statistics of
 * {@link FiniteSizeMoments} (loss_train, theta2, beta[y], alpha[y], Vomega at every l). Run r of
 * block b uses the data seed {@code RandomStreams.stream(seed, b)}'s r-th {@code nextLong()}.
 */
final class TrainingRuns {
  private TrainingRuns() {}

  static FiniteSizeMoments moments(DmfProblem problem, int d, long seed, int blocks, int perBlock,
      int threads) {
    int k = problem.classes();
    int iterations = problem.iterations();
    int n = (int) Math.round(problem.alpha() * d);
    return FiniteSizeMoments.estimate(FiniteSizeMoments.statisticNames(k), iterations, n, seed,
        blocks, perBlock, threads, rng -> (re, im) -> {
          DmfSolution run = FullBatchSimulator.run(problem, d, rng.nextLong());
          java.util.Arrays.fill(im, 0);
          for (int l = 0; l < iterations; l++) {
            re[l] = run.lossTrain()[l];
            re[iterations + l] = run.vTheta()[l][l];
            for (int y = 0; y < k; y++) {
              re[(2 + y) * iterations + l] = run.beta()[y][l];
              re[(2 + k + y) * iterations + l] = run.alpha()[y][l];
            }
            re[(2 + 2 * k) * iterations + l] = run.vOmega()[l][l];
          }
        });
  }
}
