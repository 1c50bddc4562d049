package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.pca.PcaOracles;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class FixedPointFinderTest {
  /** r2perp >= 0: the PCA limit also vanishes on the curve m^2 + r2perp = 0 outside the domain. */
  static final FixedPointFinder PCA = FixedPointFinder.defaults().withDomain(u -> u[1] >= -1e-12);

  static List<double[]> starts() {
    List<double[]> s = new ArrayList<>(FixedPointFinder.grid(new double[] {-1.6, 0}, new double[] {1.6, 2}, 9));
    s.addAll(FixedPointFinder.random(new double[] {-1.6, 0}, new double[] {1.6, 2}, 40, 3));
    return s;
  }

  void matchesOracles(SpikedPca p, boolean analytic) {
    Dynamics d = p.limit(Regime.BALLISTIC);
    if (!analytic) d = JacobiansTest.withoutJacobian(d);
    List<FixedPoint> found = PCA.find(d, starts());
    List<PcaOracles.FixedPoint> oracle = PcaOracles.fixedPoints(p);
    // (0,0) is non-hyperbolic-free but degenerate (J has eigenvalue 0 along m^2 + r2 = 0 only for r2 < 0);
    // every oracle point with r2 >= 0 must be found, with matching eigenvalues
    for (PcaOracles.FixedPoint o : oracle) {
      FixedPoint f = found.stream().filter(x -> Math.abs(x.get(0) - o.m()) < 1e-6 && Math.abs(x.get(1) - o.r2perp()) < 1e-6)
          .findFirst().orElseThrow(() -> new AssertionError("missing " + o + " in " + found));
      assertThat(f.residual()).isLessThan(1e-10);
      // (0, 0) of the tensor (k >= 3) is a degenerate root (J = 0 there): Newton converges only linearly
      // and stops within ~tolerance^(1/2); its linearization decides nothing, so only its place is checked
      if (!o.hyperbolic()) continue;
      assertThat(f.analyticJacobian()).isEqualTo(analytic);
      double[] want = o.eigenvalues().clone();
      java.util.Arrays.sort(want);
      double[] got = {f.stability().eigenvalues()[1].getReal(), f.stability().eigenvalues()[0].getReal()};
      // analytic: exact up to rounding; finite differences: ~1e-7 relative (JacobiansTest)
      double tol = analytic ? 1e-9 : 1e-5;
      assertThat(got[0]).isCloseTo(want[0], within(tol * Math.max(1, Math.abs(want[0]))));
      assertThat(got[1]).isCloseTo(want[1], within(tol * Math.max(1, Math.abs(want[1]))));
      Stability.Kind expect = o.stable() ? Stability.Kind.STABLE_NODE
          : (want[0] < 0 ? Stability.Kind.SADDLE : Stability.Kind.UNSTABLE_NODE);
      assertThat(f.kind()).as("%s", o).isEqualTo(expect);
    }
  }

  @Test
  void matrixPcaFixedPointsMatchOraclesWithAnalyticJacobian() {
    matchesOracles(SpikedPca.matrix(2.0, 1.0), true);
  }

  @Test
  void matrixPcaFixedPointsMatchOraclesWithFiniteDifferences() {
    matchesOracles(SpikedPca.matrix(2.0, 1.0), false);
  }

  @Test
  void tensorPcaFixedPointsMatchOracles() {
    matchesOracles(new SpikedPca(3, 4.0, 1.0), true);
    matchesOracles(new SpikedPca(3, 4.0, 1.0), false);
  }

  @Test
  void saddleOfTheTensorHasItsUnstableDirectionAlongM() {
    SpikedPca p = new SpikedPca(3, 4.0, 1.0);
    FixedPoint s = PCA.from(p.limit(Regime.BALLISTIC), new double[] {0.3, 1.0}).orElseThrow();
    assertThat(s.get(0)).isCloseTo(0.29560, within(1e-5));
    assertThat(s.kind()).isEqualTo(Stability.Kind.SADDLE);
    double[] dir = s.stability().unstableDirections().get(0);
    assertThat(Math.abs(dir[0])).isCloseTo(1, within(1e-9)); // J is triangular at r2 = c: e_m is an eigenvector
  }

  @Test
  void endStatesOfTrajectoriesAreStarts() {
    SpikedPca p = SpikedPca.matrix(2.0, 1.0);
    Dynamics d = p.limit(Regime.BALLISTIC);
    var traj = OdeSolver.defaults().solve(d, new double[] {0.3, 1.0}, TimeGrid.of(2, 3));
    List<FixedPoint> f = PCA.find(d, FixedPointFinder.endStates(List.of(traj)));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).state()).containsExactly(new double[] {1, 1}, within(1e-12));
    assertThat(f.get(0).kind()).isEqualTo(Stability.Kind.STABLE_NODE);
  }

  @Test
  void noRootGivesEmpty() {
    Dynamics shifted = new Dynamics() {
      @Override public StateLayout layout() { return StateLayout.scalars("x"); }
      @Override public void drift(double[] u, double[] out) { out[0] = u[0] * u[0] + 1; }
    };
    assertThat(FixedPointFinder.defaults().find(shifted, FixedPointFinder.grid(new double[] {-2}, new double[] {2}, 5))).isEmpty();
  }

  @Test
  void focusOfALinearSpiralIsFound() {
    Dynamics spiral = new Dynamics() {
      @Override public StateLayout layout() { return StateLayout.scalars("x", "y"); }
      @Override public void drift(double[] u, double[] out) {
        out[0] = -0.2 * (u[0] - 1) + (u[1] - 2);
        out[1] = -(u[0] - 1) - 0.2 * (u[1] - 2);
      }
    };
    List<FixedPoint> f = FixedPointFinder.defaults().find(spiral, FixedPointFinder.random(new double[] {-5, -5}, new double[] {5, 5}, 10, 1));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).hits()).isEqualTo(10);
    assertThat(f.get(0).state()).containsExactly(new double[] {1, 2}, within(1e-12));
    assertThat(f.get(0).kind()).isEqualTo(Stability.Kind.STABLE_FOCUS);
  }

  /** A spent budget searches nothing and says so; starts are taken in order, so a budget that runs out leaves a tail. */
  @Test
  void budgetLeavesATailOfStartsNotSearched() {
    Dynamics d = new SpikedPca(2, 2, 1).limit(Regime.BALLISTIC);
    FixedPointFinder.Search none = PCA.search(d, starts(), new FixedPointFinder.Budget(System.nanoTime() - 1));
    assertThat(none.points()).isEmpty();
    assertThat(none.notSearched()).hasSize(starts().size());
    assertThat(none.failed()).isZero();
    Dynamics slow = new Dynamics() { // 2 ms a drift: 0.5 s reach only some of the 121 starts (each takes tens of drifts)
      @Override public StateLayout layout() { return d.layout(); }
      @Override public void drift(double[] u, double[] out) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        d.drift(u, out);
      }
    };
    FixedPointFinder.Search some = PCA.search(slow, starts(), FixedPointFinder.Budget.seconds(0.5));
    assertThat(some.notSearched()).isNotEmpty().hasSizeLessThan(starts().size());
    int first = some.notSearched().get(0);
    // after the first start not searched, at most the other worker's run in flight finished
    assertThat(some.starts() - first - some.notSearched().size()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(some.converged() + some.outsideDomain() + some.failed() + some.notSearched().size()).isEqualTo(some.starts());
  }
}
