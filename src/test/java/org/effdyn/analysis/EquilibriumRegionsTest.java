package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.effdyn.core.Regime;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;

class EquilibriumRegionsTest {
  /**
   * Spiked tensor k = 3 over λ ∈ [2, 6], c_δ ∈ [0.5, 2]: below the fold λ_c = (16√3/9) c_δ^{3/2} the
   * degenerate origin and the stable (0, c_δ); above it also the stable recovered point and a saddle.
   * Two regions, each labelled on its own side of the closed-form fold curve.
   */
  @Test
  void tensorRegionsOnEitherSideOfTheFoldCurve() {
    FoldCurves.Family2 f = (lambda, c) -> new SpikedPca(3, lambda, c).limit(Regime.BALLISTIC);
    List<double[]> starts = FixedPointFinder.grid(new double[] {-0.5, 0}, new double[] {1.5, 2.5}, 7);
    List<EquilibriumRegions.Region> regions = EquilibriumRegions.of(f, FixedPointFinderTest.PCA, starts, 2, 6, 0.5, 2, 10, 10, 3);
    assertThat(regions).extracting(EquilibriumRegions.Region::label)
        .containsExactlyInAnyOrder("1 stable, 0 unstable, 1 non-hyperbolic", "2 stable, 1 unstable, 1 non-hyperbolic");
    for (EquilibriumRegions.Region r : regions) {
      double fold = 16 * Math.sqrt(3) / 9 * Math.pow(r.q(), 1.5);
      if (r.stable() == 2) assertThat(r.p()).isGreaterThan(fold);
      else assertThat(r.p()).isLessThan(fold);
    }
  }
}
