package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Regime;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;

class BranchPointCurvesTest {
  /**
   * Spiked matrix PCA (k = 2): the symmetric branch m = 0, r⊥² = c_δ loses stability in a pitchfork at
   * λ = c_δ (docs/pca.md). Traced from the branch point at c_δ = 1 over c_δ ∈ [0.2, 3], the curve is the line
   * λ = c_δ, on the symmetric branch, with the unfolding μ = 0.
   */
  @Test
  void matrixBranchPointCurveIsTheLineLambdaEqualsCDelta() {
    FoldCurves.Family2 f = (lambda, c) -> new SpikedPca(2, lambda, c).limit(Regime.BALLISTIC);
    List<BranchPointCurves.Curve> curves = BranchPointCurves.trace(f, "lambda", "c_delta", new double[] {0, 1}, 1, 1,
        Continuation.Options.between(0.2, 3).withSteps(0.05, 0.1));
    double cMin = 1, cMax = 1;
    for (BranchPointCurves.Curve c : curves) {
      for (int i = 0; i < c.branch().points().size(); i++) {
        double[] pq = c.parameters(i);
        double[] s = c.branch().points().get(i).state();
        if (pq[1] < 0.2 || pq[1] > 3) continue; // the last point may step past the range
        assertThat(pq[0]).isCloseTo(pq[1], within(1e-8));
        assertThat(s[0]).isCloseTo(0, within(1e-8));
        assertThat(s[1]).isCloseTo(pq[1], within(1e-8));
        assertThat(c.unfolding(i)).isCloseTo(0, within(1e-10));
        cMin = Math.min(cMin, pq[1]);
        cMax = Math.max(cMax, pq[1]);
      }
    }
    assertThat(cMin).isLessThan(0.3);
    assertThat(cMax).isGreaterThan(2.9);
  }

  /**
   * Transcritical x' = (p − q²)x − x², y' = −y: x = 0 is a branch for every (p, q), crossed by x = p − q²
   * at p = q²; the branch-point curve is that parabola, with μ = 0.
   */
  @Test
  void transcriticalCurveIsTheParabola() {
    FoldCurves.Family2 f = FoldCurvesTest.family((p, q, u, o) -> {
      o[0] = (p - q * q) * u[0] - u[0] * u[0];
      o[1] = -u[1];
    });
    List<BranchPointCurves.Curve> curves = BranchPointCurves.trace(f, "p", "q", new double[] {0, 0}, 0.25, 0.5,
        Continuation.Options.between(-1, 1).withSteps(0.02, 0.05));
    int checked = 0;
    for (BranchPointCurves.Curve c : curves) {
      for (int i = 0; i < c.branch().points().size(); i++) {
        double[] pq = c.parameters(i);
        if (Math.abs(pq[1]) > 1) continue;
        assertThat(pq[0]).isCloseTo(pq[1] * pq[1], within(1e-9));
        assertThat(c.unfolding(i)).isCloseTo(0, within(1e-10));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  /** A point that is not a branch point is refused. */
  @Test
  void refusesARegularPoint() {
    FoldCurves.Family2 f = (lambda, c) -> new SpikedPca(2, lambda, c).limit(Regime.BALLISTIC);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BranchPointCurves.trace(f, "lambda", "c_delta",
        new double[] {0, 1}, 2, 1, Continuation.Options.between(0.2, 3))).isInstanceOf(IllegalArgumentException.class);
  }
}
