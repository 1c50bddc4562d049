package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.model.common.Activation;
import org.effdyn.solve.SgdRecorder;
import org.junit.jupiter.api.Test;

class GenericSgdSimulatorTest {
  static final double[][] R0 = {{1.2, 0.3, -0.1}, {0.3, 0.8, 0.2}, {-0.1, 0.2, 0.5}};

  @Test
  void startAndPlantedStatisticsAreExact() {
    GenericStart start = new GenericStart(0.7, TanhNetwork.M0, R0, TanhNetwork.HEAD0);
    GenericSgdSimulator sim = new GenericSgdSimulator(TanhNetwork.law(), TanhNetwork.loss(), TanhNetwork.options(), start, 400);
    sim.initialize(RandomStreams.stream(1, 0), Map.of("m[2,1]", 0.9, "Rperp[1,2]", -0.2, "theta[3]", -1.5));
    StatisticsLayout s = sim.statisticsLayout();
    double[] u = new double[s.size()];
    sim.statistics(u);
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 2; b++) {
        assertThat(u[s.m(a, b)]).isCloseTo(a == 1 && b == 0 ? 0.9 : TanhNetwork.M0[a][b], within(1e-13));
      }
      for (int b = a; b < 3; b++) {
        assertThat(u[s.rperp(a, b)]).isCloseTo(a == 0 && b == 1 ? -0.2 : R0[a][b], within(1e-13));
      }
    }
    assertThat(u[s.theta(0)]).isEqualTo(0.8);
    assertThat(u[s.theta(2)]).isEqualTo(-1.5);
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(1, 0), Map.of("R[1,1]", 1.0)))
        .hasMessageContaining("init.R[1,1]").hasMessageContaining("Rperp[1,1]");
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(1, 0), Map.of("Rperp[1,2]", 5.0)))
        .hasMessageContaining("init.Rperp").hasMessageContaining("positive semi-definite");
  }

  @Test
  void randomStartFollowsTheInitialLaw() {
    // x ~ N(0, sigma_w^2 I/d): m_ab ~ N(0, sigma_w^2 nbar_bb/d), R_perp = sigma_w^2 I + O(sigma_w^2 sqrt(2/d));
    // d = 20000, sigma_w = 0.5: 5 s.d. = 0.018 for m and 0.025 for R_perp
    GenericStart start = GenericStart.random(0.5, TanhNetwork.HEAD0);
    GenericSgdSimulator sim = new GenericSgdSimulator(TanhNetwork.law(), TanhNetwork.loss(), TanhNetwork.options(), start, 20000);
    sim.initialize(RandomStreams.stream(2, 0), Map.of());
    double[] u = new double[sim.layout().size()];
    sim.statistics(u);
    double[] law = start.limitState(sim.statisticsLayout());
    for (int i = 0; i < u.length; i++) assertThat(u[i]).as(sim.layout().name(i)).isCloseTo(law[i], within(0.025));
    assertThat(law[sim.statisticsLayout().rperp(1, 1)]).isEqualTo(0.25);
  }

  @Test
  void noiselessRperpDecaysAsExpMinusTwoBetaT() {
    // at lambda = inf every sample lies in the anchors' span: P x only shrinks by (1 - delta beta) per
    // step, so R_perp(T) = R_perp(0) (1 - delta beta)^{2T/delta} = e^{-2 beta T}(1 + O(1/d))
    AnchoredMixture law = TanhNetwork.law().withLambda(Double.POSITIVE_INFINITY);
    GenericOptions o = GenericOptions.of(1.0, 0.1);
    GenericSgdSimulator sim = new GenericSgdSimulator(law, TanhNetwork.loss(), o, TanhNetwork.start(), 1000);
    Trajectory t = SgdRecorder.record(sim, TimeGrid.of(5, 2), RandomStreams.stream(3, 0), Map.of());
    assertThat(t.column("Rperp[1,3]")[0]).isCloseTo(0, within(1e-15)); // planted exactly, up to round-off
    assertThat(t.column("Rperp[2,2]")[1]).isCloseTo(Math.exp(-1.0), within(1e-3));
    assertThat(t.column("Rperp[1,2]")[1]).isCloseTo(0, within(1e-15));
  }

  @Test
  void timeConventions() {
    GenericSgdSimulator bgj = new GenericSgdSimulator(TanhNetwork.law(), TanhNetwork.loss(), TanhNetwork.options(),
        TanhNetwork.start(), 1000);
    assertThat(bgj.timePerStep()).isEqualTo(0.8 / 1000);
    GenericSgdSimulator ts = new GenericSgdSimulator(TanhNetwork.law(), TanhNetwork.loss(),
        TanhNetwork.options().withTime(GenericOptions.TimeConvention.TEACHER_STUDENT), TanhNetwork.start(), 1000);
    assertThat(ts.timePerStep()).isEqualTo(1.0 / 1000);
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new GenericSgdSimulator(TanhNetwork.law(), TanhNetwork.loss(), TanhNetwork.options(),
        TanhNetwork.start(), 4)).hasMessageContaining("d");
    assertThatThrownBy(() -> new GenericSgdSimulator(TanhNetwork.law(), NetworkLoss.softmax(3, Activation.LINEAR),
        TanhNetwork.options(), GenericStart.random(1, null), 100)).hasMessageContaining("labels have dimension 1");
    assertThatThrownBy(() -> new GenericSgdSimulator(TanhNetwork.law(), TanhNetwork.loss(), TanhNetwork.options(),
        GenericStart.random(1, null), 100)).hasMessageContaining("theta0: must have k0 = 3");
    assertThatThrownBy(() -> new GenericStart(1, null, new double[][] {{1, 2}, {2, 1}}, null))
        .hasMessageContaining("rperp0: must be positive semi-definite");
  }

  @Test
  void stepAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (NetworkLoss loss : new NetworkLoss[] {TanhNetwork.loss(), NetworkLoss.twoLayer(3, Activation.RELU, OutputLoss.LOGISTIC,
        new double[] {1, -1, 1})}) {
      GenericSgdSimulator sim = new GenericSgdSimulator(TanhNetwork.law(), loss, TanhNetwork.options(),
          GenericStart.random(1, loss.k0() > 0 ? TanhNetwork.HEAD0 : null), 1000);
      sim.initialize(RandomStreams.stream(1, 0), Map.of());
      for (int i = 0; i < 20_000; i++) sim.step();
      long id = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(id);
      for (int i = 0; i < 20_000; i++) sim.step();
      assertThat(mx.getThreadAllocatedBytes(id) - before).as("%s", loss).isLessThan(2_000);
    }
  }

  @Test
  void adGradientPathGivesTheSameRun() {
    // a loss without a fast gradient goes through forward-mode AD; same seed, same samples: the runs differ
    // only by the gradients' round-off (1e-14 relative, NetworkLossTest), amplified over 2000 steps
    MultiIndexLoss fast = TanhNetwork.loss();
    MultiIndexLoss ad = fast.adOnly();
    assertThat(ad.hasFastGradient()).isFalse();
    double[][] u = new double[2][];
    int i = 0;
    for (MultiIndexLoss loss : new MultiIndexLoss[] {fast, ad}) {
      GenericSgdSimulator sim = new GenericSgdSimulator(TanhNetwork.law(), loss, TanhNetwork.options(), TanhNetwork.start(), 300);
      sim.initialize(RandomStreams.stream(4, 0), Map.of());
      for (int k = 0; k < 2000; k++) sim.step();
      u[i] = new double[sim.layout().size()];
      sim.statistics(u[i++]);
    }
    for (int j = 0; j < u[0].length; j++) assertThat(u[1][j]).isCloseTo(u[0][j], within(1e-10));
    assertThat(u[0][0]).isNotEqualTo(TanhNetwork.M0[0][0]);
  }

  @Test
  void softmaxOnOneHotLabelsIsTheKgmmSimulator() {
    // the k-GMM (docs/kgmm.md) is the generic engine's softmax loss with linear outputs, anchors = means;
    // both simulators draw x_0, the class and the noise in the same order from the generator,
    // so the runs agree sample by sample up to round-off
    double[][] mbar = {{1, 0.4, 0.1}, {0.4, 1, -0.3}, {0.1, -0.3, 1}};
    double[] p = {0.2, 0.3, 0.5};
    org.effdyn.model.kgmm.Kgmm kgmm = new org.effdyn.model.kgmm.Kgmm(3, p, mbar, 2.0, 0.1, 1.0, 4096);
    AnchoredMixture law = new AnchoredMixture(mbar, p, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 2.0,
        LabelModel.oneHot(3));
    GenericSgdSimulator g = new GenericSgdSimulator(law, NetworkLoss.softmax(3, Activation.LINEAR), GenericOptions.of(1.0, 0.1),
        GenericStart.random(1, null), 400);
    TimeGrid grid = TimeGrid.of(3, 4);
    Trajectory a = SgdRecorder.record(kgmm.simulator(400, org.effdyn.core.Regime.BALLISTIC), grid, RandomStreams.stream(9, 0), Map.of());
    Trajectory b = SgdRecorder.record(g, grid, RandomStreams.stream(9, 0), Map.of());
    assertThat(b.layout().names()).isEqualTo(a.layout().names());
    for (int i = 0; i < grid.samples(); i++) {
      for (int j = 0; j < a.layout().size(); j++) assertThat(b.state(i)[j]).isCloseTo(a.state(i)[j], within(1e-10));
    }
    double moved = 0; // the runs went somewhere (the agreement is not that of two frozen states)
    for (int j = 0; j < a.layout().size(); j++) moved = Math.max(moved, Math.abs(a.state(3)[j] - a.state(0)[j]));
    assertThat(moved).isGreaterThan(0.1);
  }

  @Test
  void layoutIsTheLimitsLayout() {
    GenericModel g = TanhNetwork.model();
    StateLayout l = g.simulator(500, org.effdyn.core.Regime.BALLISTIC).layout();
    assertThat(l).isEqualTo(g.limit(org.effdyn.core.Regime.BALLISTIC).layout());
    assertThat(l.names()).startsWith("m[1,1]", "m[1,2]").endsWith("theta[3]");
  }
}
