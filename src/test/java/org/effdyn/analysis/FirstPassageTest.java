package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SdeSolver;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class FirstPassageTest {
  /**
   * Matrix PCA with r2perp = c_delta: y = m^2 is logistic, y' = 8y(a - y), a = lambda - c_delta, so the
   * time from m0 to m1 is ln(y1 (a - y0) / (y0 (a - y1))) / (8a).
   */
  @Test
  void odePassageMatchesTheLogisticClosedForm() {
    double lambda = 2, c = 1, a = lambda - c, m0 = 0.1, m1 = 0.8;
    double y0 = m0 * m0, y1 = m1 * m1;
    double exact = Math.log(y1 * (a - y0) / (y0 * (a - y1))) / (8 * a);
    Dynamics d = SpikedPca.matrix(lambda, c).limit(Regime.BALLISTIC);
    double t = FirstPassage.ode(OdeSolver.defaults(), d, new double[] {m0, c}, TimeGrid.of(5, 11), new FirstPassage.Level("m", m1, false));
    assertThat(t).isCloseTo(exact, within(1e-8));
    // |m| from a negative start: same time by symmetry
    double ta = FirstPassage.ode(OdeSolver.defaults(), d, new double[] {-m0, c}, TimeGrid.of(5, 11), new FirstPassage.Level("m", m1, true));
    assertThat(ta).isCloseTo(exact, within(1e-8));
    // not reached within the horizon
    assertThat(FirstPassage.ode(OdeSolver.defaults(), d, new double[] {m0, c}, TimeGrid.of(0.1, 11), new FirstPassage.Level("m", m1, false))).isNaN();
  }

  /**
   * Brownian motion dX = dB from 0: P(tau_a <= T) = 2(1 - Phi(a/sqrt T)) = erfc(a/sqrt(2T)) (reflection
   * principle). a = 1, T = 1: 0.3173. 4000 paths: s.e. 0.0074; the grid (dt = 1e-3, spacing 1e-2)
   * misses excursions between samples, a bias of about -0.58 sqrt(0.01) a phi(a)... ~ -0.03 x 2 phi(1)/... ,
   * bounded here by 0.03 (Siegmund's correction 0.5826 sqrt(h) shifts the level: P(tau_{a+0.058} <= 1) = 0.2956).
   */
  @Test
  void sdePassageOfBrownianMotionFollowsTheReflectionPrinciple() {
    Dynamics bm = new Dynamics() {
      @Override public StateLayout layout() { return StateLayout.scalars("x"); }
      @Override public void drift(double[] u, double[] out) { out[0] = 0; }
      @Override public int noiseDimension() { return 1; }
      @Override public void diffusion(double[] u, double[][] b) { b[0][0] = 1; }
    };
    InitialLaw zero = InitialLaw.pointMass(bm.layout(), new double[] {0});
    TimeGrid grid = TimeGrid.of(1, 101);
    FirstPassage.Result r = FirstPassage.sde(new SdeSolver(1e-3), bm, zero, Map.of(), grid,
        new FirstPassage.Level("x", 1, false), 4000, 9, 2, 0.95);
    double exact = Erf.erfc(1 / Math.sqrt(2));
    double corrected = Erf.erfc((1 + 0.5826 * Math.sqrt(0.01)) / Math.sqrt(2));
    double p = r.fractionReached()[0];
    // between the discretely monitored (Siegmund-corrected) value and the continuous one, within 3.5 s.e.
    assertThat(p).isBetween(corrected - 3.5 * 0.0074, exact + 3.5 * 0.0074);
    assertThat(r.paths()).isEqualTo(4000);
    for (double t : r.times()) if (!Double.isNaN(t)) assertThat(t).isBetween(0.0, 1.0);
    FirstPassage.Result r1 = FirstPassage.sde(new SdeSolver(1e-3), bm, zero, Map.of(), grid,
        new FirstPassage.Level("x", 1, false), 4000, 9, 1, 0.95);
    assertThat(r1.times()).isEqualTo(r.times());
  }

  @Test
  void interpolatesBetweenSamples() {
    double t = FirstPassage.fromSamples(new double[] {0, 1, 2}, new double[] {0, 0.5, 1.5}, new FirstPassage.Level("x", 1, false));
    assertThat(t).isCloseTo(1.5, within(1e-15));
    double down = FirstPassage.fromSamples(new double[] {0, 1, 2}, new double[] {3, 2, 0}, new FirstPassage.Level("x", 1, false));
    assertThat(down).isCloseTo(1.5, within(1e-15));
  }

  @Test
  void quantilesCountCensoredPathsAsInfinite() {
    FirstPassage.Result r = new FirstPassage.Result(new double[] {1, 2, Double.NaN, Double.NaN}, 5, 0.95);
    assertThat(r.reached()).isEqualTo(2);
    assertThat(r.mean()).isEqualTo(1.5);
    assertThat(r.quantile(0.25)).isCloseTo(1.75, within(1e-12));
    assertThat(r.quantile(0.75)).isInfinite();
  }
}
