package org.effdyn.gauss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/** {@link NormalQuantile}: Φ^{-1} to near full precision, including the lower tail, and clamped. */
class NormalQuantileTest {

  @Test
  void referenceValues() {
    // mpmath, 30 digits: sqrt(2) erfinv(2u - 1); tolerance: a few ulps of the result
    assertThat(NormalQuantile.of(0.975)).isCloseTo(1.9599639845400542355, within(1e-15));
    assertThat(NormalQuantile.of(0.3)).isCloseTo(-0.52440051270804078404, within(1e-15));
    assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-300));
    // in the lower tail erfinv(2u - 1) alone is off by 1.3e-2 at u = 1e-16; the Halley step fixes it
    assertThat(NormalQuantile.of(1e-10)).isCloseTo(-6.3613409024040562047, within(1e-14));
    assertThat(NormalQuantile.of(1e-16)).isCloseTo(-8.2220822161304356152, within(1e-14));
  }

  @Test
  void invertsTheCdfToRelativePrecisionInTheLowerTail() {
    // Phi(x) = erfc(-x/sqrt2)/2 is accurate to relative ~1e-15 in the tail (Hipparchus, via the
    // incomplete gamma function); tolerance 1e-13 relative leaves room for one ulp of x times the
    // slope |d log Phi / dx| <= 9 at x = -8.2
    for (double u = 1e-16; u < 0.5; u *= 1.7) {
      double x = NormalQuantile.of(u);
      double back = 0.5 * Erf.erfc(-x / Math.sqrt(2));
      assertThat(back / u - 1).as("u=%s", u).isCloseTo(0, within(1e-13));
    }
  }

  @Test
  void isAntisymmetric() {
    for (double u = 1e-3; u < 0.5; u += 0.0123) {
      // tolerance: the rounding of 1 - u (<= 1.1e-16) times the slope 1/phi(x) <= 1/phi(3.1) = 300,
      // plus a few ulps of x
      assertThat(NormalQuantile.of(1 - u)).isCloseTo(-NormalQuantile.of(u), within(1e-13));
    }
  }

  @Test
  void clampsTheEndpointsAndRejectsOutOfRange() {
    assertThat(NormalQuantile.of(0)).isEqualTo(NormalQuantile.of(1e-16)).isFinite();
    assertThat(NormalQuantile.of(1)).isEqualTo(NormalQuantile.of(1 - 1e-16)).isFinite().isPositive();
    for (double bad : new double[] {-1e-9, 1.0000001, Double.NaN}) {
      assertThatThrownBy(() -> NormalQuantile.of(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u").hasMessageContaining("" + bad);
    }
  }
}
