package org.effdyn.model.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.Trajectory;
import org.effdyn.model.common.Activation;
import org.junit.jupiter.api.Test;

/** The two-layer network ({@link LazyTwoLayer}): derivatives, identities, bounds, centring, bad input. */
class LazyTwoLayerTest {
  static double[] random(int p, double scale, long seed) {
    UniformRandomProvider rng = RandomStreams.stream(seed, 0);
    double[] v = new double[p];
    for (int k = 0; k < p; k++) v[k] = scale * (2 * rng.nextDouble() - 1);
    return v;
  }

  static LazyTwoLayer small(Activation act, LazyTwoLayer.Parametrization par) {
    return new LazyTwoLayer(6, 3, 5, act, par, LazyTwoLayer.Centering.SUBTRACT, 1.0, 3L,
        LazyTwoLayer.Target.TEACHER, Flow.ALL);
  }

  @Test
  void derivativesAgreeWithFiniteDifferences() {
    // central differences of h (alpha = 1, so scaledIncrement = h(w0 + v) - h(w0)): error O(eps^2) ~ 1e-10
    // plus rounding 1e-16/eps ~ 1e-11; bound 1e-7 on entries of order 1
    for (Activation act : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
      for (LazyTwoLayer.Parametrization par : LazyTwoLayer.Parametrization.values()) {
        DifferentiableModel h = small(act, par).differentiableModel();
        int p = h.p();
        int n = h.n();
        double[] v = random(p, 0.3, 1);
        double[][] jac = new double[n][p];
        h.jacobian(v, 1, jac);
        double eps = 1e-5;
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int k = 0; k < p; k++) {
          double[] vp = v.clone();
          double[] vm = v.clone();
          vp[k] += eps;
          vm[k] -= eps;
          h.scaledIncrement(vp, 1, plus);
          h.scaledIncrement(vm, 1, minus);
          for (int i = 0; i < n; i++) assertThat(jac[i][k]).isCloseTo((plus[i] - minus[i]) / (2 * eps), within(1e-7));
        }
        // vjp = J^T r, and the fused drift agrees
        double[] r = random(n, 1, 2);
        double[] g = new double[p];
        h.vjp(v, 1, r, g);
        for (int k = 0; k < p; k++) {
          double s = 0;
          for (int i = 0; i < n; i++) s += jac[i][k] * r[i];
          assertThat(g[k]).isCloseTo(s, within(1e-13));
        }
        // Hessian at w0: D^2h(w0)[delta] against differences of the Jacobian at +-eps delta
        double[] delta = random(p, 1, 3);
        double[][] hd = new double[n][p];
        h.hessianDirection(delta, hd);
        double[][] jp = new double[n][p];
        double[][] jm = new double[n][p];
        double[] dp = new double[p];
        double[] dm = new double[p];
        for (int k = 0; k < p; k++) {
          dp[k] = eps * delta[k];
          dm[k] = -eps * delta[k];
        }
        h.jacobian(dp, 1, jp);
        h.jacobian(dm, 1, jm);
        for (int i = 0; i < n; i++)
          for (int k = 0; k < p; k++) assertThat(hd[i][k]).isCloseTo((jp[i][k] - jm[i][k]) / (2 * eps), within(1e-7));
        // q(delta) = D[delta] delta and H(r) delta = D[delta]^T r
        double[] q = new double[n];
        double[] hv = new double[p];
        h.secondOrder(delta, r, q, hv);
        for (int i = 0; i < n; i++) assertThat(q[i]).isCloseTo(LazyVectors.dot(hd[i], delta), within(1e-12));
        for (int k = 0; k < p; k++) {
          double s = 0;
          for (int i = 0; i < n; i++) s += hd[i][k] * r[i];
          assertThat(hv[k]).isCloseTo(s, within(1e-12));
        }
        // (L1) bounds the curvature along delta; (L2) bounds (L1) inside the ball
        double curv = 0;
        for (int i = 0; i < n; i++) curv += q[i] * q[i];
        curv = Math.sqrt(curv) / LazyVectors.dot(delta, delta);
        assertThat(h.localLipschitz(new double[p], 1)).isGreaterThanOrEqualTo(curv);
        assertThat(h.ballLipschitz(LazyVectors.norm(v))).isGreaterThanOrEqualTo(h.localLipschitz(v, 1));
      }
    }
  }

  @Test
  void scaledIncrementHasNoCancellationAtLargeAlpha() {
    // alpha[h(w0 + v/alpha) - h(w0)] - J0 v = q(v)/(2 alpha) + O(alpha^-2): at alpha = 1e7 the difference is
    // ~1e-8 and must match q/2alpha to 1e-4 relative (a naive difference would lose 7 digits)
    DifferentiableModel h = LazyTwoLayer.defaults(1).differentiableModel();
    int p = h.p();
    int n = h.n();
    double[] v = random(p, 1, 5);
    double alpha = 1e7;
    double[] inc = new double[n];
    h.scaledIncrement(v, alpha, inc);
    double[][] j0 = new double[n][p];
    h.jacobian(new double[p], 1, j0);
    double[] q = new double[n];
    h.secondOrder(v, new double[n], q, new double[p]);
    for (int i = 0; i < n; i++) {
      double diff = inc[i] - LazyVectors.dot(j0[i], v);
      assertThat(diff).isCloseTo(q[i] / (2 * alpha), within(1e-4 * Math.abs(q[i]) / (2 * alpha) + 1e-16));
    }
  }

  @Test
  void energyIdentityLinearClosedFormAndAllBoundsAlongTrajectories() {
    // the energy identity (N3) and the linearized ODE against its closed form to solver tolerance (rtol
    // 1e-11 on O(R0) quantities: bound 1e-9), and every bound of LazyBounds at every output time for
    // alpha = 10, 100, 1000
    double[] times = LazySweep.logGrid(0.1, 1000, 17);
    for (double alpha : new double[] {10, 100, 1000}) {
      LazyProblem pr = LazyTwoLayer.defaults(alpha).problem();
      Trajectory tr = pr.solve(Flow.FULL, times);
      double[] post = pr.postBoundRunningMax(tr);
      for (int i = 1; i < tr.size(); i++) {
        double gap = tr.column("gap")[i];
        assertThat(Math.abs(tr.column("energy_err")[i])).isLessThan(1e-9);
        assertThat(tr.column("lin_err")[i]).isLessThan(1e-9);
        assertThat(gap).isLessThanOrEqualTo(post[i]);
        assertThat(post[i]).isLessThanOrEqualTo(tr.column("bound_post")[i] * (1 + 1e-12));
        assertThat(gap).isLessThanOrEqualTo(tr.column("bound_sharp")[i]);
        assertThat(tr.column("bound_sharp")[i]).isLessThanOrEqualTo(tr.column("bound_thm12")[i] + 1e-15);
        double chz = tr.column("bound_chizat")[i];
        if (!Double.isNaN(chz)) assertThat(gap).isLessThanOrEqualTo(chz);
        assertThat(tr.column("move_w")[i]).isLessThanOrEqualTo(tr.column("bound_move")[i] * (1 + 1e-9));
        assertThat(tr.column("move_wbar")[i]).isLessThanOrEqualTo(tr.column("bound_move")[i] * (1 + 1e-9));
        assertThat(tr.column("gap_w")[i]).isLessThanOrEqualTo(2 * tr.column("bound_move")[i] * (1 + 1e-9));
        assertThat(tr.column("dK")[i]).isLessThanOrEqualTo(tr.column("bound_dK")[i]);
      }
    }
  }

  @Test
  void linearOdeMatchesSvdFormWithSingularKernel() {
    // n = 20 points, p = m(d+1) = 2 parameters: rank K0 <= 2, the pseudo-inverse fallback; the residual's
    // part outside range(J0) stays put. (N2) by the ODE vs the closed form to 1e-9.
    LazyTwoLayer net = new LazyTwoLayer(20, 1, 1, null, null, null, 50, 0L, null, Flow.LINEAR);
    LazyProblem pr = net.problem();
    assertThat(pr.rank()).isLessThanOrEqualTo(2);
    assertThat(pr.k0Eigenvalues()[0]).isCloseTo(0, within(1e-14));
    Trajectory tr = pr.solve(Flow.LINEAR, LazySweep.logGrid(0.1, 1e4, 9));
    for (int i = 0; i < tr.size(); i++) assertThat(tr.column("lin_err")[i]).isLessThan(1e-9);
    double[] rbar = new double[20];
    pr.linearClosedForm(1e12, rbar, new double[pr.p()]);
    // the limit is the projection of y* off range(J0): J0^T rbar = 0, rbar != 0 (n > p)
    double[][] j0 = pr.j0();
    for (int k = 0; k < pr.p(); k++) {
      double s = 0;
      for (int i = 0; i < 20; i++) s += j0[i][k] * rbar[i];
      assertThat(s).isCloseTo(0, within(1e-12));
    }
    assertThat(LazyVectors.norm(rbar)).isGreaterThan(1e-2 * pr.residualNorm0());
  }

  @Test
  void centringOptions() {
    // none: R0 = |y* - alpha h(w0)|^2/2 grows like alpha^2 (the paper's uncentred setting: no lazy
    // limit); subtract: R0 independent of alpha; symmetric: h(w0) = 0 exactly and p = 2m(d+1)
    LazyTwoLayer base = LazyTwoLayer.defaults(10);
    double r10 = base.withCentering(LazyTwoLayer.Centering.NONE).problem().r0();
    double r1000 = base.withCentering(LazyTwoLayer.Centering.NONE).withAlpha(1000).problem().r0();
    assertThat(r1000 / r10).isGreaterThan(100);
    assertThat(base.problem().r0()).isEqualTo(base.withAlpha(1000).problem().r0());
    LazyTwoLayer sym = base.withCentering(LazyTwoLayer.Centering.SYMMETRIC);
    for (double h : sym.outputsAtInit()) assertThat(h).isCloseTo(0, within(1e-15));
    assertThat(sym.problem().p()).isEqualTo(2 * 40 * 4);
    assertThat(LazyVectors.norm(base.outputsAtInit())).isGreaterThan(1e-3);
  }

  @Test
  void driftAllocatesNothing() {
    LazyProblem pr = LazyTwoLayer.defaults(100).problem();
    Dynamics dyn = pr.dynamics(Flow.ALL);
    double[] u = random(dyn.dimension(), 0.5, 9);
    double[] out = new double[u.length];
    for (int i = 0; i < 5_000; i++) dyn.drift(u, out); // warm up the JIT
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 2_000; i++) dyn.drift(u, out);
    long bytes = mx.getThreadAllocatedBytes(id) - before;
    // one allocation per call would be >= 16 bytes * 2000; allow measurement noise
    assertThat(bytes).isLessThan(2_000);
  }

  @Test
  void badInput() {
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("m", 0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("params.m").hasMessageContaining("0");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("n", 0))).hasMessageContaining("params.n");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("d", -2))).hasMessageContaining("params.d");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("alpha", 0))).hasMessageContaining("params.alpha");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("activation", "relu")))
        .hasMessageContaining("params.activation").hasMessageContaining("relu");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("centering", "both")))
        .hasMessageContaining("params.centering");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("parametrization", "ntk")))
        .hasMessageContaining("params.parametrization");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-twolayer").create(Map.of("nonsense", 1))).hasMessageContaining("params.nonsense");
    LazyTwoLayer ok = (LazyTwoLayer) ModelRegistry.get("lazy-twolayer").create(Map.of("centering", "symmetric", "activation", "sigmoid",
        "parametrization", "proof-variant", "target", "random", "data_seed", 7));
    assertThat(ok.width()).isEqualTo(80);
    assertThat(ok.dataSeed()).isEqualTo(7L);
    assertThatThrownBy(() -> ok.simulator(10, Regime.BALLISTIC)).hasMessageContaining("no SGD simulator");
  }
}
