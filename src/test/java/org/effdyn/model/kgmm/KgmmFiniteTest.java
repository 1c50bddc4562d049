package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.effdyn.core.Regime;
import org.effdyn.gauss.GaussianRule;
import org.junit.jupiter.api.Test;

class KgmmFiniteTest {
  static double[] start(Kgmm g) {
    double[] u = new double[g.layout().size()];
    g.initialLaw(Regime.BALLISTIC).sample(null, u);
    return u;
  }

  static double[] state(Kgmm g) {
    double[] u = KgmmInfiniteTest.randomState(g, 17);
    // make R_perp a valid PSD matrix: Rperp = A A^T / k + 0.2 I
    int k = g.k();
    double[][] a = KgmmInfiniteTest.matrix(u, k);
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) {
      for (int e = 0; e < k; e++) r[i][j] += a[i][e] * a[j][e] / k;
      if (i == j) r[i][j] += 0.2;
    }
    g.layout().setMatrix("Rperp", r, u);
    return u;
  }

  @Test
  void initialDriftIsTheClosedFormOracle() {
    // at u = (0, I) with orthonormal means, P_a^c = 1/k and Q^mu = 0: dm_ab = p_a delta_ab - p_b/k.
    // The tensor Gauss-Hermite rule is permutation-symmetric, so P = 1/k to rounding: tolerance 1e-12.
    for (double lambda : new double[] {1, 10}) {
      Kgmm g = new Kgmm(3, lambda, 0.1, 1);
      double[] f = new double[g.layout().size()];
      new KgmmFinite(g).drift(start(g), f);
      double[][] h = KgmmOracles.initialDrift(g);
      for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) assertThat(f[a * 3 + b]).isCloseTo(h[a][b], within(1e-12));
    }
  }

  @Test
  void approachesTheInfiniteLambdaDriftAtRateOneOverLambda() {
    // Lemma 5.11: drift difference O(1/lambda); the difference times lambda settles as lambda grows
    Kgmm base = new Kgmm(3, new double[] {0.2, 0.3, 0.5}, null, 1, 0.1, 1, 4096);
    double[] u = state(base);
    double[] inf = new double[u.length];
    new KgmmInfinite(base.withLambda(Double.POSITIVE_INFINITY)).drift(u, inf);
    double[] scaled = new double[3];
    double[] lambdas = {1e2, 1e3, 1e4};
    for (int i = 0; i < 3; i++) {
      double[] f = new double[u.length];
      new KgmmFinite(base.withLambda(lambdas[i])).drift(u, f);
      double diff = 0;
      for (int j = 0; j < u.length; j++) diff = Math.max(diff, Math.abs(f[j] - inf[j]));
      scaled[i] = diff * lambdas[i];
    }
    assertThat(scaled[2] / scaled[1]).isBetween(0.8, 1.25);
    assertThat(scaled[1] / scaled[0]).isBetween(0.5, 2.0);
  }

  /**
   * Quadrature error of the drift at a generic state, against a reference with ~30x more nodes, and
   * the cost of one drift evaluation. Bounds are the measured errors rounded up by 10x.
   */
  @Test
  void driftQuadratureErrorAndCost() {
    int[] ks = {3, 5, 10, 10};
    double[] lambdas = {1, 10, 10, 10};
    int[] nodes = {4096, 4096, 4096, 1024}; // Smolyak levels 3 and 2 for k = 10
    double[] bound = {3e-7, 5e-7, 6e-5, 4e-4};
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      Kgmm g = new Kgmm(k, null, null, lambdas[i], 0.05, 1, nodes[i]);
      double[] u = state(g);
      KgmmFinite fast = new KgmmFinite(g);
      KgmmFinite ref = new KgmmFinite(g, k <= 5 ? GaussianRule.gaussHermite(k, k == 3 ? 40 : 10)
          : GaussianRule.quasiMonteCarlo(k, 8192, 16, 99));
      double[] f = new double[u.length], r = new double[u.length];
      ref.drift(u, r);
      fast.drift(u, f);
      long t0 = System.nanoTime();
      int reps = 50;
      for (int n = 0; n < reps; n++) fast.drift(u, f); // JIT warm-up
      t0 = System.nanoTime();
      for (int n = 0; n < reps; n++) fast.drift(u, f);
      double ms = (System.nanoTime() - t0) / 1e6 / reps;
      double err = 0;
      for (int j = 0; j < u.length; j++) err = Math.max(err, Math.abs(f[j] - r[j]));
      System.out.printf("kgmm drift k=%d lambda=%s rule=%s: max error %.2e, %.3f ms/eval%n", k, lambdas[i],
          fast.rule().description(), err, ms);
      assertThat(err).as("k=%d", k).isLessThan(bound[i]);
    }
  }

  @Test
  void driftIsDeterministicAndThreadIndependent() throws Exception {
    // k = 5: tensor Gauss-Hermite; the paper demo's k = 10: the Smolyak sparse grid
    for (Kgmm g : new Kgmm[] {new Kgmm(5, 10, 0.05, 1), KgmmSymmetryTest.DEMO}) {
      KgmmFinite h = new KgmmFinite(g);
      double[] u = state(g);
      double[] a = new double[u.length], b = new double[u.length];
      h.drift(u, a);
      Thread t = new Thread(() -> h.drift(u, b));
      t.start();
      t.join();
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void driftAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Kgmm g = new Kgmm(3, 1, 0.1, 1);
    KgmmFinite h = new KgmmFinite(g);
    double[] u = state(g), f = new double[u.length];
    for (int i = 0; i < 300; i++) h.drift(u, f);
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 300; i++) h.drift(u, f);
    assertThat(mx.getThreadAllocatedBytes(id) - before).isLessThan(2_000);
  }

  /**
   * The error estimate (drift against the companion rule) is at least the true error, against references
   * with 30x or more nodes, for the default rules and for RQMC; and not more than 300x above it for the
   * deterministic rules (so a solver tolerance tied to it is not absurdly loose).
   */
  @Test
  void quadratureErrorEstimateBoundsTheTrueError() {
    Object[][] cases = {
        {3, 1.0, null, GaussianRule.gaussHermite(3, 50)},
        {5, 10.0, null, GaussianRule.gaussHermite(5, 10)},
        {10, 10.0, GaussianRule.smolyak(10, 3), GaussianRule.smolyak(10, 5)},
        {10, 10.0, GaussianRule.smolyak(10, 2), GaussianRule.smolyak(10, 5)},
        {10, 10.0, GaussianRule.quasiMonteCarlo(10, 64, 16, GaussianRule.DEFAULT_SEED), GaussianRule.smolyak(10, 5)},
    };
    for (Object[] c : cases) {
      int k = (Integer) c[0];
      Kgmm g = new Kgmm(k, null, null, (Double) c[1], 0.05, 1, 4096);
      double[] u = state(g);
      KgmmFinite fast = c[2] == null ? new KgmmFinite(g) : new KgmmFinite(g, (GaussianRule) c[2]);
      KgmmFinite ref = new KgmmFinite(g, (GaussianRule) c[3]);
      assertThat(ref.rule().size()).isGreaterThanOrEqualTo(30 * fast.rule().size());
      double[] f = new double[u.length], r = new double[u.length];
      fast.drift(u, f);
      ref.drift(u, r);
      double err = 0;
      for (int j = 0; j < u.length; j++) err = Math.max(err, Math.abs(f[j] - r[j]));
      double est = fast.quadratureError(u);
      System.out.printf("kgmm k=%d lambda=%s %s: true error %.2e, estimate %.2e%n", k, c[1], fast.rule(), err, est);
      assertThat(est).as("%s", fast.rule()).isGreaterThanOrEqualTo(err);
      if (fast.rule().replicates() == 1) assertThat(est).isLessThan(300 * err);
    }
  }
}
