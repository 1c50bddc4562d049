package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

/** Known results of spiked PCA (docs/pca.md): fixed points, stability, thresholds. */
class PcaOraclesTest {
  static PcaOracles.FixedPoint find(List<PcaOracles.FixedPoint> l, double m, double r2) {
    return l.stream().filter(p -> Math.abs(p.m() - m) < 1e-9 && Math.abs(p.r2perp() - r2) < 1e-9)
        .findFirst().orElseThrow(() -> new AssertionError("no fixed point (" + m + "," + r2 + ") in " + l));
  }

  @Test
  void matrixFixedPointTableAboveThreshold() {
    double lambda = 2.5, c = 0.8;
    List<PcaOracles.FixedPoint> fp = PcaOracles.fixedPoints(SpikedPca.matrix(lambda, c));
    assertThat(fp).hasSize(4);
    PcaOracles.FixedPoint origin = find(fp, 0, 0);
    assertThat(origin.eigenvalues()).containsExactly(new double[] {4 * lambda, 8 * c}, within(1e-12));
    PcaOracles.FixedPoint noise = find(fp, 0, c);
    assertThat(noise.eigenvalues()).containsExactly(new double[] {4 * (lambda - c), -8 * c}, within(1e-12));
    assertThat(noise.stable()).isFalse();
    for (double s : new double[] {1, -1}) {
      PcaOracles.FixedPoint p = find(fp, s * Math.sqrt(lambda - c), c);
      assertThat(p.eigenvalues()).containsExactly(new double[] {-8 * (lambda - c), -8 * lambda}, within(1e-12));
      assertThat(p.stable()).isTrue();
    }
  }

  @Test
  void matrixBelowThresholdOnlyNoiseFixedPointIsStable() {
    List<PcaOracles.FixedPoint> fp = PcaOracles.fixedPoints(SpikedPca.matrix(0.5, 1.0));
    assertThat(fp).hasSize(2);
    assertThat(find(fp, 0, 1.0).stable()).isTrue();
    assertThat(find(fp, 0, 0).stable()).isFalse();
    assertThat(PcaOracles.threshold(2, 1.0)).isEqualTo(1.0);
  }

  @Test
  void everyFixedPointHasZeroDrift() {
    for (SpikedPca p : List.of(SpikedPca.matrix(2, 1), new SpikedPca(3, 4, 1), new SpikedPca(4, 9, 0.7),
        new SpikedPca(5, 20, 1.3))) {
      double[] out = new double[2];
      for (PcaOracles.FixedPoint f : PcaOracles.fixedPoints(p)) {
        new PcaBallistic(p).drift(new double[] {f.m(), f.r2perp()}, out);
        assertThat(out).as("%s at %s", p, f).containsExactly(new double[] {0, 0}, within(1e-11));
      }
    }
  }

  @Test
  void tensorThresholdIsTheSaddleNode() {
    assertThat(PcaOracles.threshold(3, 1.0)).isCloseTo(16.0 / 9.0 * Math.sqrt(3), within(1e-14));
    assertThat(PcaOracles.threshold(3, 1.0)).isCloseTo(3.0792, within(5e-5));
    // just below: only the two m = 0 points; just above: two more roots on either side of sqrt(1/3)
    double lc = PcaOracles.threshold(3, 1.0);
    assertThat(PcaOracles.fixedPoints(new SpikedPca(3, lc * (1 - 1e-6), 1))).hasSize(2);
    List<PcaOracles.FixedPoint> above = PcaOracles.fixedPoints(new SpikedPca(3, lc * (1 + 1e-6), 1));
    assertThat(above).hasSize(4);
    assertThat(above.get(2).m()).isLessThan(Math.sqrt(1.0 / 3)).isGreaterThan(0.5);
    assertThat(above.get(3).m()).isGreaterThan(Math.sqrt(1.0 / 3)).isLessThan(0.65);
  }

  @Test
  void tensorRootsHaveTheClosedFormEigenvaluesAndStability() {
    // k = 3, lambda = 4, c = 1: roots of 4m = (m^2+1)^2 are m = 1 (stable) and m ≈ 0.29560 (unstable; scipy brentq)
    int k = 3;
    SpikedPca p = new SpikedPca(k, 4, 1);
    List<PcaOracles.FixedPoint> fp = PcaOracles.fixedPoints(p);
    assertThat(fp).hasSize(4);
    assertThat(find(fp, 0, 1).stable()).isTrue(); // (0, c) always stable for k >= 3
    PcaOracles.FixedPoint big = find(fp, 1.0, 1.0);
    assertThat(big.stable()).isTrue();
    PcaOracles.FixedPoint small = fp.get(2).m() < 0.5 ? fp.get(2) : fp.get(3);
    assertThat(small.m()).isCloseTo(0.2955977, within(1e-6));
    assertThat(small.stable()).isFalse();
    for (PcaOracles.FixedPoint f : List.of(big, small)) {
      double r2 = f.m() * f.m() + 1;
      // 2k R^{2(k-2)} [(k-2) R^2 - 2(k-1) m*^2] and -4k R^{2(k-1)} (the Jacobian is triangular there)
      double e1 = 2 * k * Math.pow(r2, k - 2) * ((k - 2) * r2 - 2 * (k - 1) * f.m() * f.m());
      double e2 = -4 * k * Math.pow(r2, k - 1);
      assertThat(f.eigenvalues()).containsExactly(new double[] {e1, e2}, within(1e-10));
    }
    // even k: roots in +- pairs
    assertThat(PcaOracles.fixedPoints(new SpikedPca(4, 30, 1))).hasSize(6);
  }

  @Test
  void flowFromEitherSideOfTheUnstableTensorRootGoesToTheStablePoints() {
    SpikedPca p = new SpikedPca(3, 4, 1);
    TimeGrid grid = TimeGrid.of(20, 11);
    Trajectory low = OdeSolver.defaults().solve(p.limit(Regime.BALLISTIC), new double[] {0.28, 1}, grid);
    Trajectory high = OdeSolver.defaults().solve(p.limit(Regime.BALLISTIC), new double[] {0.32, 1}, grid);
    assertThat(low.finalState()).containsExactly(new double[] {0, 1}, within(1e-6));
    assertThat(high.finalState()).containsExactly(new double[] {1, 1}, within(1e-6));
  }

  @Test
  void subCriticalLimitApproachesThePopulationMinimizer() {
    // c_delta -> 0: (sqrt(lambda - c), c) -> (sqrt(lambda), 0)
    List<PcaOracles.FixedPoint> fp = PcaOracles.fixedPoints(SpikedPca.matrix(2, 1e-9));
    assertThat(find(fp, Math.sqrt(2 - 1e-9), 1e-9).m()).isCloseTo(Math.sqrt(2), within(1e-8));
  }

  @Test
  void scalarOraclesAndTheirDomains() {
    assertThat(PcaOracles.stationaryVariance(0.5, 1)).isEqualTo(2.0);
    assertThat(PcaOracles.escapeTime(2, 1, Math.exp(8))).isCloseTo(1.0, within(1e-14));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcaOracles.stationaryVariance(1, 1))
        .hasMessageContaining("lambda");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcaOracles.escapeTime(0.5, 1, 100))
        .hasMessageContaining("lambda");
  }
}
