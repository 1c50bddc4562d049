package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

class PcaSimulatorTest {
  /**
   * Brute-force SGD x ← x - δ∇‖Y - x^{⊗k}‖²: draws the whole k-tensor W (N^k Gaussians) and differentiates
   * <Y, x^{⊗k}> slot by slot. Used only here, to check the O(N) in-law sampler.
   */
  static final class BruteForce {
    final int k, n;
    final double lambda, delta;
    final double[] x;
    final double[] w;
    final ZigguratSampler.NormalizedGaussian g;

    BruteForce(SpikedPca p, double[] x0, UniformRandomProvider rng) {
      k = p.k();
      n = x0.length;
      lambda = p.lambda();
      delta = p.cDelta() / n;
      x = x0.clone();
      w = new double[(int) Math.pow(n, k)];
      g = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    void step() {
      for (int i = 0; i < w.length; i++) w[i] = g.sample();
      double r2 = 0;
      for (double v : x) r2 += v * v;
      double m = x[0];
      double[] grad = new double[n];
      // grad <W, x^k> = sum over slots j of W contracted with x in every slot but j
      int[] idx = new int[k];
      for (int flat = 0; flat < w.length; flat++) {
        int f = flat;
        for (int s = k - 1; s >= 0; s--) {
          idx[s] = f % n;
          f /= n;
        }
        for (int j = 0; j < k; j++) {
          double prod = w[flat];
          for (int s = 0; s < k; s++) if (s != j) prod *= x[idx[s]];
          grad[idx[j]] += prod;
        }
      }
      grad[0] += lambda * k * Math.pow(m, k - 1); // signal: grad <lambda v^k, x^k>, v = e_1
      double p = Math.pow(r2, k - 1);
      for (int i = 0; i < n; i++) x[i] -= delta * (-2 * grad[i] + 2 * k * p * x[i]);
    }
  }

  /**
   * Statistics after S steps from one fixed x_0, over R independent replicates, for both samplers.
   * Means and variances of m and r2perp are compared by a two-sample z-test at 4.5 standard errors
   * (two-sided false-alarm rate about 7e-6 per comparison, 16 comparisons in this class).
   */
  void assertSameLaw(SpikedPca p, int n, int steps, int reps) {
    double[] x0 = new double[n];
    UniformRandomProvider init = RandomStreams.stream(99, 0);
    for (int i = 0; i < n; i++) x0[i] = ZigguratSampler.NormalizedGaussian.of(init).sample() / Math.sqrt(n);
    x0[0] = 0.4;
    double[][] fast = new double[reps][2];
    double[][] brute = new double[reps][2];
    for (int r = 0; r < reps; r++) {
      PcaSimulator sim = new PcaSimulator(p, n, Regime.BALLISTIC);
      sim.start(x0, RandomStreams.stream(1, r));
      for (int s = 0; s < steps; s++) sim.step();
      sim.statistics(fast[r]);
      BruteForce b = new BruteForce(p, x0, RandomStreams.stream(2, r));
      for (int s = 0; s < steps; s++) b.step();
      double r2 = 0;
      for (double v : b.x) r2 += v * v;
      brute[r][0] = b.x[0];
      brute[r][1] = r2 - b.x[0] * b.x[0];
    }
    for (int j = 0; j < 2; j++) {
      double[] a = col(fast, j), c = col(brute, j);
      double ma = mean(a), mc = mean(c), va = var(a), vc = var(c);
      double seMean = Math.sqrt(va / reps + vc / reps);
      assertThat(Math.abs(ma - mc)).as("mean of stat %d: %f vs %f", j, ma, mc).isLessThan(4.5 * seMean);
      // s.e. of a sample variance ≈ sqrt((m4 - s^4)/R)
      double seVar = Math.sqrt((m4(a) - va * va) / reps + (m4(c) - vc * vc) / reps);
      assertThat(Math.abs(va - vc)).as("variance of stat %d: %f vs %f", j, va, vc).isLessThan(4.5 * seVar);
    }
  }

  // One step isolates the noise covariance (the rank-one k(k-1)R^{2(k-2)} x x^T term doubles the
  // variance of <x, xi_W> for k = 2); many steps check the accumulated law. Small N and c_delta keep
  // the finite-N iteration stable (larger steps blow up in both samplers).
  @Test
  void inLawSamplerMatchesBruteForceMatrix() {
    assertSameLaw(new SpikedPca(2, 1.5, 0.2), 8, 1, 20000);
    assertSameLaw(new SpikedPca(2, 1.5, 0.2), 8, 40, 20000);
  }

  @Test
  void inLawSamplerMatchesBruteForceTensor() {
    assertSameLaw(new SpikedPca(3, 2.0, 0.05), 6, 1, 20000);
    assertSameLaw(new SpikedPca(3, 2.0, 0.05), 6, 40, 10000);
  }

  @Test
  void plantsStatisticsAndRejectsUnknownNames() {
    SpikedPca p = SpikedPca.matrix(2, 1);
    PcaSimulator sim = new PcaSimulator(p, 1000, Regime.BALLISTIC);
    sim.initialize(RandomStreams.stream(4, 0), Map.of("m", 0.3, "r2perp", 0.5));
    double[] u = new double[2];
    sim.statistics(u);
    assertThat(u[0]).isEqualTo(0.3);
    assertThat(u[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    PcaSimulator diff = new PcaSimulator(p, 400, Regime.DIFFUSIVE);
    diff.initialize(RandomStreams.stream(4, 0), Map.of("mtilde", 2.0));
    diff.statistics(u);
    assertThat(u[0]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(4, 0), Map.of("Q", 1.0)))
        .hasMessageContaining("init.Q");
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(4, 0), Map.of("r2perp", -1.0)))
        .hasMessageContaining("init.r2perp");
  }

  @Test
  void sameSeedSameStatistics() {
    SpikedPca p = SpikedPca.matrix(2, 1);
    double[] a = run(p, 7), b = run(p, 7), c = run(p, 8);
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }

  private static double[] run(SpikedPca p, long seed) {
    PcaSimulator sim = new PcaSimulator(p, 500, Regime.BALLISTIC);
    sim.initialize(RandomStreams.stream(seed, 0), Map.of("m", 0.3));
    for (int i = 0; i < 200; i++) sim.step();
    double[] u = new double[2];
    sim.statistics(u);
    return u;
  }

  @Test
  void stepAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    PcaSimulator sim = new PcaSimulator(new SpikedPca(3, 4, 1), 1000, Regime.BALLISTIC);
    sim.initialize(RandomStreams.stream(1, 0), Map.of("m", 0.5));
    double[] u = new double[2];
    for (int i = 0; i < 20_000; i++) sim.step(); // warm up the JIT (escape analysis)
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 20_000; i++) {
      sim.step();
      sim.statistics(u);
    }
    long bytes = mx.getThreadAllocatedBytes(id) - before;
    // one allocation per step would be >= 16 bytes * 20000; allow a few hundred bytes of measurement noise
    assertThat(bytes).isLessThan(2_000);
  }

  static double[] col(double[][] a, int j) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) c[i] = a[i][j];
    return c;
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }

  static double var(double[] a) {
    double m = mean(a), s = 0;
    for (double v : a) s += (v - m) * (v - m);
    return s / (a.length - 1);
  }

  static double m4(double[] a) {
    double m = mean(a), s = 0;
    for (double v : a) s += Math.pow(v - m, 4);
    return s / a.length;
  }
}
