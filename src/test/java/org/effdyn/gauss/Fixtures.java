package org.effdyn.gauss;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;

/** Shared test fixtures: seeded covariances and integrands with known or reference expectations. */
final class Fixtures {
  private Fixtures() {}

  /** A seeded random r x r Gaussian matrix (entries N(0,1)). */
  static double[][] gaussianMatrix(int r, long seed) {
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(seed, r));
    double[][] a = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        a[i][j] = z.sample();
      }
    }
    return a;
  }

  /** S = A A^T / r + 0.1 I: positive definite, variances O(1). */
  static double[][] covariance(int r, long seed) {
    double[][] a = gaussianMatrix(r, seed);
    double[][] s = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        double x = 0;
        for (int k = 0; k < r; k++) {
          x += a[i][k] * a[j][k];
        }
        s[i][j] = x / r + (i == j ? 0.1 : 0);
      }
    }
    return s;
  }

  /** A symmetric matrix with N(0,1) entries (not PSD in general). */
  static double[][] symmetric(int r, long seed) {
    double[][] a = gaussianMatrix(r, seed);
    double[][] s = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j <= i; j++) {
        s[i][j] = a[i][j];
        s[j][i] = a[i][j];
      }
    }
    return s;
  }

  static double[][] root(double[][] s) {
    int r = s.length;
    double[][] l = new double[r][r];
    new CovarianceRoot(r).compute(s, "S", l);
    return l;
  }

  static double quadratic(double[] a, double[][] s) {
    double q = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        q += a[i] * s[i][j] * a[j];
      }
    }
    return q;
  }

  /** a scaled so that a^T S a = q. */
  static double[] direction(double[][] s, double q, long seed) {
    int r = s.length;
    UniformRandomProvider rng = RandomStreams.stream(seed, 1000 + r);
    double[] a = new double[r];
    for (int i = 0; i < r; i++) {
      a[i] = rng.nextDouble() - 0.5 + (i % 2 == 0 ? 0.5 : -0.5);
    }
    double c = Math.sqrt(q / quadratic(a, s));
    for (int i = 0; i < r; i++) {
      a[i] *= c;
    }
    return a;
  }

  /** f(g) = exp(a^T g), one output. E exp(a^T G) = exp(a^T S a / 2). */
  static Integrand exp(double[] a) {
    return (g, w, acc) -> {
      double x = 0;
      for (int i = 0; i < g.length; i++) {
        x += a[i] * g[i];
      }
      acc[0] += w * Math.exp(x);
    };
  }

  /**
   * f(g) = softmax(m + (g, 0)): r + 1 classes, the last with logit fixed at 0 (so r = 1 is not trivial).
   * Allocation-free; numerically stable (subtracts the largest logit).
   */
  static Integrand softmax(double[] m) {
    int r = m.length;
    return (g, w, acc) -> {
      double max = 0;
      for (int a = 0; a < r; a++) {
        max = Math.max(max, m[a] + g[a]);
      }
      double sum = Math.exp(-max);
      for (int a = 0; a < r; a++) {
        sum += Math.exp(m[a] + g[a] - max);
      }
      double c = w / sum;
      for (int a = 0; a < r; a++) {
        acc[a] += c * Math.exp(m[a] + g[a] - max);
      }
      acc[r] += c * Math.exp(-max);
    };
  }

  static double[] softmaxMean(int r) {
    double[] m = new double[r];
    for (int a = 0; a < r; a++) {
      m[a] = 0.6 * Math.sin(1.3 * a + 0.4);
    }
    return m;
  }

  /**
   * Plain Monte Carlo of E f(L Z) with n samples (ziggurat Gaussians from RandomStreams.stream(seed, 0)).
   * Writes the means into out and their standard errors (sample std / sqrt n) into se.
   */
  static void monteCarlo(double[][] l, Integrand f, int outputs, long n, long seed, double[] out, double[] se) {
    int r = l.length;
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(seed, 0));
    double[] z = new double[r];
    double[] g = new double[r];
    double[] acc = new double[outputs];
    double[] sum = new double[outputs];
    double[] sumSq = new double[outputs];
    for (long s = 0; s < n; s++) {
      for (int i = 0; i < r; i++) {
        z[i] = gauss.sample();
      }
      for (int i = 0; i < r; i++) {
        double x = 0;
        for (int k = 0; k < r; k++) {
          x += l[i][k] * z[k];
        }
        g[i] = x;
      }
      java.util.Arrays.fill(acc, 0);
      f.add(g, 1, acc);
      for (int j = 0; j < outputs; j++) {
        sum[j] += acc[j];
        sumSq[j] += acc[j] * acc[j];
      }
    }
    for (int j = 0; j < outputs; j++) {
      double mean = sum[j] / n;
      out[j] = mean;
      se[j] = Math.sqrt(Math.max(sumSq[j] / n - mean * mean, 0) / (n - 1));
    }
  }
}
