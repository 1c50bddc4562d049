package org.effdyn.model.dmf;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.analysis.Parallel;
import org.effdyn.core.RandomStreams;

/**
 * Test helper: mean and covariance of a random vector over blocks of draws (block b on
 * RandomStreams.stream(seed, b)), with standard errors of every mean and covariance entry from
 * batch means over the blocks.
 */
final class VectorMoments {
  final int dim;
  final double[] mean;
  final double[] seMean;
  final double[][] cov;
  final double[][] seCov;
  final long count;

  interface Sampler {
    /** Writes one draw into x. */
    void next(double[] x);
  }

  VectorMoments(int dim, long seed, int blocks, int perBlock, int threads,
      java.util.function.Function<UniformRandomProvider, Sampler> open) {
    this.dim = dim;
    List<double[][]> parts = Parallel.map(blocks, threads, b -> {
      Sampler s = open.apply(RandomStreams.stream(seed, b));
      double[] x = new double[dim];
      double[][] acc = new double[dim + 1][dim]; // row dim: sums; rows 0..dim-1: cross sums
      for (int r = 0; r < perBlock; r++) {
        s.next(x);
        for (int i = 0; i < dim; i++) {
          acc[dim][i] += x[i];
          for (int j = i; j < dim; j++) acc[i][j] += x[i] * x[j];
        }
      }
      return acc;
    }, null);
    count = (long) blocks * perBlock;
    mean = new double[dim];
    cov = new double[dim][dim];
    seMean = new double[dim];
    seCov = new double[dim][dim];
    double[][] bm = new double[blocks][dim];
    for (int b = 0; b < blocks; b++) {
      for (int i = 0; i < dim; i++) {
        bm[b][i] = parts.get(b)[dim][i] / perBlock;
        mean[i] += parts.get(b)[dim][i] / count;
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        double s2 = 0, s1 = 0, tot = 0;
        for (int b = 0; b < blocks; b++) {
          double c = parts.get(b)[i][j] / perBlock - bm[b][i] * bm[b][j];
          s1 += c;
          s2 += c * c;
          tot += parts.get(b)[i][j];
        }
        cov[i][j] = cov[j][i] = tot / count - mean[i] * mean[j];
        double m = s1 / blocks;
        seCov[i][j] = seCov[j][i] = Math.sqrt(Math.max(s2 / blocks - m * m, 0) / (blocks - 1));
      }
      seMean[i] = Math.sqrt(cov[i][i] / count);
    }
  }

}
