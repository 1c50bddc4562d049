package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.SgdRecorder;
import org.junit.jupiter.api.Test;

class KgmmSimulatorTest {
  @Test
  void plantedOverlapsForGeneralMeans() {
    Kgmm g = new Kgmm(3, null, new double[][] {{1, 0.4, 0.1}, {0.4, 1, -0.3}, {0.1, -0.3, 1}}, 2, 0.1, 1, 4096);
    KgmmSimulator sim = new KgmmSimulator(g, 500);
    sim.initialize(RandomStreams.stream(1, 0), Map.of("m[1,1]", 0.7, "m[2,3]", -0.2, "m[3,2]", 0.5));
    double[] u = new double[g.layout().size()];
    sim.statistics(u);
    assertThat(u[g.layout().indexOf("m[1,1]")]).isCloseTo(0.7, within(1e-14));
    assertThat(u[g.layout().indexOf("m[2,3]")]).isCloseTo(-0.2, within(1e-14));
    assertThat(u[g.layout().indexOf("m[3,2]")]).isCloseTo(0.5, within(1e-14));
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(1, 0), Map.of("Rperp[1,1]", 1.0)))
        .hasMessageContaining("init.Rperp[1,1]");
  }

  @Test
  void initialStatisticsFollowTheInitialLaw() {
    // m_ab(0) ~ N(0, 1/d), R_perp(0) ~ I + O(d^{-1/2}); d = 20000: 5 s.d. = 0.035
    Kgmm g = new Kgmm(4, 1, 0.1, 1);
    KgmmSimulator sim = new KgmmSimulator(g, 20000);
    sim.initialize(RandomStreams.stream(2, 0), Map.of());
    double[] u = new double[g.layout().size()];
    sim.statistics(u);
    double[] law = KgmmFiniteTest.start(g);
    for (int i = 0; i < u.length; i++) assertThat(u[i]).isCloseTo(law[i], within(0.05));
  }

  @Test
  void zeroNoiseRperpDecaysAsExpMinusTwoBetaT() {
    // at lambda = inf the orthogonal part only shrinks by (1 - delta beta) per step:
    // R_perp(T) = R_perp(0) (1 - delta beta)^{2T/delta} -> e^{-2 beta T} (not the printed e^{-beta T})
    Kgmm g = new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1);
    Trajectory t = SgdRecorder.record(new KgmmSimulator(g, 1000), TimeGrid.of(10, 2), RandomStreams.stream(3, 0), Map.of());
    double ratio = t.column("Rperp[2,2]")[1] / t.column("Rperp[2,2]")[0];
    assertThat(ratio).isCloseTo(Math.exp(-2.0), within(1e-3));
  }

  @Test
  void stepAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    KgmmSimulator sim = new KgmmSimulator(new Kgmm(5, 10, 0.05, 1), 1000);
    sim.initialize(RandomStreams.stream(1, 0), Map.of());
    for (int i = 0; i < 20_000; i++) sim.step();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 20_000; i++) sim.step();
    assertThat(mx.getThreadAllocatedBytes(id) - before).isLessThan(2_000);
  }
}
