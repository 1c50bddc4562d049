package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StabilityTest {
  @Test
  void classifiesLinearSystems() {
    assertThat(Stability.of(new double[][] {{-1, 0}, {0, -2}}).kind()).isEqualTo(Stability.Kind.STABLE_NODE);
    assertThat(Stability.of(new double[][] {{1, 0}, {0, 2}}).kind()).isEqualTo(Stability.Kind.UNSTABLE_NODE);
    assertThat(Stability.of(new double[][] {{-0.1, 1}, {-1, -0.1}}).kind()).isEqualTo(Stability.Kind.STABLE_FOCUS);
    assertThat(Stability.of(new double[][] {{0.1, 1}, {-1, 0.1}}).kind()).isEqualTo(Stability.Kind.UNSTABLE_FOCUS);
    assertThat(Stability.of(new double[][] {{0, 1}, {-1, 0}}).kind()).isEqualTo(Stability.Kind.NON_HYPERBOLIC); // centre
    assertThat(Stability.of(new double[][] {{0, 0}, {0, -1}}).kind()).isEqualTo(Stability.Kind.NON_HYPERBOLIC);
  }

  @Test
  void saddleReportsItsUnstableDirection() {
    // J = [[1, 1], [0, -2]]: eigenvalue 1 with eigenvector e1, -2 with (1, -3)/sqrt(10)
    Stability s = Stability.of(new double[][] {{1, 1}, {0, -2}});
    assertThat(s.kind()).isEqualTo(Stability.Kind.SADDLE);
    assertThat(s.unstableCount()).isEqualTo(1);
    assertThat(s.maxRealPart()).isCloseTo(1, within(1e-12));
    assertThat(s.unstableDirections().get(0)).containsExactly(new double[] {1, 0}, within(1e-12));
    // rotated: unstable direction (1, 1)/sqrt 2 of J = R diag(3, -1) R^T
    Stability r = Stability.of(new double[][] {{1, 2}, {2, 1}});
    double c = Math.sqrt(0.5);
    assertThat(r.unstableDirections().get(0)).containsExactly(new double[] {c, c}, within(1e-12));
  }

  @Test
  void complexUnstablePairGivesTwoDirections() {
    Stability s = Stability.of(new double[][] {{0.5, 2, 0}, {-2, 0.5, 0}, {0, 0, -1}});
    assertThat(s.kind()).isEqualTo(Stability.Kind.SADDLE);
    assertThat(s.unstableCount()).isEqualTo(2);
    for (double[] d : s.unstableDirections()) assertThat(d[2]).isCloseTo(0, within(1e-12));
  }
}
