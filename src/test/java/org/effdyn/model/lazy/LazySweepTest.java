package org.effdyn.model.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LazySweepTest {
  @Test
  void logGridByIndex() {
    double[] t = LazySweep.logGrid(0.1, 1e4, 51);
    assertThat(t).hasSize(52);
    assertThat(t[0]).isZero();
    assertThat(t[1]).isEqualTo(0.1);
    assertThat(t[51]).isEqualTo(1e4);
    assertThat(t[11]).isCloseTo(1.0, within(1e-14));
    assertThatThrownBy(() -> LazySweep.logGrid(1, 1, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fitRecoversAPowerLawExactly() {
    double[] x = {1, 2, 4, 8, 16, 1000};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 3 * Math.pow(x[i], -0.7);
    y[5] = 1e9; // outside the window
    LazySweep.ExponentFit f = LazySweep.fit(x, y, 1, 16);
    assertThat(f.slope()).isCloseTo(-0.7, within(1e-12));
    assertThat(Math.exp(f.intercept())).isCloseTo(3, within(1e-12));
    assertThat(f.points()).isEqualTo(5);
    assertThat(f.stderr()).isLessThan(1e-12);
    double[] e = LazySweep.localExponents(x, y);
    assertThat(e[2]).isCloseTo(-0.7, within(1e-12));
    assertThatThrownBy(() -> LazySweep.fit(x, y, 100, 200)).hasMessageContaining("fit");
  }

  @Test
  void solveRejectsBadTimes() {
    LazyProblem pr = LazyQuadratic.tight(1, 1, 1, 10).problem();
    assertThatThrownBy(() -> pr.solve(Flow.FULL, new double[] {1, 2})).hasMessageContaining("times[0]");
    assertThatThrownBy(() -> pr.solve(Flow.FULL, new double[] {0, 2, 2})).hasMessageContaining("increasing");
  }
}
