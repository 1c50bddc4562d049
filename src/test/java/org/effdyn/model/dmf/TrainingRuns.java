package org.effdyn.model.dmf;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The plain finite-n full-batch training run (spec §9(a)4: p = Xᵀθ, ω_i = ω(p_i, y_i),
 * q = Xω/n, then the method's own recursion) on fresh data per realisation, as the "true" side of
 * the Claim 1 check. A tiny test-side run, because the finite-size statistics here (loss, |θ|², β,
 * α, V_ω as one complex-capable vector) are those of {@link FiniteSizeMoments}.
 */
final class TrainingRuns {
  private TrainingRuns() {}

  static FiniteSizeMoments moments(FiniteSizeSetup s, LinearRecursion method, long seed,
      int blocks, int perBlock, int threads) {
    return FiniteSizeMoments.estimate(FiniteSizeMoments.statisticNames(s.classes()),
        s.iterations(), s.samples(), seed, blocks, perBlock, threads, rng -> {
          ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
          int d = s.dimension(), n = s.samples(), L = s.iterations(), k = s.classes();
          double[][] x = new double[n][d];
          int[] label = new int[n];
          int[] row = new int[n];
          for (int y = 0, i = 0; y < k; y++) {
            for (int r = 0; r < s.count(y); r++, i++) {
              label[i] = y;
              row[i] = r;
            }
          }
          double[] q = new double[d];
          double[] w = new double[n];
          double[] tmp = new double[2];
          FiniteSizePath path = new FiniteSizePath(s);
          AnalyticPerceptron model = s.model();
          return (re, im) -> {
            for (int i = 0; i < n; i++) {
              double[] mu = s.meanRow(label[i]);
              for (int j = 0; j < d; j++) x[i][j] = mu[j] + gauss.sample();
            }
            LinearRecursion.Run run = method.start(s.init());
            for (int l = 0; l < L; l++) {
              double[] th = run.query();
              for (int j = 0; j < d; j++) path.theta.set(l, j, th[j], 0);
              for (int i = 0; i < n; i++) {
                double p = 0;
                for (int j = 0; j < d; j++) p += x[i][j] * th[j];
                model.omega(p, 0, label[i], tmp);
                w[i] = tmp[0];
                path.p[label[i]].set(row[i], l, p, 0);
                path.omega[label[i]].set(row[i], l, w[i], 0);
              }
              java.util.Arrays.fill(q, 0);
              for (int i = 0; i < n; i++) {
                double c = w[i] / n;
                for (int j = 0; j < d; j++) q[j] += c * x[i][j];
              }
              run.update(q);
            }
            FiniteSizeMoments.statistics(s, path, re, im, tmp);
          };
        });
  }
}
