package org.effdyn.gauss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SparseGridTest {
  @Test
  void sizesMatchTheCountAndWeightsSumToOne() {
    for (int dim : new int[] {1, 2, 3, 10}) {
      for (int level = 0; level <= (dim == 10 ? 3 : 6); level++) {
        GaussianRule r = GaussianRule.smolyak(dim, level);
        assertThat((long) r.size()).as("dim %d level %d", dim, level).isLessThanOrEqualTo(SparseGrid.size(dim, level));
        double s = 0;
        for (int i = 0; i < r.size(); i++) s += r.weight(i);
        assertThat(s).isCloseTo(1, within(1e-13));
      }
    }
    assertThat(GaussianRule.smolyak(10, 3).size()).isEqualTo(1981).isEqualTo((int) SparseGrid.size(10, 3));
  }

  /** Exact for total degree 2 level + 1: E Z1^4 Z2^2 = 3, E Z1^2 Z2^2 Z3^2 = 1, E Z1^6 = 15. */
  @Test
  void exactForTotalDegreeTwoLevelPlusOne() {
    GaussianRule r = GaussianRule.smolyak(5, 3); // degree 7
    double a = 0, b = 0, c = 0, odd = 0;
    for (int i = 0; i < r.size(); i++) {
      double x = r.node(i, 0), y = r.node(i, 1), z = r.node(i, 2);
      a += r.weight(i) * x * x * x * x * y * y;
      b += r.weight(i) * x * x * y * y * z * z;
      c += r.weight(i) * Math.pow(x, 6);
      odd += r.weight(i) * x * x * x * y * y * z;
    }
    assertThat(a).isCloseTo(3, within(1e-12));
    assertThat(b).isCloseTo(1, within(1e-12));
    assertThat(c).isCloseTo(15, within(1e-12));
    assertThat(odd).isCloseTo(0, within(1e-13));
  }

  /** Every permutation and sign flip of a node is a node with bit-identical weight. */
  @Test
  void permutationAndSignFlipInvariantExactly() {
    GaussianRule r = GaussianRule.smolyak(4, 4);
    java.util.Map<String, Double> w = new java.util.HashMap<>();
    for (int i = 0; i < r.size(); i++) {
      w.put(key(r.node(i, 0), r.node(i, 1), r.node(i, 2), r.node(i, 3)), r.weight(i));
    }
    for (int i = 0; i < r.size(); i++) {
      double x0 = r.node(i, 0), x1 = r.node(i, 1), x2 = r.node(i, 2), x3 = r.node(i, 3);
      assertThat(w.get(key(x1, x0, x3, x2))).isEqualTo(r.weight(i));
      assertThat(w.get(key(x3, x1, x2, x0))).isEqualTo(r.weight(i));
      assertThat(w.get(key(-x0, x1, -x2, x3))).isEqualTo(r.weight(i));
    }
  }

  private static String key(double... x) {
    StringBuilder b = new StringBuilder();
    for (double v : x) b.append(v == 0 ? 0.0 : v).append(',');
    return b.toString();
  }

  @Test
  void companionsAreTheCoarserRuleOrAnIndependentReplica() {
    assertThat(GaussianRule.smolyak(10, 3).companion().description()).isEqualTo("smolyak gauss-hermite level 2 (dim 10) = 241 nodes");
    assertThat(GaussianRule.smolyak(4, 0).companion()).isNull();
    assertThat(GaussianRule.gaussHermite(3, 16).companion().description()).isEqualTo("gauss-hermite 12^3 = 1728 nodes");
    assertThat(GaussianRule.gaussHermite(2, 5).companion().description()).isEqualTo("gauss-hermite 3^2 = 9 nodes");
    assertThat(GaussianRule.gaussHermite(2, 1).companion()).isNull();
    GaussianRule q = GaussianRule.quasiMonteCarlo(3, 8, 4, 11);
    assertThat(q.companion().description()).isEqualTo("rqmc sobol 4 x 8 (dim 3, seed 12)");
    assertThat(q.companionFactor()).isEqualTo(3 / Math.sqrt(2));
    assertThat(GaussianRule.smolyak(2, 2).companionFactor()).isEqualTo(1);
  }
}
