package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class XorFiniteTest {
  /** A generic state: v, m ~ N(0, 0.25..1), R⊥ = A Aᵀ/(2K) + 0.2 I. */
  static double[] state(int k, long seed) {
    StateLayout l = XorGmm.layout(k);
    double[] u = new double[l.size()];
    Random r = new Random(seed);
    for (int i = 0; i < k; i++) {
      u[i] = r.nextGaussian();
      u[k + i] = 0.5 * r.nextGaussian();
      u[2 * k + i] = 0.5 * r.nextGaussian();
    }
    double[][] a = new double[k][k];
    for (double[] row : a) for (int j = 0; j < k; j++) row[j] = r.nextGaussian();
    StateLayout.Block b = l.block("Rperp");
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double s = 0;
        for (int m = 0; m < k; m++) s += a[i][m] * a[j][m];
        u[b.index(i, j)] = 0.5 * s / k + (i == j ? 0.2 : 0);
      }
    }
    return u;
  }

  static double cdf(double x) {
    return XorSoft.cdf(x);
  }

  static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  /**
   * At v = 0 the residual is the constant σ(0) - y = ∓1/2, and with h_i ~ N(θ·m_i, R_ii/λ):
   * E[1{h_i ≥ 0}] = F(μ/s), E[(ξ_μ/√λ) 1{h_i ≥ 0}] = (m_i^μ/λ) φ(μ/s)/s, E[Z⊥_j 1{h_i ≥ 0}] = (R⊥_ij/λ) φ(μ/s)/s.
   * Default rule (1024 nodes, pre-integrated): measured 1.3e-6 (e is constant along the lines here, so only
   * the outer rule and the line rule on a smooth integrand contribute); bound 4e-3 (the earlier plain RQMC).
   */
  @Test
  void integralsMatchClosedFormsAtZeroV() {
    int k = 4;
    double lambda = 2;
    XorGmm g = new XorGmm(k, lambda, 0.05, 1);
    double[] u = state(k, 3);
    for (int i = 0; i < k; i++) u[i] = 0;
    double[] a = new XorFinite(g).integrals(u);
    StateLayout.Block rp = g.layout().block("Rperp");
    double[][] classes = {{1, 0, -0.5}, {-1, 0, -0.5}, {0, 1, 0.5}, {0, -1, 0.5}}; // theta_mu, theta_nu, e
    double worst = 0;
    for (int i = 0; i < k; i++) {
      double mm = u[k + i], mn = u[2 * k + i];
      double s = Math.sqrt((mm * mm + mn * mn + u[rp.index(i, i)]) / lambda);
      double aMu = 0, aNu = 0, bii = 0;
      double[] aPerp = new double[k];
      for (double[] c : classes) {
        double mean = c[0] * mm + c[1] * mn;
        double p = cdf(mean / s), q = pdf(mean / s) / s;
        aMu += 0.25 * c[2] * (c[0] * p + mm / lambda * q);
        aNu += 0.25 * c[2] * (c[1] * p + mn / lambda * q);
        for (int j = 0; j < k; j++) aPerp[j] += 0.25 * c[2] * u[rp.index(i, j)] / lambda * q;
        bii += 0.25 * 0.25 * p;
      }
      worst = Math.max(worst, Math.abs(a[i] - aMu));
      worst = Math.max(worst, Math.abs(a[k + i] - aNu));
      for (int j = 0; j < k; j++) worst = Math.max(worst, Math.abs(a[2 * k + i * k + j] - aPerp[j]));
      worst = Math.max(worst, Math.abs(a[2 * k + k * k + i * k + i] - bii));
    }
    System.out.printf("xor finite integrals at v = 0 vs closed forms: sup error %.2e%n", worst);
    assertThat(worst).isLessThan(4e-3);
  }

  /**
   * m = 0 is invariant: A^μ = A^ν = 0 there by the ±μ, ±ν symmetry, and the reflected
   * nodes make that exact up to rounding; likewise m^ν = 0 alone keeps m^ν at 0.
   */
  @Test
  void zeroOverlapsAreInvariantExactly() {
    int k = 4;
    XorGmm g = new XorGmm(k, 4, 0.05, 1);
    double[] u = state(k, 5);
    for (int i = k; i < 3 * k; i++) u[i] = 0;
    double[] out = new double[u.length];
    new XorFinite(g).drift(u, out);
    for (int i = k; i < 3 * k; i++) assertThat(out[i]).isCloseTo(0, within(1e-15));
    u = state(k, 6);
    for (int i = 2 * k; i < 3 * k; i++) u[i] = 0;
    new XorFinite(g).drift(u, out);
    for (int i = 2 * k; i < 3 * k; i++) assertThat(out[i]).isCloseTo(0, within(1e-15));
    for (int i = k; i < 2 * k; i++) assertThat(Math.abs(out[i])).isGreaterThan(1e-3);
  }

  /**
   * Against a reference with 2^16 outer nodes and 48 line points (64x and 4x the default): the default 1024
   * nodes give a sup drift error below 5e-3 at K = 4, λ = 4 (measured 1.3e-3), and the error estimate
   * (outer companion + half the line points) is at least the true error at 256 and 1024 nodes (measured
   * 5.8e-3 ≤ 1.05e-2 and 1.3e-3 ≤ 3.6e-3).
   */
  @Test
  void defaultRuleAccuracyAndErrorEstimateAgainstAFineRule() {
    int k = 4;
    XorGmm g = new XorGmm(k, 4, 0.05, 1);
    double[] u = state(k, 1);
    double[] ref = new double[u.length];
    new XorFinite(g.withQuadratureNodes(1 << 16), GaussianRule.quasiMonteCarlo(k + 2, 1 << 12, 16, 77), 48)
        .drift(u, ref);
    for (int nodes : new int[] {256, 1024}) {
      XorFinite f = new XorFinite(g.withQuadratureNodes(nodes));
      double err = supError(f, u, ref);
      double est = f.quadratureError(u);
      System.out.printf("xor K=4 lambda=4 %s: true error %.2e, estimate %.2e%n", f.rule(), err, est);
      assertThat(est).isGreaterThanOrEqualTo(err);
      if (nodes == g.quadratureNodes()) assertThat(err).isLessThan(5e-3);
    }
  }

  /** sup_j |f(u)_j - ref_j|. */
  static double supError(XorFinite f, double[] u, double[] ref) {
    double[] out = new double[u.length];
    f.drift(u, out);
    double err = 0;
    for (int i = 0; i < u.length; i++) err = Math.max(err, Math.abs(out[i] - ref[i]));
    return err;
  }

  /** Large λ: Prop. 5.15 and the soft drift differ by O(λ^{-1/2}) = 0.01 at λ = 1e4 (measured 1.4e-4 at K = 4, 7e-4 at K = 20). */
  @Test
  void agreesWithTheSoftDriftAtLargeLambdaForKFourAndTwenty() {
    for (int k : new int[] {4, 20}) {
      XorGmm g = new XorGmm(k, 1e4, 0.05, 1).withQuadratureNodes(512);
      double[] u = state(k, 2);
      double[] a = new double[u.length], b = new double[u.length];
      new XorFinite(g).drift(u, a);
      new XorSoft(g.soft()).drift(u, b);
      for (int i = 0; i < 3 * k; i++) assertThat(a[i]).as("K=%d coordinate %d", k, i).isCloseTo(b[i], within(0.01));
    }
  }

  /**
   * The line rule (12 Fejér points) against 64 points on the same outer nodes, K = 4, λ = 4: the line error
   * is a bias the outer rule cannot average away; it falls like n^-2 (relu kinks inside the lines): measured
   * 3.7e-4, 1.35e-4, 6.7e-5, 2.8e-5 for 8, 12, 16, 24 points. Bound 3e-4, a quarter of the outer error at
   * the default 1024 nodes.
   */
  @Test
  void linePointsAreEnough() {
    int k = 4;
    XorGmm g = new XorGmm(k, 4, 0.05, 1).withQuadratureNodes(256);
    GaussianRule rule = GaussianRule.quasiMonteCarlo(k + 2, 16, 16, GaussianRule.DEFAULT_SEED);
    double[] u = state(k, 1);
    double[] a = new double[u.length], b = new double[u.length];
    new XorFinite(g, rule).drift(u, a);
    new XorFinite(g, rule, 64).drift(u, b);
    double err = 0;
    for (int i = 0; i < u.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
    System.out.printf("xor finite line rule %d vs 64 points: sup drift difference %.2e%n", XorFinite.LINE_POINTS, err);
    assertThat(err).isLessThan(3e-4);
  }

  /**
   * Pre-integration makes the drift continuous in u for a fixed node set: along a segment cut in 200 steps
   * of 1e-7, every increment is at most L·1e-7 with L the drift's Lipschitz constant (measured max
   * |Δf|/|Δu| ≈ 1; bound 20). A plain rule on the indicators jumps by about w·|e| ≈ 1e-3 (N = 128) when a
   * node crosses h_i = 0, a ratio of 1e4.
   */
  @Test
  void driftIsContinuousInTheState() {
    int k = 4;
    XorGmm g = new XorGmm(k, 4, 0.05, 1).withQuadratureNodes(128);
    XorFinite f = new XorFinite(g);
    double[] u = state(k, 11), dir = state(k, 12);
    double[] a = new double[u.length], b = new double[u.length], x = u.clone();
    double h = 1e-7, worst = 0;
    f.drift(x, a);
    for (int step = 0; step < 200; step++) {
      for (int i = 0; i < x.length; i++) x[i] = u[i] + (step + 1) * h * dir[i];
      f.drift(x, b);
      double d = 0;
      for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(b[i] - a[i]));
      worst = Math.max(worst, d / h);
      System.arraycopy(b, 0, a, 0, a.length);
    }
    System.out.printf("xor finite drift: max |Δf|/h along a segment, h = 1e-7: %.2f%n", worst);
    assertThat(worst).isLessThan(20);
  }

  /**
   * The default Dormand–Prince solver at rtol 1e-8 works on the pre-integrated drift (it stalled on the
   * plain RQMC drift): K = 4, λ = 4, T = 4, 128 nodes; it agrees with RK4 at step 0.05 on the same drift
   * (RK4's own error, measured 2e-7) to 1e-5, with a bounded number of evaluations (measured ~900; bound 4000).
   */
  @Test
  void adaptiveSolverWorks() {
    int k = 4;
    XorGmm g = new XorGmm(k, 4, 0.05, 1).withQuadratureNodes(128);
    XorFinite f = new XorFinite(g);
    long[] count = {0};
    Dynamics counted = new Dynamics() {
      @Override public StateLayout layout() { return f.layout(); }
      @Override public void drift(double[] u, double[] out) { count[0]++; f.drift(u, out); }
    };
    double[] u0 = state(k, 1);
    TimeGrid grid = TimeGrid.of(4, 9);
    Trajectory dp = new OdeSolver(OdeOptions.defaults().withTolerances(1e-8, 1e-10)).solve(counted, u0, grid);
    Trajectory rk = new OdeSolver(OdeOptions.defaults().withMethod(OdeMethod.RK4).withStep(0.05)).solve(f, u0, grid);
    double diff = 0;
    for (int t = 0; t < dp.size(); t++) {
      for (int i = 0; i < u0.length; i++) diff = Math.max(diff, Math.abs(dp.state(t)[i] - rk.state(t)[i]));
    }
    System.out.printf("xor finite Dormand-Prince rtol 1e-8: %d evaluations, sup difference to RK4(0.05) %.2e%n", count[0], diff);
    assertThat(count[0]).isLessThan(4000);
    assertThat(diff).isLessThan(1e-5);
  }

  /** The allocation-free normal tail against Hipparchus's erfc, and the tail quantile round trip. */
  @Test
  void upperTailAndQuantile() {
    double worst = 0;
    for (double t = -12; t <= 12; t += 0.01) {
      double ref = 0.5 * org.hipparchus.special.Erf.erfc(t / Math.sqrt(2));
      worst = Math.max(worst, Math.abs(XorFinite.upperTail(t) - ref) / ref);
    }
    assertThat(worst).isLessThan(1e-12);
    for (double q : new double[] {1e-15, 1e-9, 1e-3, 0.1, 0.5, 0.9, 0.999}) {
      assertThat(XorFinite.upperTail(XorFinite.upperQuantile(q))).isCloseTo(q, within(1e-12 * q));
    }
  }

  @Test
  void singularRperpIsFine() {
    int k = 4;
    XorGmm g = new XorGmm(k, 4, 0.05, 1);
    double[] u = state(k, 7);
    StateLayout.Block rp = g.layout().block("Rperp");
    for (int i = 0; i < k; i++) for (int j = i; j < k; j++) u[rp.index(i, j)] = 0;
    double[] out = new double[u.length];
    new XorFinite(g).drift(u, out);
    for (double x : out) assertThat(x).isFinite();
    // R_perp = 0: the A_perp terms vanish, only the corrector (c_delta/lambda) v_i v_j B_ij >= 0 remains on the diagonal
    for (int i = 0; i < k; i++) assertThat(out[rp.index(i, i)]).isGreaterThanOrEqualTo(0);
  }

  @Test
  void driftAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    XorGmm g = new XorGmm(4, 4, 0.05, 1).withQuadratureNodes(256);
    XorFinite f = new XorFinite(g);
    double[] u = state(4, 1), out = new double[u.length];
    for (int i = 0; i < 50; i++) f.drift(u, out);
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 50; i++) f.drift(u, out);
    assertThat(mx.getThreadAllocatedBytes(id) - before).isLessThan(1_000);
  }
}
