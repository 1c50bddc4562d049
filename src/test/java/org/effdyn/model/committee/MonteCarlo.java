package org.effdyn.model.committee;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.effdyn.gauss.CovarianceRoot;

/** Plain Monte Carlo over z ~ N(0, C) for the tests: means and standard errors of several functions. */
final class MonteCarlo {
  private MonteCarlo() {}

  /** Functions of one sample z, written into out. */
  interface Sample {
    void eval(double[] z, double[] out);
  }

  /** {means, standard errors} of the outputs over n draws (seeded). */
  static double[][] estimate(double[][] c, int outputs, int n, long seed, Sample f) {
    int p = c.length;
    double[][] l = new double[p][p];
    new CovarianceRoot(p).compute(c, "C", l);
    UniformRandomProvider rng = RandomStreams.stream(seed, 0);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] xi = new double[p];
    double[] z = new double[p];
    double[] v = new double[outputs];
    double[] s = new double[outputs];
    double[] s2 = new double[outputs];
    for (int it = 0; it < n; it++) {
      for (int i = 0; i < p; i++) xi[i] = g.sample();
      for (int i = 0; i < p; i++) {
        double a = 0;
        for (int j = 0; j < p; j++) a += l[i][j] * xi[j];
        z[i] = a;
      }
      f.eval(z, v);
      for (int j = 0; j < outputs; j++) {
        s[j] += v[j];
        s2[j] += v[j] * v[j];
      }
    }
    double[][] r = new double[2][outputs];
    for (int j = 0; j < outputs; j++) {
      r[0][j] = s[j] / n;
      r[1][j] = Math.sqrt(Math.max(0, s2[j] / n - r[0][j] * r[0][j]) / n);
    }
    return r;
  }

  /** A random positive definite p x p matrix A Aᵀ/p + 0.2 I (seeded). */
  static double[][] randomCovariance(int p, long seed) {
    UniformRandomProvider rng = RandomStreams.stream(seed, 1);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] a = new double[p][p];
    for (double[] row : a) for (int j = 0; j < p; j++) row[j] = g.sample();
    double[][] c = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        double s = 0;
        for (int k = 0; k < p; k++) s += a[i][k] * a[j][k];
        c[i][j] = s / p + (i == j ? 0.2 : 0);
      }
    }
    return c;
  }
}
