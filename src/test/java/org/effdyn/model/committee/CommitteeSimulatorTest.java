package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;
import org.junit.jupiter.api.Test;

class CommitteeSimulatorTest {
  static final double[][] T2 = {{1, 0.3}, {0.3, 0.8}};

  @Test
  void oneStepIsExactlyTheSgdUpdate() {
    // replay the simulator's draws (K x N for w, then N for x, then zeta) and apply the SGD step
    // w_k -= (eta/sqrt N) v_k Delta g'(lambda_k) x, v_k -= (eta_v/N) g(lambda_k) Delta by hand
    int n = 7;
    double eta = 0.6, etaV = 0.3, s0 = 0.2, kappa = 0.5, sw = 0.8;
    double[] vs = {1.0, -0.4};
    double[] v0 = {0.9, 1.1, 0.7};
    Committee c = new Committee(3, 2, Activation.ERF, T2, vs, v0, eta, etaV, s0, kappa, true, sw, 0, 4096);
    CommitteeSimulator sim = new CommitteeSimulator(c, n);
    sim.initialize(RandomStreams.stream(9, 0), Map.of());
    sim.step();
    double[] got = new double[c.layout().size()];
    sim.statistics(got);

    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(9, 0));
    double[][] w = new double[3][n];
    for (double[] wk : w) for (int j = 0; j < n; j++) wk[j] = sw * g.sample();
    double[] x = new double[n];
    for (int j = 0; j < n; j++) x[j] = g.sample();
    double zeta = g.sample();
    // teacher w*_n = sqrt(N) sum_j L_nj e_j with L L^T = T
    double l11 = 1, l21 = 0.3, l22 = Math.sqrt(0.8 - 0.09);
    double[][] ws = new double[2][n];
    ws[0][0] = Math.sqrt(n) * l11;
    ws[1][0] = Math.sqrt(n) * l21;
    ws[1][1] = Math.sqrt(n) * l22;
    double y = s0 * zeta;
    for (int q = 0; q < 2; q++) y += vs[q] / 2 * Activation.ERF.valueNoAlloc(dot(ws[q], x) / Math.sqrt(n));
    double yhat = 0;
    double[] lam = new double[3];
    for (int k = 0; k < 3; k++) {
      lam[k] = dot(w[k], x) / Math.sqrt(n);
      yhat += v0[k] / 3 * Activation.ERF.valueNoAlloc(lam[k]);
    }
    double delta = yhat - y;
    double[][] w1 = new double[3][n];
    double[] v1 = new double[3];
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < n; j++) {
        w1[k][j] = (1 - kappa / n) * w[k][j] - eta / Math.sqrt(n) * v0[k] / 3 * delta * Activation.ERF.derivative(lam[k]) * x[j];
      }
      v1[k] = v0[k] - etaV / n * Activation.ERF.valueNoAlloc(lam[k]) / 3 * delta;
    }
    StateLayout l = c.layout();
    for (int k = 0; k < 3; k++) {
      for (int m = k; m < 3; m++) assertThat(got[l.indexOf("Q[" + (k + 1) + "," + (m + 1) + "]")]).isCloseTo(dot(w1[k], w1[m]) / n, within(1e-14));
      for (int q = 0; q < 2; q++) assertThat(got[l.indexOf("R[" + (k + 1) + "," + (q + 1) + "]")]).isCloseTo(dot(w1[k], ws[q]) / n, within(1e-14));
      assertThat(got[l.indexOf("v[" + (k + 1) + "]")]).isCloseTo(v1[k], within(1e-15));
    }
    assertThat(sim.timePerStep()).isEqualTo(1.0 / n);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Test
  void initialStatisticsFollowTheInitialLaw() {
    // Q(0) = sigma_w^2 I + O(N^-1/2), R(0) = O(sigma_w N^-1/2): N = 20000, sigma_w = 0.5, 6 s.d. bands
    Committee c = new Committee(2, 2, Activation.ERF, T2, null, new double[] {0.5, 2}, 0.5, 0, 0, 0, false, 0.5, 0, 4096);
    CommitteeSimulator sim = new CommitteeSimulator(c, 20000);
    sim.initialize(RandomStreams.stream(2, 0), Map.of());
    double[] u = new double[c.layout().size()];
    sim.statistics(u);
    StateLayout l = c.layout();
    double sd = 0.25 * Math.sqrt(2.0 / 20000); // sd of Q_kk
    assertThat(u[l.indexOf("Q[1,1]")]).isCloseTo(0.25, within(6 * sd));
    assertThat(u[l.indexOf("Q[1,2]")]).isCloseTo(0, within(6 * sd));
    assertThat(u[l.indexOf("R[2,2]")]).isCloseTo(0, within(6 * 0.5 * Math.sqrt(0.8 / 20000)));
    assertThat(u[l.indexOf("v[2]")]).isEqualTo(2);
  }

  @Test
  void plantsSecondLayerOnly() {
    Committee c = Committee.erf(2, 1, 0.5);
    CommitteeSimulator sim = new CommitteeSimulator(c, 50);
    sim.initialize(RandomStreams.stream(1, 0), Map.of("v[2]", -0.3));
    double[] u = new double[c.layout().size()];
    sim.statistics(u);
    assertThat(u[c.layout().indexOf("v[2]")]).isEqualTo(-0.3);
    assertThat(u[c.layout().indexOf("v[1]")]).isEqualTo(1);
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(1, 0), Map.of("R[1,1]", 0.2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("init.R[1,1]");
  }

  @Test
  void frozenSecondLayerStaysPut() {
    Committee c = Committee.erf(2, 2, 0.5);
    CommitteeSimulator sim = new CommitteeSimulator(c, 100);
    sim.initialize(RandomStreams.stream(1, 0), Map.of());
    for (int i = 0; i < 1000; i++) sim.step();
    double[] u = new double[c.layout().size()];
    sim.statistics(u);
    assertThat(u[c.layout().indexOf("v[1]")]).isEqualTo(1);
  }

  @Test
  void stepAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Committee c = Committee.erf(3, 2, 0.5).withNoise(0.1).withDecay(0.01).withSecondLayer(null, 0.5);
    CommitteeSimulator sim = new CommitteeSimulator(c, 500);
    sim.initialize(RandomStreams.stream(1, 0), Map.of());
    double[] u = new double[c.layout().size()];
    for (int i = 0; i < 20_000; i++) sim.step();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 20_000; i++) sim.step();
    sim.statistics(u);
    assertThat(mx.getThreadAllocatedBytes(id) - before).isLessThan(2_000);
  }
}
