package org.effdyn.run.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void exactPowerLawGivesItsSlopeAndAZeroWidthInterval() {
    int[] d = {500, 2000, 8000};
    double[] e = new double[3];
    for (int i = 0; i < 3; i++) e[i] = 3 * Math.pow(d[i], -0.5);
    Metrics.Fit f = Metrics.fit(d, e, new double[3], 0.95);
    assertThat(f.slope()).isCloseTo(-0.5, within(1e-12));
    assertThat(f.intercept()).isCloseTo(Math.log(3), within(1e-12));
    assertThat(f.upper() - f.lower()).isCloseTo(0, within(1e-9));
  }

  @Test
  void twoDimensionsGetTheirIntervalFromTheSeedSpread() {
    // y_i = log mean_i with sd(y_i) = se_i/mean_i = 0.1; x = log d, spread ln 4: sd(slope) = sqrt(2 * 0.01 * (ln4/2)^2)/((ln4)^2/2)
    int[] d = {1000, 4000};
    double[] mean = {0.2, 0.1};
    double[] se = {0.02, 0.01};
    Metrics.Fit f = Metrics.fit(d, mean, se, 0.95);
    double l = Math.log(4);
    double sd = Math.sqrt(2 * 0.01 * (l / 2) * (l / 2)) / (l * l / 2);
    assertThat(f.slope()).isCloseTo(-0.5, within(1e-12));
    assertThat(f.upper() - f.slope()).isCloseTo(1.959964 * sd, within(1e-5));
  }

  @Test
  void logSampledTimesAndTLogRmse() {
    double[] t = TimeGrid.of(10, 1001).times();
    int[] idx = Metrics.logSampledIndices(t, 5);
    // first positive time 0.01, last 10: 0.01, 0.0562, 0.316, 1.78, 10
    assertThat(idx).containsExactly(1, 6, 32, 178, 1000);
    StateLayout l = StateLayout.scalars("x");
    double[][] a = new double[t.length][1];
    double[][] b = new double[t.length][1];
    for (int i = 0; i < t.length; i++) b[i][0] = i % 2 == 0 ? 0.3 : -0.3;
    Trajectory ta = new Trajectory(l, t, a, new SolveStats(0, 0, 0, 0));
    Trajectory tb = new Trajectory(l, t, b, new SolveStats(0, 0, 0, 0));
    assertThat(Metrics.tLogRmse(ta, tb, 0, idx)).isCloseTo(0.3, within(1e-15));
    assertThat(Metrics.supError(ta, tb, 0)).isCloseTo(0.3, within(1e-15));
  }
}
