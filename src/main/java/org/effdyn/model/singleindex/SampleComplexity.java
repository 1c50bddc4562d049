package org.effdyn.model.singleindex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;

/**
 * Sample-complexity study (docs/singleindex.md; Ben Arous, Gheissari, Jagannath 2021, arXiv:2003.10409,
 * as stated in Jagannath's 2024 lecture notes, Thm 11.10–11.12): the number of samples spherical online SGD
 * needs to reach m = 1/2 from X_0 ~ Unif(S^{N-1}) (conditioned on m_0 ≥ 0, as the theorems are), as a
 * function of N, for information exponent k = 1, 2, 3, against α_c N with α_c = 1, log N, N^{k-2}.
 *
 * <p>Models (one per k, chosen so that a fixed δ or the theorem's δ_N recovers):
 * k = 1: GLM with f = g = identity, δ = 0.5; k = 2: online PCA, λ = 2, δ = 0.5;
 * k = 3: spherical tensor PCA, λ = 1, δ_N = 1/√N (α^{-1} ≪ δ_N ≪ α^{-1/2} with α = N: the escape
 * drift 3δλm² then beats the normalization (3/2)δ²m from m ~ N^{-1/2}, and the ODE predicts
 * steps ∝ N²). Expected log-log slopes: 1, about 1 + 1/log N, 2.
 */
public final class SampleComplexity {
  private SampleComplexity() {}

  /**
   * Samples to reach the level at (k, N): the median over runs (the fitted statistic: for k ≥ 3 the
   * escape time grows like 1/|m̃_0| and has no finite mean when √N m_0 is Gaussian), the mean and
   * its standard error, and the number of runs hitting the cap (counted at the cap).
   */
  public record Point(int k, int n, double medianSamples, double meanSamples, double standardError, int runs, int censored) {}

  /** The model used for information exponent k at dimension N (see the class comment). */
  public static SingleIndex modelFor(int k, int n) {
    return switch (k) {
      case 1 -> SingleIndex.glm(Link.LINEAR, Link.LINEAR, 0, 0.5);
      case 2 -> SingleIndex.onlinePca(2, 0.5);
      case 3 -> SingleIndex.tensor(3, 1, 1 / Math.sqrt(n));
      default -> throw new IllegalArgumentException("k must be 1, 2 or 3, got " + k);
    };
  }

  /**
   * Steps of spherical SGD from a uniform start (m_0 replaced by |m_0|) until m ≥ level, or |m| ≥ level
   * for an even information exponent (φ even: SGD may cross the equator and recover -θ); returns
   * maxSteps + 1 if the level is not reached (censored).
   */
  public static long samplesToReach(SingleIndex model, int n, double level, UniformRandomProvider rng, long maxSteps) {
    SingleIndexSimulator sim = new SingleIndexSimulator(model, n, Regime.BALLISTIC);
    sim.initialize(rng, Map.of());
    double[] u = new double[1];
    sim.statistics(u);
    if (u[0] < 0) sim.initialize(rng, Map.of("m", -u[0]));
    boolean even = model.informationExponent() % 2 == 0;
    for (long l = 1; l <= maxSteps; l++) {
      sim.step();
      sim.statistics(u);
      if ((even ? Math.abs(u[0]) : u[0]) >= level) return l;
    }
    return maxSteps + 1;
  }

  /**
   * Runs the study: for every k and every N of ns[k-1], runs independent starts (seeded by
   * RandomStreams.stream(seed, 1000 k + i, r), so deterministic for any thread count) to level 1/2,
   * each capped at capFactor · α_c(N, k) · N steps.
   */
  public static List<Point> run(int[][] ns, int runs, long seed, double capFactor) {
    Check.atLeast("runs", runs, 2);
    List<Point> out = new ArrayList<>();
    for (int k = 1; k <= ns.length; k++) {
      for (int i = 0; i < ns[k - 1].length; i++) {
        int n = ns[k - 1][i];
        int kk = k;
        int ii = i;
        SingleIndex model = modelFor(k, n);
        long cap = (long) Math.ceil(capFactor * SingleIndexOracles.alphaC(n, k) * n);
        long[] steps = IntStream.range(0, runs).parallel().mapToLong(r ->
            samplesToReach(model, n, 0.5, RandomStreams.stream(seed, 1000L * kk + ii, r), cap)).toArray();
        double mean = 0;
        int censored = 0;
        for (long s : steps) {
          mean += s / (double) runs;
          if (s > cap) censored++;
        }
        double var = 0;
        for (long s : steps) var += (s - mean) * (s - mean) / (runs - 1);
        long[] sorted = steps.clone();
        java.util.Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : 0.5 * (sorted[runs / 2 - 1] + sorted[runs / 2]);
        out.add(new Point(k, n, median, mean, Math.sqrt(var / runs), runs, censored));
      }
    }
    return out;
  }

  /** Least-squares slope of log(median samples) against log N for information exponent k. */
  public static double fittedExponent(List<Point> points, int k) {
    List<Point> p = points.stream().filter(q -> q.k() == k).toList();
    if (p.size() < 2) throw new IllegalArgumentException("need >= 2 dimensions for k = " + k + ", got " + p.size());
    double mx = 0, my = 0;
    for (Point q : p) {
      mx += Math.log(q.n()) / p.size();
      my += Math.log(q.medianSamples()) / p.size();
    }
    double sxy = 0, sxx = 0;
    for (Point q : p) {
      double dx = Math.log(q.n()) - mx;
      sxy += dx * (Math.log(q.medianSamples()) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}
