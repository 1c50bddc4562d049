package org.effdyn.model.spectral;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.StateLayout;
import org.effdyn.model.spectral.SpectrumStudy.Align;
import org.effdyn.model.spectral.SpectrumStudy.Eigen;
import org.effdyn.model.spectral.SpectrumStudy.Vectors;

/**
 * One SGD path's spectra at the times a {@link SpectrumStudy} visits: the empirical blocks on the test set,
 * the population blocks at a state of the statistics, and (k-GMM) the block coordinates at the end of the
 * path. Implemented by {@link KgmmSpectrumSnapshot} and {@link XorSpectrumSnapshot}.
 */
interface SpectrumSnapshot {
  void empirical(int d, double t, UniformRandomProvider rng, List<Eigen> eig, List<Align> al);

  void population(int d, double t, String source, StateLayout layout, double[] u, List<Eigen> eig, List<Align> al);

  /** At the end of a path, after {@link #empirical} at that time: the block coordinates (k-GMM only). */
  default void vectors(int d, int seed, double t, UniformRandomProvider rng, List<Vectors> out) {}

  /** Adds the first min(n, |values|) values as eigenvalues 0, 1, ... of (block, matrix, source); seed 0. */
  static void addValues(List<Eigen> eig, int d, double t, String block, String matrix, String source, double[] values, int n) {
    for (int j = 0; j < Math.min(n, values.length); j++) eig.add(new Eigen(d, 0, t, block, matrix, source, j, values[j]));
  }

  /** The Euclidean norm. */
  static double norm(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return Math.sqrt(s);
  }
}
