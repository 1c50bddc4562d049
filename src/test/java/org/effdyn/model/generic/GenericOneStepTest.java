package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.effdyn.sim.RandomStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One SGD step in dimension d against the engine, spec generic.md §11(k) check 1 (check_newmodel.py):
 * from a fixed x (drawn, then m and a planted) in d = 1000, n fresh samples each give the exact
 * increment Δu of the 15 statistics (the simulator's own step, restarted from x every time). Then
 * E[Δu]/δ → h(u) (drift with the corrector, §11(c)), with a finite-d bias O(1/d) ≈ 1e-3 far below
 * the Monte Carlo standard error, and d Cov(Δu)/δ → Σ(u) (volatility of the √d-rescaled statistics,
 * §11(e), whose X_R⊥ holds the corrector's fluctuation). Every entry is compared in units of its
 * standard error. The prototype measured max z 1.4 (drift) and 2.3 (volatility) with 2e5 samples.
 */
@Tag("validation")
class GenericOneStepTest {
  static final int D = 1000;
  static final int N = 100_000;

  /** Increments Δu (rows) of N one-step restarts from the same parameters. */
  static double[][] increments(GenericSgdSimulator sim, int n) {
    int p = sim.statisticsLayout().p();
    int k0 = sim.statisticsLayout().k0();
    double[][] x = new double[p][sim.dimension()];
    double[] th = new double[k0];
    sim.exportParameters(x, th);
    int size = sim.layout().size();
    double[] u0 = new double[size];
    sim.statistics(u0);
    double[][] du = new double[n][size];
    for (int i = 0; i < n; i++) {
      sim.importParameters(x, th);
      sim.step();
      sim.statistics(du[i]);
      for (int j = 0; j < size; j++) du[i][j] -= u0[j];
    }
    sim.importParameters(x, th);
    return du;
  }

  @Test
  void meanIncrementIsTheDrift() {
    GenericModel g = TanhNetwork.model();
    // a start off the planted one: R_perp drawn (~1.1^2 I), m and a as in the prototype's one-step check
    GenericStart start = new GenericStart(1.1, new double[][] {{0.5, -0.2}, {-0.3, 0.6}, {0.1, 0.3}}, null,
        new double[] {0.9, -0.7, 0.4});
    GenericSgdSimulator sim = new GenericSgdSimulator(g.law(), g.loss(), g.options(), start, D);
    sim.initialize(RandomStreams.stream(61, 0), Map.of());
    double[] u = new double[sim.layout().size()];
    sim.statistics(u);
    double[] h = new double[u.length];
    new GenericLimit(g.law(), g.loss(), g.options()).drift(u, h);

    long t0 = System.nanoTime();
    double[][] du = increments(sim, N);
    double delta = sim.timePerStep();
    double maxZ = 0, maxDiff = 0, maxH = 0;
    for (int j = 0; j < u.length; j++) {
      double mean = 0, sq = 0;
      for (double[] r : du) mean += r[j] / delta;
      mean /= N;
      for (double[] r : du) sq += (r[j] / delta - mean) * (r[j] / delta - mean);
      double se = Math.sqrt(sq / (N - 1) / N);
      double z = Math.abs(mean - h[j]) / se;
      maxZ = Math.max(maxZ, z);
      maxDiff = Math.max(maxDiff, Math.abs(mean - h[j]));
      maxH = Math.max(maxH, Math.abs(h[j]));
      // 15 coordinates: P(max |z| > 4.5) < 15 * 7e-6 for Gaussian means (n = 1e5: the CLT is accurate)
      assertThat(z).as("%s: MC %.5f vs engine %.5f (s.e. %.1e)", sim.layout().name(j), mean, h[j], se).isLessThan(4.5);
    }
    System.out.printf("generic one step, d=%d, %d samples (%.1f s): drift max|MC - engine| = %.2e, max z = %.2f (|h| max %.2f)%n",
        D, N, (System.nanoTime() - t0) / 1e9, maxDiff, maxZ, maxH);

    // power: the same samples reject the drift without its corrector (c_delta/lambda) E[g g^T] on R_perp.
    // With c_delta = c_theta -> 1e-9 (their ratio, hence h_m and h_theta, unchanged) only the corrector
    // vanishes from h (BGJ time, spec §11(c)).
    GenericOptions o = g.options();
    double[] h0 = new double[u.length];
    GenericLimit noCorrector = new GenericLimit(g.law(), g.loss(), new GenericOptions(1e-9, o.beta(), 1e-9, o.betaTheta(),
        o.time(), o.form(), o.root(), o.quadrature(), o.labelNoisePoints()));
    noCorrector.drift(u, h0);
    double worst = 0;
    for (int j = 0; j < u.length; j++) {
      double mean = 0, sq = 0;
      for (double[] r : du) mean += r[j] / delta;
      mean /= N;
      for (double[] r : du) sq += (r[j] / delta - mean) * (r[j] / delta - mean);
      worst = Math.max(worst, Math.abs(mean - h0[j]) / Math.sqrt(sq / (N - 1) / N));
    }
    System.out.printf("   without the corrector: max z = %.1f%n", worst);
    assertThat(worst).isGreaterThan(10);

    // volatility of the sqrt(d)-rescaled statistics (§11(e)): d Cov(Δu)/δ -> Σ = κ c_δ Cov(X). Error bar of
    // an entry: the standard deviation of the product of the centred increments over sqrt(n)
    int n = u.length;
    double[][] sigma = new double[n][n];
    new GenericLimit(g.law(), g.loss(), g.options()).volatility(u, sigma);
    double[] mean = new double[n];
    for (double[] r : du) for (int j = 0; j < n; j++) mean[j] += r[j] / N;
    double scale = Math.sqrt(D / delta);
    double[][] s1 = new double[n][n], s2 = new double[n][n];
    double[] c = new double[n];
    for (double[] r : du) {
      for (int j = 0; j < n; j++) c[j] = (r[j] - mean[j]) * scale;
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double x = c[i] * c[j];
          s1[i][j] += x;
          s2[i][j] += x * x;
        }
      }
    }
    double vz = 0, vdiff = 0, vmax = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double cov = s1[i][j] / N;
        double se = Math.sqrt((s2[i][j] / N - cov * cov) / N);
        double z = Math.abs(cov - sigma[i][j]) / se;
        vz = Math.max(vz, z);
        vdiff = Math.max(vdiff, Math.abs(cov - sigma[i][j]));
        vmax = Math.max(vmax, Math.abs(sigma[i][j]));
        // 120 entries: P(max |z| > 5) < 120 * 6e-7 for Gaussian estimates (n = 1e5)
        assertThat(z).as("Sigma[%s, %s]: MC %.5f vs engine %.5f (s.e. %.1e)", sim.layout().name(i), sim.layout().name(j),
            cov, sigma[i][j], se).isLessThan(5);
      }
    }
    System.out.printf("   volatility d Cov(Δu)/δ vs Σ: max|MC - engine| = %.2e, max z = %.2f over %d entries (|Σ| max %.2f)%n",
        vdiff, vz, n * (n + 1) / 2, vmax);

    // power: Σ without the corrector's fluctuation in X_R⊥ is c_δ/ε times Σ at c_δ = c_θ = ε (Σ = κ c_δ Cov(X))
    double[][] sigma0 = new double[n][n];
    noCorrector.volatility(u, sigma0);
    double vworst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double cov = s1[i][j] / N;
        double se = Math.sqrt((s2[i][j] / N - cov * cov) / N);
        vworst = Math.max(vworst, Math.abs(cov - sigma0[i][j] * o.cDelta() / 1e-9) / se);
      }
    }
    System.out.printf("   volatility without the corrector term in X_Rperp: max z = %.1f%n", vworst);
    assertThat(vworst).isGreaterThan(10);
  }
}
