package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.model.pca.PcaOracles;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class BasinsTest {
  /**
   * Tensor PCA k = 3, lambda = 4, c_delta = 1, r2perp(0) = 1 (invariant: r2perp stays 1), m(0) ~ U(0, 1):
   * the saddle at m_s = 0.29560 splits [0, 1] into the basin of m = 0 (below) and of m = 1 (above), so
   * P(m = 1) = 1 - m_s exactly.
   */
  @Test
  void tensorBasinMatchesTheSaddlePosition() {
    SpikedPca p = new SpikedPca(3, 4.0, 1.0);
    Dynamics d = p.limit(Regime.BALLISTIC);
    InitialLaw law = new InitialLaw() {
      @Override public StateLayout layout() { return d.layout(); }
      @Override public void sample(UniformRandomProvider rng, double[] out) {
        out[0] = rng.nextDouble();
        out[1] = 1;
      }
      @Override public boolean deterministic() { return false; }
    };
    double saddle = PcaOracles.fixedPoints(p).get(2).m();
    assertThat(saddle).isCloseTo(0.29560, within(1e-5));
    OdeSolver solver = new OdeSolver(OdeOptions.defaults().withTolerances(1e-8, 1e-10));
    Basins.Options o = Basins.Options.of(40, 400, 5, 2);
    Basins.Result r = Basins.estimate(d, law, Map.of(), solver, FixedPointFinderTest.PCA, o);
    assertThat(r.attractors()).hasSize(2);
    Basins.Attractor one = r.nearest(new double[] {1, 1}).orElseThrow();
    Basins.Attractor zero = r.nearest(new double[] {0, 1}).orElseThrow();
    assertThat(one.point().get(0)).isCloseTo(1, within(1e-9));
    // m = 0 attracts (eigenvalue -6 along m, -12 along r2perp)
    assertThat(zero.point().get(0)).isCloseTo(0, within(1e-9));
    // exact-in-law: the count is Binomial(400, 1 - m_s); the 95% Wilson interval must cover it
    // (false-failure rate 5% for this fixed seed only in the sense that the seed is fixed: it either passes or not)
    assertThat(one.lower()).isLessThan(1 - saddle);
    assertThat(one.upper()).isGreaterThan(1 - saddle);
    assertThat(r.unresolved()).isZero();
    assertThat(one.count() + zero.count()).isEqualTo(400);
    // each path's assignment agrees with the side of the saddle it started on
    for (int i = 0; i < 400; i++) {
      double m0 = org.effdyn.core.RandomStreams.stream(5, i).nextDouble();
      int expect = r.attractors().indexOf(m0 > saddle ? one : zero);
      assertThat(r.assignment()[i]).isEqualTo(expect);
    }
    // thread count does not matter
    Basins.Result r1 = Basins.estimate(d, law, Map.of(), solver, FixedPointFinderTest.PCA, Basins.Options.of(40, 400, 5, 1));
    assertThat(r1.assignment()).isEqualTo(r.assignment());
  }

  @Test
  void wilsonIntervalKnownValues() {
    // Wilson 95% interval for 8/10: [0.4902, 0.9433] (standard tables)
    double[] ci = Parallel.wilson(8, 10, 0.95);
    assertThat(ci[0]).isCloseTo(0.4902, within(1e-4));
    assertThat(ci[1]).isCloseTo(0.9433, within(1e-4));
    assertThat(Parallel.z(0.95)).isCloseTo(1.959964, within(1e-6));
  }
}
