package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.junit.jupiter.api.Test;

class HopfCurvesTest {
  static final StateLayout XY = StateLayout.scalars("x", "y");

  /**
   * Bogdanov–Takens normal form x' = y, y' = β₁ + β₂x + x² + sxy: the Hopf curve is β₁ = 0, β₂ &lt; 0 at the
   * equilibrium x = 0 (trace sx = 0), with ω² = −β₂; it ends at the BT point β = 0 as ω → 0. l₁ keeps one
   * sign along it (no Bautin point); with s = +1 it is positive (measured, not an oracle).
   */
  @Test
  void hopfCurveOfTheBogdanovTakensNormalForm() {
    FoldCurves.Family2 f = (b1, b2) -> new Dynamics() {
      @Override public StateLayout layout() { return XY; }
      @Override public void drift(double[] u, double[] o) { o[0] = u[1]; o[1] = b1 + b2 * u[0] + u[0] * u[0] + u[0] * u[1]; }
    };
    List<HopfCurves.Curve> curves = HopfCurves.trace(f, "beta1", "beta2", new double[] {0, 0}, 0, -1,
        Continuation.Options.between(-1.5, -0.01).withSteps(0.01, 0.05));
    int n = 0;
    double qMin = -1, qMax = -1;
    for (HopfCurves.Curve c : curves) {
      for (HopfCurves.Point p : c.points()) {
        if (p.q() > -0.01 || p.q() < -1.5) continue;
        assertThat(p.p()).isCloseTo(0, within(1e-9));
        assertThat(p.state()[0]).isCloseTo(0, within(1e-9));
        assertThat(p.frequency()).isCloseTo(Math.sqrt(-p.q()), within(1e-8));
        assertThat(p.firstLyapunov()).isPositive();
        qMin = Math.min(qMin, p.q());
        qMax = Math.max(qMax, p.q());
        n++;
      }
      assertThat(c.bautin()).isEmpty();
    }
    assertThat(n).isGreaterThan(10);
    assertThat(qMax).isGreaterThan(-0.05);
    assertThat(qMin).isLessThan(-1.45);
  }
}
