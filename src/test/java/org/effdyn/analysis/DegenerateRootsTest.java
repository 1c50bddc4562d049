package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;

/** Degenerate (non-hyperbolic) roots are polished, merged, reported once with their multiplicity; the domain is kept. */
class DegenerateRootsTest {
  static Dynamics of(StateLayout layout, java.util.function.BiConsumer<double[], double[]> h) {
    return new Dynamics() {
      @Override public StateLayout layout() { return layout; }
      @Override public void drift(double[] u, double[] out) { h.accept(u, out); }
    };
  }

  /** The case of the issue: 5 points for 4 (the origin twice, once at r2perp < 0). */
  @Test
  void tensorPcaOriginIsReportedOnceWithMultiplicityFour() {
    Dynamics d = new SpikedPca(3, 4.0, 1.0).limit(Regime.BALLISTIC);
    List<double[]> starts = FixedPointFinder.grid(new double[] {-1, 0}, new double[] {1.5, 2}, 12);
    starts.addAll(FixedPointFinder.random(new double[] {-1, -1}, new double[] {1.5, 2}, 64, 1));
    FixedPointFinder.Search s = FixedPointFinder.defaults().search(d, starts);
    assertThat(s.points()).as(s.points().toString()).hasSize(4);
    FixedPoint origin = s.points().stream().filter(p -> p.kind() == Stability.Kind.NON_HYPERBOLIC).findFirst().orElseThrow();
    assertThat(origin.get(0)).isEqualTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(origin.get(1)).isEqualTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(origin.kind()).isEqualTo(Stability.Kind.NON_HYPERBOLIC);
    assertThat(origin.multiplicity()).isEqualTo(4);
    for (FixedPoint p : s.points()) assertThat(p.get(1)).isGreaterThanOrEqualTo(0.0);
    assertThat(s.points().stream().filter(p -> p.multiplicity() == 1).count()).isEqualTo(3);
    assertThat(s.domain()).isEqualTo("r2perp >= 0");
  }

  @Test
  void foldNormalFormHasMultiplicityTwoAndCubicThree() {
    StateLayout xy = StateLayout.scalars("x", "y");
    Dynamics fold = of(xy, (u, o) -> { o[0] = u[0] * u[0]; o[1] = -u[1]; });
    FixedPoint f = FixedPointFinder.defaults().find(fold, FixedPointFinder.grid(new double[] {-1, -1}, new double[] {1, 1}, 5)).get(0);
    assertThat(f.kind()).isEqualTo(Stability.Kind.NON_HYPERBOLIC);
    assertThat(f.multiplicity()).isEqualTo(2);
    // a cubic root splits into one real root only: the count is a lower bound (documented)
    Dynamics cubic = of(StateLayout.scalars("x"), (u, o) -> o[0] = -u[0] * u[0] * u[0]);
    List<FixedPoint> c = FixedPointFinder.defaults().find(cubic, FixedPointFinder.grid(new double[] {-1}, new double[] {1}, 11));
    assertThat(c).hasSize(1);
    assertThat(Math.abs(c.get(0).get(0))).isLessThan(1e-12);
    Dynamics quartic = of(StateLayout.scalars("x"), (u, o) -> o[0] = -u[0] * u[0] * u[0] * u[0]);
    assertThat(FixedPointFinder.defaults().find(quartic, FixedPointFinder.grid(new double[] {-1}, new double[] {1}, 11)).get(0).multiplicity())
        .isEqualTo(2);
  }

  /** Gram-matrix domain: starts outside the PSD cone are projected; a drift that throws outside it does not stop the search. */
  @Test
  void psdDomainIsKeptAndAThrowingDriftIsOutsideIt() {
    StateLayout layout = StateLayout.builder().symmetric("R", 2).build();
    StateDomain dom = StateDomain.of(layout, List.of(), List.of("R"));
    class Psd implements Dynamics, HasDomain {
      @Override public StateLayout layout() { return layout; }
      @Override public StateDomain domain() { return dom; }
      @Override public void drift(double[] u, double[] out) {
        if (!dom.contains(u)) throw new IllegalArgumentException("R must be positive semidefinite");
        // dR/dt = diag(1,1) - R R: fixed points R with R^2 = I, PSD only R = I
        double[][] r = layout.matrix("R", u);
        double[][] rr = new double[2][2];
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) rr[a][b] = (a == b ? 1 : 0) - (r[a][0] * r[0][b] + r[a][1] * r[1][b]);
        layout.setMatrix("R", rr, out);
      }
    }
    FixedPointFinder.Search s = FixedPointFinder.defaults().search(new Psd(),
        FixedPointFinder.random(new double[] {-2, -2, -2}, new double[] {2, 2, 2}, 64, 5));
    assertThat(s.points()).hasSize(1);
    assertThat(s.points().get(0).state()).containsExactly(new double[] {1, 0, 1}, org.assertj.core.api.Assertions.within(1e-10));
  }

  @Test
  void projectionOntoThePsdConeClipsNegativeEigenvalues() {
    StateLayout layout = StateLayout.builder().symmetric("R", 2).build();
    StateDomain dom = StateDomain.of(layout, List.of(), List.of("R"));
    double[] u = {0, 1, 0}; // [[0,1],[1,0]]: eigenvalues ±1, projection (1/2)[[1,1],[1,1]]
    assertThat(dom.contains(u)).isFalse();
    dom.project(u);
    assertThat(u).containsExactly(new double[] {0.5, 0.5, 0.5}, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(dom.contains(u)).isTrue();
  }
}
