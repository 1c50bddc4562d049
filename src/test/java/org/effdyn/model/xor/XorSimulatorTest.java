package org.effdyn.model.xor;

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

class XorSimulatorTest {
  @Test
  void plantsVAndOverlapsOnly() {
    XorGmm g = new XorGmm(3, 4, 0.05, 1);
    XorSimulator sim = new XorSimulator(g, 400);
    sim.initialize(RandomStreams.stream(1, 0), Map.of("v[2]", -0.7, "mmu[3]", 0.4, "mnu[1]", -0.25));
    double[] u = new double[g.layout().size()];
    sim.statistics(u);
    assertThat(u[g.layout().indexOf("v[2]")]).isEqualTo(-0.7);
    assertThat(u[g.layout().indexOf("mmu[3]")]).isEqualTo(0.4);
    assertThat(u[g.layout().indexOf("mnu[1]")]).isEqualTo(-0.25);
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(1, 0), Map.of("Rperp[1,1]", 1.0)))
        .hasMessageStartingWith("init.Rperp[1,1]");
  }

  @Test
  void initialStatisticsFollowTheInitialLaw() {
    // m(0) ~ N(0, 1/d), R_perp(0) = I + O(d^{-1/2}); d = 20000: 5 s.d. = 0.035
    XorGmm g = new XorGmm(3, 4, 0.05, 1);
    XorSimulator sim = new XorSimulator(g, 20000);
    sim.initialize(RandomStreams.stream(2, 0), Map.of());
    double[] u = new double[g.layout().size()];
    sim.statistics(u);
    for (int i = 3; i < 9; i++) assertThat(u[i]).isCloseTo(0, within(0.05));
    assertThat(u[g.layout().indexOf("Rperp[1,1]")]).isCloseTo(1, within(0.05));
    assertThat(u[g.layout().indexOf("Rperp[1,2]")]).isCloseTo(0, within(0.05));
  }

  @Test
  void zeroNoiseRperpDecaysAsExpMinusTwoBetaT() {
    // at lambda = inf, Y is in span(mu, nu): W_perp only shrinks by (1 - delta beta) per step,
    // R_perp(T) = R_perp(0) (1 - delta beta)^{2T/delta} -> e^{-2 beta T} (the lambda = inf limit)
    XorGmm g = new XorGmm(2, Double.POSITIVE_INFINITY, 0.1, 1);
    Trajectory t = SgdRecorder.record(new XorSimulator(g, 1000), TimeGrid.of(10, 2), RandomStreams.stream(3, 0), Map.of());
    assertThat(t.column("Rperp[2,2]")[1] / t.column("Rperp[2,2]")[0]).isCloseTo(Math.exp(-2.0), within(1e-3));
  }

  @Test
  void stepAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    XorSimulator sim = new XorSimulator(new XorGmm(4, 4, 0.05, 1), 1000);
    sim.initialize(RandomStreams.stream(1, 0), Map.of());
    for (int i = 0; i < 20_000; i++) sim.step();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 20_000; i++) sim.step();
    assertThat(mx.getThreadAllocatedBytes(id) - before).isLessThan(2_000);
  }
}
