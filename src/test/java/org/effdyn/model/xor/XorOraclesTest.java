package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class XorOraclesTest {
  static final double INF = Double.POSITIVE_INFINITY;

  /** Closed form against brute force: 5, 17, 35, 39 (24 covering), 16 (1 covering) for K = 1..5. */
  @Test
  void componentCounts() {
    int[] expected = {5, 17, 35, 39, 16, 16};
    for (int k = 1; k <= 6; k++) {
      assertThat(XorOracles.componentCount(k).components()).isEqualTo(expected[k - 1]);
      assertThat(XorOracles.componentCountBruteForce(k)).isEqualTo(XorOracles.componentCount(k));
    }
    assertThat(XorOracles.componentCount(4).covering()).isEqualTo(24);
    assertThat(XorOracles.componentCount(5).covering()).isEqualTo(1);
    assertThat(XorOracles.componentCountBruteForce(7)).isEqualTo(XorOracles.componentCount(7));
  }

  /** K = 4: 39 components, exactly the 24 covering all four classes are stable under the flow. */
  @Test
  void reportForWidthFour() {
    FixedPointReport r = XorOracles.report(new XorGmm(4, INF, 0.05, 1));
    assertThat(r.closedForm().components()).isEqualTo(39);
    assertThat(r.rows().stream().mapToInt(FixedPointReport.Row::points).sum()).isEqualTo(39);
    assertThat(r.stableComponents()).isEqualTo(24);
    for (FixedPointReport.Row row : r.rows()) assertThat(row.stable()).isEqualTo(row.representative().occupied() == 15);
    assertThat(r.toMarkdown()).contains("connected components: 39 (24 covering all four classes)");
  }

  /** K = 5: the one full component is stable (spare neurons join occupied classes), the 15 others are not. */
  @Test
  void reportForWidthFive() {
    FixedPointReport r = XorOracles.report(new XorGmm(5, INF, 0.05, 1));
    assertThat(r.rows()).hasSize(16);
    assertThat(r.stableComponents()).isEqualTo(1);
  }

  @Test
  void fixedPointHasLbetaPerClass() {
    XorGmm g = new XorGmm(5, INF, 0.05, 1);
    double[] u = XorOracles.fixedPoint(g, new XorOracles.Partition(new int[] {1, 2, 0, 1, 1}));
    // neuron 0 dead; 1, 2 in +mu (v = m^mu = sqrt(L/2)); 3 in +nu (v = -m^nu); 4 in -nu
    assertThat(u[1] * u[1] + u[2] * u[2]).isCloseTo(g.lbeta(), within(1e-14));
    assertThat(u[5 + 1]).isEqualTo(u[1]);
    assertThat(u[3]).isCloseTo(-Math.sqrt(g.lbeta()), within(1e-14));
    assertThat(u[10 + 3]).isCloseTo(Math.sqrt(g.lbeta()), within(1e-14));
    assertThat(u[10 + 4]).isCloseTo(-Math.sqrt(g.lbeta()), within(1e-14));
    assertThat(XorOracles.classify(u, 5)).containsExactly(0, 1, 1, 3, 4);
  }

  @Test
  void inconsistentPartitionsAreRejected() {
    XorGmm g = new XorGmm(4, INF, 0.05, 1);
    assertThatThrownBy(() -> XorOracles.fixedPoint(g, new XorOracles.Partition(new int[] {0, 1, 1, 1, 2})))
        .hasMessageStartingWith("partition: class sizes").hasMessageContaining("sum to 5, but K = 4");
    assertThatThrownBy(() -> new XorOracles.Partition(new int[] {1, 1, 1, 1})).hasMessageStartingWith("partition: needs 5");
    assertThatThrownBy(() -> new XorOracles.Partition(new int[] {5, -1, 0, 0, 0})).hasMessageStartingWith("partition: size of +mu");
    assertThatThrownBy(() -> XorOracles.fixedPoint(new XorGmm(4, INF, 0.2, 1), new XorOracles.Partition(new int[] {3, 1, 0, 0, 0})))
        .hasMessageStartingWith("beta: occupied classes need beta < 1/8");
    assertThatThrownBy(() -> XorOracles.report(new XorGmm(4, 10, 0.05, 1))).hasMessageStartingWith("lambda:");
  }

  @Test
  void pkFormula() {
    assertThat(XorOracles.pK(4)).isCloseTo(3.0 / 32, within(1e-15));
    assertThat(XorOracles.pK(5)).isCloseTo(0.234375, within(1e-15));
    assertThat(XorOracles.pK(3)).isCloseTo(0, within(1e-15));
  }

  /**
   * Monte Carlo of the optimal basin through the exact λ = ∞ flow, 800 samples (seeded, so deterministic):
   * p_4 = 3/32 and p_6 = 0.381 within 3.3 binomial standard deviations (a false-failure rate of 0.1% for a
   * fresh seed), and the 95% interval covers p_K. Identical on 1 and 2 threads.
   */
  @Test
  void basinProbabilityMatchesPk() {
    for (int k : new int[] {4, 6}) {
      XorGmm g = new XorGmm(k, INF, 0.05, 1);
      XorOracles.BasinEstimate e = XorOracles.basinProbability(g, 800, 60, 7, 2);
      System.out.printf("xor p_%d: %s%n", k, e);
      assertThat(e.failures()).isZero();
      double sd = Math.sqrt(e.formula() * (1 - e.formula()) / 800);
      assertThat(e.p()).isCloseTo(e.formula(), within(3.3 * sd));
      assertThat(e.low()).isLessThan(e.formula());
      assertThat(e.high()).isGreaterThan(e.formula());
    }
    XorGmm g = new XorGmm(4, INF, 0.05, 1);
    assertThat(XorOracles.basinProbability(g, 100, 60, 9, 1)).isEqualTo(XorOracles.basinProbability(g, 100, 60, 9, 2));
  }
}
