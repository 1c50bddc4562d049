package org.effdyn.model.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LazyBoundsTest {
  @Test
  void constantsOfTheSharpForm() {
    // 2k + 3k^2 = 2 at k* = 0.5486; B1' <= B1 everywhere; B1' = 2 sqrt2 kappa sqrt(R0) + O(kappa^2)
    double ks = (-2 + Math.sqrt(4 + 24)) / 6;
    assertThat(ks).isCloseTo(0.5486, within(1e-4));
    for (int i = 0; i <= 1000; i++) {
      double k = i * 0.005;
      assertThat(LazyBounds.sharp(k, 1)).isLessThanOrEqualTo(LazyBounds.thm12(k, 1) + 1e-15);
    }
    assertThat(LazyBounds.sharp(1e-8, 1) / 1e-8).isCloseTo(2 * Math.sqrt(2), within(1e-6));
  }

  @Test
  void validityRangesAreEnforced() {
    // B1 needs T <= alpha^2 rho^2 / R0; B3 needs T <= alpha rho/(Lip(h) sqrt(2 R0))
    assertThat(LazyBounds.thm12(100, 1, 0.1, 1, 100)).isCloseTo(LazyBounds.thm12(1.0, 1), within(1e-15));
    assertThatThrownBy(() -> LazyBounds.thm12(101, 1, 0.1, 1, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Thm 1.2").hasMessageContaining("101");
    assertThatThrownBy(() -> LazyBounds.chizat(10, 1, 1, 0.1, 1, 100)).hasMessageContaining("Chizat");
    assertThat(LazyBounds.chizat(1, 1, 1, 0.1, 1, 100)).isCloseTo(2.0 / 100, within(1e-15));
    assertThatThrownBy(() -> LazyBounds.thm12(1, 1, 0.1, 1, 0)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> LazyBounds.thm12(-1, 1, 0.1, 1, 1)).hasMessageContaining("T");
  }

  @Test
  void chizatRadiusIsTheSmallestValidOneOrNaN() {
    // quadratic: Lip(h; rho) = a + b rho, so rho = c a/(1 - c b) with c = t sqrt(2R0)/alpha, if c b < 1
    LazyProblem pr = LazyQuadratic.tight(1, 1, 1, 10).problem();
    double t = 3;
    double c = t * Math.sqrt(2) / 10;
    assertThat(pr.chizatRadius(t)).isCloseTo(c / (1 - c), within(1e-12));
    assertThat(pr.chizatRadius(8)).isNaN(); // c b = 1.13 > 1: beyond (B3)'s validity range
  }
}
