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
}
