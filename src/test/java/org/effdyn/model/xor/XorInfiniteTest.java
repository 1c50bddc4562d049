package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;

import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class XorInfiniteTest {
  static final double INF = Double.POSITIVE_INFINITY;

  static double[] lawDraw(XorGmm g, long seed) {
    double[] u = new double[g.layout().size()];
    g.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(seed, 0), u);
    return u;
  }

  /** The bar: K = 20 to T = 100 in seconds, no chattering (few evaluations, few rejections). */
  @Test
  void widthTwentyToTimeHundredWithoutChattering() {
    XorGmm g = new XorGmm(20, INF, 0.05, 1);
    for (long seed = 1; seed <= 3; seed++) {
      long t0 = System.nanoTime();
      Trajectory t = OdeSolver.defaults().solve(g.limit(Regime.BALLISTIC), lawDraw(g, seed), TimeGrid.of(100, 201));
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("xor lambda=inf K=20 T=100 seed %d: %.3f s, %s%n", seed, secs, t.stats());
      assertThat(secs).isLessThan(5);
      // measured ~500 evaluations; chattering at a kink costs millions
      assertThat(t.stats().evaluations()).isLessThan(20_000);
      // every neuron ends detecting a class (Lemma 5.22: I_0 is empty a.s. for beta < 1/8)
      for (int c : XorOracles.classify(t.finalState(), 20)) assertThat(c).isPositive();
    }
  }

  /** A μ-coordinate with v &lt; 0 runs into 0 and stays pinned there (Filippov sliding), from either side. */
  @Test
  void attractingCoordinateIsPinned() {
    XorGmm g = new XorGmm(2, INF, 0.05, 1);
    for (double m0 : new double[] {0.3, -0.3}) {
      double[] u = {-1.0, 1.0, m0, 0.6, 0.0, 0.0, 1, 0, 1};
      Trajectory t = OdeSolver.defaults().solve(g.limit(Regime.BALLISTIC), u, TimeGrid.of(30, 61));
      double[] m = t.column("mmu[1]");
      assertThat(Math.abs(m[0])).isEqualTo(0.3);
      for (int i = 30; i < m.length; i++) assertThat(Math.abs(m[i])).isLessThanOrEqualTo(XorInfinite.PIN_BAND);
      assertThat(t.column("v[1]")[60]).isNegative(); // pinning is permanent: v keeps its sign
      assertThat(t.stats().evaluations()).isLessThan(5_000);
    }
  }

  /** At m = ±0.0 the side comes from the sign of zero (orthant), for a coordinate that moves away. */
  @Test
  void signedZeroChoosesTheSide() {
    XorGmm g = new XorGmm(1, INF, 0.05, 1);
    double[] out = new double[4];
    new XorInfinite(g).drift(new double[] {1.0, 0.0, 0.0, 1}, out);
    assertThat(out[1]).isCloseTo(0.125, org.assertj.core.api.Assertions.within(1e-15)); // (v/4) sigma(0)
    new XorInfinite(g).drift(new double[] {1.0, -0.0, 0.0, 1}, out);
    assertThat(out[1]).isCloseTo(-0.125, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(out[2]).isEqualTo(0.0); // nu-coordinate with v >= 0 at 0: pinned
  }

  /** Every partition's fixed point has zero drift (pinned zeros included). */
  @Test
  void fixedPointsAreStationary() {
    XorGmm g = new XorGmm(5, INF, 0.05, 1);
    int[][] parts = {{0, 2, 1, 1, 1}, {1, 1, 1, 1, 1}, {3, 0, 2, 0, 0}, {5, 0, 0, 0, 0}, {0, 0, 0, 3, 2}};
    double[] out = new double[g.layout().size()];
    for (int[] p : parts) {
      new XorInfinite(g).drift(XorOracles.fixedPoint(g, new XorOracles.Partition(p)), out);
      for (double x : out) assertThat(Math.abs(x)).isLessThan(1e-15);
    }
  }

  /** β ≥ 1/8: L_β ≤ 0 and the flow collapses to 0 (docs/xor.md), from random initial laws. */
  @Test
  void largePenaltyCollapsesToZero() {
    XorGmm g = new XorGmm(4, INF, 0.2, 1);
    for (long seed = 1; seed <= 3; seed++) {
      Trajectory t = OdeSolver.defaults().solve(g.limit(Regime.BALLISTIC), lawDraw(g, seed), TimeGrid.of(200, 2));
      // decay at rate >= beta - 1/8 = 0.075: e^{-15} |u(0)| from T = 200
      for (double x : t.finalState()) assertThat(Math.abs(x)).isLessThan(1e-4);
    }
  }
}
