package org.effdyn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** t_i = t0 + i (t1 - t0)/(n - 1) from the index; validation names the card keys. */
class TimeGridTest {

  @Test
  void endpointsAreExact() {
    TimeGrid g = new TimeGrid(0.1, 7.3, 1001);
    assertThat(g.time(0)).isEqualTo(0.1);
    assertThat(g.time(1000)).isEqualTo(7.3);
    double[] t = g.times();
    assertThat(t).hasSize(1001);
    assertThat(t[0]).isEqualTo(0.1);
    assertThat(t[1000]).isEqualTo(7.3);
  }

  @Test
  void timesComeFromTheIndex() {
    TimeGrid g = new TimeGrid(0.1, 7.3, 1001);
    double[] t = g.times();
    for (int i = 0; i < t.length; i++) assertThat(t[i]).isEqualTo(g.time(i));
    assertThat(g.spacing()).isEqualTo((7.3 - 0.1) / 1000);
    assertThat(TimeGrid.of(2, 5).times()).containsExactly(0, 0.5, 1, 1.5, 2);
  }

  @Test
  void strictlyIncreasing() {
    double[] t = new TimeGrid(-3, 1e-3, 100_001).times();
    for (int i = 1; i < t.length; i++) assertThat(t[i]).isGreaterThan(t[i - 1]);
  }

  @Test
  void longGridsDoNotDrift() {
    // 10^7 intervals of 0.1 (not representable). Repeated addition drifts by ~1e-4 here; the index
    // formula is one product and one sum, so each t_i is within a few ulps of the exact i/10:
    // tolerance 4 ulp(t_i) (1 rounding in the spacing times i, 1 in the sum, margin 2).
    int n = 10_000_001;
    TimeGrid g = TimeGrid.of(1e6, n);
    double naive = 0;
    double naiveDrift = 0;
    double spacing = g.spacing();
    for (int i = 1; i < n; i++) {
      naive += spacing;
      if (i % 1_000_000 == 0) {
        double exact = i / 10.0; // exact: i/10 rounded once
        assertThat(g.time(i)).isCloseTo(exact, within(4 * Math.ulp(exact)));
        naiveDrift = Math.max(naiveDrift, Math.abs(naive - exact));
      }
    }
    assertThat(g.time(n - 1)).isEqualTo(1e6);
    // the comparison is meaningful: addition would have drifted by far more than the bound above
    assertThat(naiveDrift).isGreaterThan(100 * Math.ulp(1e6));
  }

  @Test
  void endBeforeStartIsRejectedNamingTimeEnd() {
    assertThatThrownBy(() -> new TimeGrid(1, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.end");
    assertThatThrownBy(() -> new TimeGrid(1, 0.5, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.end");
  }

  @Test
  void fewerThanTwoSamplesIsRejectedNamingTimeSamples() {
    assertThatThrownBy(() -> TimeGrid.of(1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.samples");
    assertThatThrownBy(() -> TimeGrid.of(1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.samples");
  }

  @Test
  void nonFiniteEndsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> TimeGrid.of(Double.NaN, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.end");
    assertThatThrownBy(() -> TimeGrid.of(Double.POSITIVE_INFINITY, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.end");
    assertThatThrownBy(() -> new TimeGrid(Double.NaN, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time.start");
  }

  @Test
  void twoSamplesAreTheEndpoints() {
    assertThat(new TimeGrid(0.25, 1.5, 2).times()).containsExactly(0.25, 1.5);
  }
}
