package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.model.common.Activation;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommitteeOdeTest {
  static final double[][] T2 = {{1, 0.3}, {0.3, 0.8}};
  static final double[] VSTAR = {1, 0.7};

  /** Q = R = T, v = v*: the perfect student for K = M. */
  static double[] perfect(Committee c) {
    StateLayout l = c.layout();
    double[] u = new double[l.size()];
    double[][] t = c.teacherGram();
    double[] vs = c.vstar();
    int k = c.hiddenUnits();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        u[l.block("Q").index(i, j)] = t[i][j];
        u[l.block("R").index(i, j)] = t[i][j];
      }
      u[l.block("v").index(i, 0)] = vs[i];
    }
    return u;
  }

  static Committee twoByTwo(Activation act) {
    return new Committee(2, 2, act, T2, VSTAR, VSTAR, 0.5, 0.3, 0, 0, false, 1, 0, 4096);
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"ERF", "RELU", "LINEAR"})
  void perfectStudentIsAFixedPointWithZeroError(Activation act) {
    // K = M, Q = R = T, v = v*, sigma0 = 0: Delta = 0 a.s., so every drift vanishes and eps_g = 0
    Committee c = twoByTwo(act);
    CommitteeOde ode = new CommitteeOde(c);
    double[] u = perfect(c);
    double[] h = new double[u.length];
    ode.drift(u, h);
    for (double x : h) assertThat(x).isCloseTo(0, within(1e-13));
    assertThat(ode.generalizationError(u)).isCloseTo(0, within(1e-14));
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"ERF", "RELU", "LINEAR"})
  void withOutputNoiseThePerfectStudentDrifts(Activation act) {
    // perfect student with label noise: dR = 0, dv = 0, but dQ_kl = eta^2 v_k v_l sigma0^2 J2(k,l) > 0
    double s0 = 0.4;
    Committee c = twoByTwo(act).withNoise(s0);
    double[] u = perfect(c);
    double[] h = new double[u.length];
    new CommitteeOde(c).drift(u, h);
    StateLayout l = c.layout();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) assertThat(h[l.block("R").index(i, j)]).isCloseTo(0, within(1e-13));
      assertThat(h[l.block("v").index(i, 0)]).isCloseTo(0, within(1e-13));
      for (int j = i; j < 2; j++) {
        double expect = 0.25 * VSTAR[i] * VSTAR[j] * s0 * s0 * ActivationIntegrals.j2(act, T2[i][i], T2[i][j], T2[j][j]);
        assertThat(h[l.block("Q").index(i, j)]).isCloseTo(expect, within(1e-13)).isPositive();
      }
    }
  }

  @Test
  void singleUnitErrorClosedForm() {
    // K = M = 1, v = v* = 1:
    // eps_g = (1/pi)[asin(Q/(1+Q)) + asin(T/(1+T)) - 2 asin(R/sqrt((1+Q)(1+T)))]
    double q = 0.7, r = 0.4, t = 1.3;
    Committee c = new Committee(1, 1, Activation.ERF, new double[][] {{t}}, null, null, 0.5, 0, 0, 0, false, 1, 0, 4096);
    double expect = (Math.asin(q / (1 + q)) + Math.asin(t / (1 + t)) - 2 * Math.asin(r / Math.sqrt((1 + q) * (1 + t)))) / Math.PI;
    assertThat(new CommitteeOde(c).generalizationError(new double[] {q, r, 1})).isCloseTo(expect, within(1e-15));
  }

  @Test
  void linearModeDrift() {
    // g(z) = z: I3 = C23, I4 = C34, so dR_kn = -eta v_k (sum_j v_j R_jn - sum_m v*_m T_mn) - kappa R_kn,
    // dQ_kl = -eta v_k (sum_j v_j Q_jl - sum_m v*_m R_lm) - (k <-> l) + eta^2 v_k v_l (a^T C a + sigma0^2) - 2 kappa Q_kl,
    // dv_k = -eta_v (sum_j v_j Q_kj - sum_n v*_n R_kn); eps_g = a^T C a / 2
    double eta = 0.3, etaV = 0.2, s0 = 0.5, kappa = 0.05;
    Committee c = new Committee(2, 2, Activation.LINEAR, T2, VSTAR, null, eta, etaV, s0, kappa, false, 1, 0, 4096);
    double[][] q = {{1.1, 0.2}, {0.2, 0.9}};
    double[][] r = {{0.3, -0.1}, {0.05, 0.4}};
    double[] v = {0.8, 1.2};
    StateLayout l = c.layout();
    double[] u = new double[l.size()];
    l.setMatrix("Q", q, u);
    l.setMatrix("R", r, u);
    for (int i = 0; i < 2; i++) u[l.block("v").index(i, 0)] = v[i];
    double[] h = new double[u.length];
    CommitteeOde ode = new CommitteeOde(c);
    ode.drift(u, h);
    double[][] cc = new double[4][4];
    double[] a = {v[0], v[1], -VSTAR[0], -VSTAR[1]};
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        cc[i][j] = q[i][j];
        cc[i][2 + j] = cc[2 + j][i] = r[i][j];
        cc[2 + i][2 + j] = T2[i][j];
      }
    }
    double aca = 0;
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) aca += a[i] * a[j] * cc[i][j];
    for (int k = 0; k < 2; k++) {
      for (int n = 0; n < 2; n++) {
        double e = 0;
        for (int j = 0; j < 4; j++) e += a[j] * cc[2 + n][j];
        assertThat(h[l.block("R").index(k, n)]).isCloseTo(-eta * v[k] * e - kappa * r[k][n], within(1e-14));
      }
      for (int m = k; m < 2; m++) {
        double ek = 0, em = 0;
        for (int j = 0; j < 4; j++) {
          ek += a[j] * cc[m][j];
          em += a[j] * cc[k][j];
        }
        double expect = -eta * v[k] * ek - eta * v[m] * em + eta * eta * v[k] * v[m] * (aca + s0 * s0) - 2 * kappa * q[k][m];
        assertThat(h[l.block("Q").index(k, m)]).isCloseTo(expect, within(1e-14));
      }
      double dv = 0;
      for (int j = 0; j < 4; j++) dv += a[j] * cc[k][j];
      assertThat(h[l.block("v").index(k, 0)]).isCloseTo(-etaV * dv, within(1e-14));
    }
    assertThat(ode.generalizationError(u)).isCloseTo(aca / 2, within(1e-14));
  }

  /**
   * The whole drift against Monte Carlo of its defining expectations:
   * dR_kn = -eta v~_k E[Delta g'(l_k) nu_n] - kappa R, dQ_kl = ... + eta^2 v~_k v~_l E[(Delta^2 + sigma0^2) g'_k g'_l] - 2 kappa Q,
   * dv_k = -eta_v s_K E[g(l_k) Delta]; K = 2, M = 3, normalized outputs, a random state. 400 000 draws,
   * 5 standard errors; for ReLU the engine's I4 part adds its quadrature error (~1e-3 relative, measured).
   */
  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"ERF", "RELU", "LINEAR"})
  void driftMatchesMonteCarloOfItsDefinition(Activation act) {
    int k = 2, m = 3, p = 5;
    double eta = 0.7, etaV = 0.4, s0 = 0.3, kappa = 0.02;
    double[][] t = {{1, 0.2, 0}, {0.2, 1.2, -0.3}, {0, -0.3, 0.9}};
    double[] vs = {1, -0.5, 0.8};
    Committee c = new Committee(k, m, act, t, vs, null, eta, etaV, s0, kappa, true, 1, 0, 20000);
    double[][] cc = MonteCarlo.randomCovariance(p, 3);
    for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) cc[k + i][k + j] = t[i][j];
    // keep C positive definite: shrink the cross block
    for (int i = 0; i < k; i++) for (int j = 0; j < m; j++) cc[i][k + j] = cc[k + j][i] = 0.4 * cc[i][k + j];
    double[] v = {0.9, 1.3};
    StateLayout l = c.layout();
    double[] u = new double[l.size()];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) u[l.block("Q").index(i, j)] = cc[i][j];
      for (int n = 0; n < m; n++) u[l.block("R").index(i, n)] = cc[i][k + n];
      u[l.block("v").index(i, 0)] = v[i];
    }
    double[] a = {v[0] / k, v[1] / k, -vs[0] / m, -vs[1] / m, -vs[2] / m};
    // outputs: E[Delta g'(l_k) z_t] (k*p), E[(Delta^2 + s0^2) g'_k g'_l] (3), E[g(l_k) Delta] (k)
    double[][] mc = MonteCarlo.estimate(cc, k * p + 3 + k, 400_000, 21, (z, out) -> {
      double delta = 0;
      for (int j = 0; j < p; j++) delta += a[j] * act.valueNoAlloc(z[j]);
      int o = 0;
      for (int i = 0; i < k; i++) for (int tt = 0; tt < p; tt++) out[o++] = delta * act.derivative(z[i]) * z[tt];
      for (int i = 0; i < k; i++) for (int j = i; j < k; j++) out[o++] = (delta * delta + s0 * s0) * act.derivative(z[i]) * act.derivative(z[j]);
      for (int i = 0; i < k; i++) out[o++] = act.valueNoAlloc(z[i]) * delta;
    });
    double[] h = new double[u.length];
    new CommitteeOde(c).drift(u, h);
    double relu = act == Activation.RELU ? 2e-3 : 0; // engine error budget, see the Javadoc
    for (int i = 0; i < k; i++) {
      for (int n = 0; n < m; n++) {
        int j = i * p + k + n;
        double expect = -eta * a[i] * mc[0][j] - kappa * cc[i][k + n];
        assertThat(h[l.block("R").index(i, n)]).as("R[%d,%d]", i + 1, n + 1)
            .isCloseTo(expect, within(5 * eta * Math.abs(a[i]) * mc[1][j]));
      }
      int o = k * p;
      for (int i2 = 0; i2 < k; i2++) {
        for (int j = i2; j < k; j++, o++) {
          if (i2 != i) continue;
          double expect = -eta * a[i2] * mc[0][i2 * p + j] - eta * a[j] * mc[0][j * p + i2]
              + eta * eta * a[i2] * a[j] * mc[0][o] - 2 * kappa * cc[i2][j];
          double se = eta * Math.abs(a[i2]) * mc[1][i2 * p + j] + eta * Math.abs(a[j]) * mc[1][j * p + i2]
              + eta * eta * Math.abs(a[i2] * a[j]) * mc[1][o];
          assertThat(h[l.block("Q").index(i2, j)]).as("Q[%d,%d]", i2 + 1, j + 1)
              .isCloseTo(expect, within(5 * se + relu * Math.abs(expect)));
        }
      }
      int ov = k * p + 3 + i;
      assertThat(h[l.block("v").index(i, 0)]).as("v[%d]", i + 1)
          .isCloseTo(-etaV / k * mc[0][ov], within(5 * etaV / k * mc[1][ov]));
    }
  }

  @Test
  void symmetricStartNeverSpecializes() {
    // from the N -> inf point mass Q = I, R = 0 the two students stay identical (the
    // symmetric set is invariant) and eps_g stays on the plateau, ~0.0147 for K = M = 2, eta = 0.5.
    // The set is unstable (the plateau's escape mode grows like e^{0.04 t}), so round-off of 1e-16
    // grows to ~1e-11 by t = 500: compare to 1e-9 at t = 300.
    Committee c = Committee.erf(2, 2, 0.5);
    double[] u0 = new double[c.layout().size()];
    c.initialLaw(Regime.BALLISTIC).sample(null, u0);
    Trajectory t = c.derivedColumns().get().appendTo(OdeSolver.defaults().solve(c.limit(Regime.BALLISTIC), u0, TimeGrid.of(300, 11)));
    double[] last = t.finalState();
    StateLayout l = c.layout();
    assertThat(last[l.indexOf("R[1,1]")]).isCloseTo(last[l.indexOf("R[2,1]")], within(1e-9));
    assertThat(last[l.indexOf("R[1,1]")]).isCloseTo(last[l.indexOf("R[1,2]")], within(1e-9));
    double[] eps = t.column("eps_g");
    assertThat(eps[10]).isBetween(0.0140, 0.0150);
    assertThat(eps[5]).isBetween(0.0140, 0.0150); // t = 150: a finite-N start has left the plateau by then
  }

  @Test
  void driftAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (Activation act : new Activation[] {Activation.ERF, Activation.RELU, Activation.LINEAR}) {
      Committee c = Committee.erf(3, 2, 0.5).withActivation(act).withNoise(0.1).withSecondLayer(null, 0.5);
      CommitteeOde ode = new CommitteeOde(c);
      double[] u = new double[c.layout().size()];
      c.withInit(1, 1000).initialLaw(Regime.BALLISTIC).sample(org.effdyn.core.RandomStreams.stream(1, 0), u);
      double[] h = new double[u.length];
      for (int i = 0; i < 200; i++) ode.drift(u, h);
      long id = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(id);
      for (int i = 0; i < 200; i++) ode.drift(u, h);
      assertThat(mx.getThreadAllocatedBytes(id) - before).as("%s", act).isLessThan(2_000);
    }
  }
}
