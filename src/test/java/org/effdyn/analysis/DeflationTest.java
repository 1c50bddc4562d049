package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;

class DeflationTest {
  /** x' = x³ − x, y' = y³ − 4y ... with z: 3 × 3 × 3 = 27 simple real roots, {−1, 0, 1} × {−2, 0, 2} × {−0.5, 0, 0.5}. */
  static final Dynamics CUBES = new Dynamics() {
    @Override public StateLayout layout() { return StateLayout.scalars("x", "y", "z"); }
    @Override public void drift(double[] u, double[] o) {
      o[0] = u[0] * u[0] * u[0] - u[0];
      o[1] = u[1] * u[1] * u[1] - 4 * u[1];
      o[2] = u[2] * u[2] * u[2] - 0.25 * u[2];
    }
  };

  @Test
  void deflationFindsAllTwentySevenRootsFromFewStartsWherePlainNewtonFindsFew() {
    List<double[]> starts = FixedPointFinder.random(new double[] {-3, -3, -3}, new double[] {3, 3, 3}, 8, 11);
    Deflation.Result r = new Deflation(FixedPointFinder.defaults(), 100).search(CUBES, starts);
    assertThat(r.points()).hasSize(27);
    for (FixedPoint p : r.points()) {
      assertThat(p.residual()).isLessThan(1e-10);
      assertThat(p.multiplicity()).isEqualTo(1);
    }
    assertThat(r.converged()).isEqualTo(27);
    assertThat(r.runs()).isEqualTo(r.converged() + r.starts());
    assertThat(FixedPointFinder.defaults().find(CUBES, starts).size()).isLessThanOrEqualTo(8);
    assertThat(r.describe()).startsWith("27 roots from ");
  }

  /** Tensor PCA, λ = 4: every fixed point in the domain (the degenerate origin, (0, 1), the saddle, m = 1) from one start. */
  @Test
  void deflationFindsTheTensorPcaFixedPointsFromOneStart() {
    Dynamics d = new SpikedPca(3, 4.0, 1.0).limit(Regime.BALLISTIC);
    Deflation.Result r = new Deflation(FixedPointFinder.defaults(), 20).search(d, List.of(new double[] {0.6, 0.8}));
    assertThat(r.points()).extracting(p -> Math.round(p.get(0) * 1e4) / 1e4).contains(0.0, 0.2956, 1.0);
    for (FixedPoint p : r.points()) assertThat(p.get(1)).isGreaterThanOrEqualTo(0.0);
  }
}
