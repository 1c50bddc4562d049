package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;

class FoldCurvesTest {
  static final StateLayout XY = StateLayout.scalars("x", "y");

  interface Field2 {
    void apply(double p, double q, double[] u, double[] o);
  }

  static FoldCurves.Family2 family(Field2 f) {
    return (p, q) -> new Dynamics() {
      @Override public StateLayout layout() { return XY; }
      @Override public void drift(double[] u, double[] out) { f.apply(p, q, u, out); }
    };
  }

  static List<Continuation.Point> points(List<FoldCurves.Curve> curves) {
    List<Continuation.Point> all = new ArrayList<>();
    for (FoldCurves.Curve c : curves) all.addAll(c.branch().points());
    return all;
  }

  /** Cusp x' = q + px − x³: the two fold curves p = 3x², q = −2x³ meet at the cusp (p, q) = (0, 0). */
  @Test
  void cuspWhereTheTwoFoldCurvesMeet() {
    FoldCurves.Family2 f = family((p, q, u, o) -> { o[0] = q + p * u[0] - u[0] * u[0] * u[0]; o[1] = -u[1]; });
    double x0 = 1 / Math.sqrt(3);
    List<FoldCurves.Curve> curves = FoldCurves.trace(f, "p", "q", new double[] {x0, 0}, 1, -2 * x0 * x0 * x0,
        Continuation.Options.between(-0.5, 0.5).withSteps(0.01, 0.02));
    for (Continuation.Point pt : points(curves)) {
      double x = pt.state()[0], p = pt.state()[2];
      assertThat(p).isCloseTo(3 * x * x, within(1e-9));
      assertThat(pt.parameter()).isCloseTo(-2 * x * x * x, within(1e-9));
    }
    List<FoldCurves.Point2> cusps = new ArrayList<>();
    for (FoldCurves.Curve c : curves) cusps.addAll(c.codimTwo());
    assertThat(cusps).hasSize(1);
    assertThat(cusps.get(0).type()).isEqualTo("cusp");
    // linear interpolation between points ≤ 0.02 apart
    assertThat(cusps.get(0).p()).isCloseTo(0, within(1e-3));
    assertThat(cusps.get(0).q()).isCloseTo(0, within(1e-4));
    // the curve reaches both branches: x > 0 and x < 0
    assertThat(points(curves)).anyMatch(pt -> pt.state()[0] < -0.3).anyMatch(pt -> pt.state()[0] > 0.3);
  }

  /** Bogdanov–Takens x' = y, y' = β₁ + β₂x + x² + xy: fold curve β₁ = β₂²/4 (x = −β₂/2), BT at β = 0. */
  @Test
  void bogdanovTakensOnTheFoldCurve() {
    FoldCurves.Family2 f = family((b2, b1, u, o) -> { o[0] = u[1]; o[1] = b1 + b2 * u[0] + u[0] * u[0] + u[0] * u[1]; });
    List<FoldCurves.Curve> curves = FoldCurves.trace(f, "beta2", "beta1", new double[] {0.5, 0}, -1, 0.25,
        Continuation.Options.between(-0.1, 1).withSteps(0.01, 0.02));
    for (Continuation.Point pt : points(curves)) {
      double b2 = pt.state()[2];
      assertThat(pt.parameter()).isCloseTo(b2 * b2 / 4, within(1e-9));
      assertThat(pt.state()[0]).isCloseTo(-b2 / 2, within(1e-9));
    }
    List<FoldCurves.Point2> bt = new ArrayList<>();
    for (FoldCurves.Curve c : curves) for (FoldCurves.Point2 p : c.codimTwo()) if (p.type().equals("bogdanov-takens")) bt.add(p);
    assertThat(bt).hasSize(1);
    assertThat(bt.get(0).p()).isCloseTo(0, within(1e-3));
    assertThat(bt.get(0).q()).isCloseTo(0, within(1e-4));
  }

  /**
   * Spiked tensor k = 3: the fold λ_c(c_δ) = (16√3/9) c_δ^{3/2} at m² = c_δ/3, r⊥² = c_δ (docs/pca.md),
   * traced as a fold curve over c_δ ∈ [0.2, 3] from the fold at c_δ = 1.
   */
  @Test
  void tensorFoldCurveOverCDeltaMatchesItsClosedForm() {
    FoldCurves.Family2 f = (lambda, c) -> new SpikedPca(3, lambda, c).limit(Regime.BALLISTIC);
    double lc = 16 * Math.sqrt(3) / 9;
    List<FoldCurves.Curve> curves = FoldCurves.trace(f, "lambda", "c_delta", new double[] {1 / Math.sqrt(3), 1}, lc, 1,
        Continuation.Options.between(0.2, 3).withSteps(0.02, 0.05));
    double cMin = 1, cMax = 1;
    for (Continuation.Point pt : points(curves)) {
      double c = pt.parameter(), lambda = pt.state()[2];
      if (c < 0.2 || c > 3) continue; // the last point may step past the range
      assertThat(lambda).isCloseTo(lc * Math.pow(c, 1.5), within(1e-9 * lambda));
      assertThat(pt.state()[0]).isCloseTo(Math.sqrt(c / 3), within(1e-9));
      assertThat(pt.state()[1]).isCloseTo(c, within(1e-9));
      cMin = Math.min(cMin, c);
      cMax = Math.max(cMax, c);
    }
    assertThat(cMin).isLessThan(0.22);
    assertThat(cMax).isGreaterThan(2.95);
    for (FoldCurves.Curve c : curves) assertThat(c.codimTwo()).isEmpty();
  }
}
