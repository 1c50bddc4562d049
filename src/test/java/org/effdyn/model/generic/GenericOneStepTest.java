package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.effdyn.core.RandomStreams;
import org.effdyn.model.common.Activation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One SGD step in dimension d against the engine (docs/generic.md, "SGD against the engine"):
 * from a fixed x, n fresh samples each give the exact increment Δu of the statistics (the simulator's
 * own step, restarted from x every time). With Δt the time per step,
 * <ul>
 *   <li>E[Δu]/Δt → h(u), the drift with its corrector ({@link GenericLimit}); the finite-d bias O(1/d) is
 *       far below the Monte Carlo standard error;</li>
 *   <li>d Cov(Δu)/Δt → Σ(u), the volatility of the √d-rescaled statistics
 *       ({@link GenericLimit#volatility}), whose X_R⊥ holds the corrector's fluctuation.</li>
 * </ul>
 * Every entry is compared in units of its standard error (for a covariance entry: the standard deviation
 * of the product of the centred increments over √n). Measured (tanh network, 1e5 samples): max z 1.35
 * (drift) and 2.80 (volatility); without the corrector 59 and 29.
 */
@Tag("validation")
class GenericOneStepTest {
  static final int N = 100_000;

  /** Increments Δu (rows) of n one-step restarts from the simulator's current parameters. */
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

  /** Monte Carlo moments of the increments: mean/Δt with its s.e., d Cov/Δt with its s.e. */
  record Moments(double[] mean, double[] meanSe, double[][] cov, double[][] covSe) {
    static Moments of(double[][] du, double dt, int d) {
      int n = du[0].length;
      int len = du.length;
      double[] mean = new double[n], se = new double[n];
      for (double[] r : du) for (int j = 0; j < n; j++) mean[j] += r[j] / dt / len;
      for (double[] r : du) {
        for (int j = 0; j < n; j++) se[j] += (r[j] / dt - mean[j]) * (r[j] / dt - mean[j]);
      }
      for (int j = 0; j < n; j++) se[j] = Math.sqrt(se[j] / (len - 1) / len);
      double scale = Math.sqrt(d / dt);
      double[][] s1 = new double[n][n], s2 = new double[n][n];
      double[] c = new double[n];
      for (double[] r : du) {
        for (int j = 0; j < n; j++) c[j] = (r[j] - mean[j] * dt) * scale;
        for (int i = 0; i < n; i++) {
          for (int j = i; j < n; j++) {
            double x = c[i] * c[j];
            s1[i][j] += x;
            s2[i][j] += x * x;
          }
        }
      }
      double[][] cse = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          s1[i][j] /= len;
          cse[i][j] = Math.sqrt((s2[i][j] / len - s1[i][j] * s1[i][j]) / len);
        }
      }
      return new Moments(mean, se, s1, cse);
    }

    /** Largest |mean − h|/s.e. over the coordinates. */
    double driftZ(double[] h) {
      double z = 0;
      for (int j = 0; j < h.length; j++) z = Math.max(z, Math.abs(mean[j] - h[j]) / meanSe[j]);
      return z;
    }

    /** Largest |cov − factor Σ|/s.e. over the upper triangle. */
    double volatilityZ(double[][] sigma, double factor) {
      double z = 0;
      for (int i = 0; i < sigma.length; i++) {
        for (int j = i; j < sigma.length; j++) z = Math.max(z, Math.abs(cov[i][j] - factor * sigma[i][j]) / covSe[i][j]);
      }
      return z;
    }

    double driftDiff(double[] h) {
      double m = 0;
      for (int j = 0; j < h.length; j++) m = Math.max(m, Math.abs(mean[j] - h[j]));
      return m;
    }

    double volatilityDiff(double[][] sigma) {
      double m = 0;
      for (int i = 0; i < sigma.length; i++) for (int j = i; j < sigma.length; j++) m = Math.max(m, Math.abs(cov[i][j] - sigma[i][j]));
      return m;
    }
  }

  /** One-step increments from a drawn-and-planted x in dimension d against the engine's h and Σ at u(x). */
  static void check(String name, AnchoredMixture law, MultiIndexLoss loss, GenericOptions options, GenericStart start,
      int d, long seed) {
    GenericSgdSimulator sim = new GenericSgdSimulator(law, loss, options, start, d);
    sim.initialize(RandomStreams.stream(seed, 0), Map.of());
    double[] u = new double[sim.layout().size()];
    sim.statistics(u);
    int n = u.length;
    GenericLimit limit = new GenericLimit(law, loss, options);
    double[] h = new double[n];
    limit.drift(u, h);
    double[][] sigma = new double[n][n];
    limit.volatility(u, sigma);

    long t0 = System.nanoTime();
    Moments mc = Moments.of(increments(sim, N), sim.timePerStep(), d);
    double zh = mc.driftZ(h);
    double zs = mc.volatilityZ(sigma, 1);
    System.out.printf("generic one step, %s, d=%d, %d samples (%.1f s): drift max|MC - engine| = %.2e, max z = %.2f over %d;"
        + " volatility max|MC - engine| = %.2e, max z = %.2f over %d entries%n", name, d, N, (System.nanoTime() - t0) / 1e9,
        mc.driftDiff(h), zh, n, mc.volatilityDiff(sigma), zs, n * (n + 1) / 2);
    // n <= 15 means: P(max |z| > 4.5) < 15 * 7e-6; <= 120 covariance entries: P(max |z| > 5) < 120 * 6e-7
    // (Gaussian estimates; n = 1e5 samples make the CLT accurate)
    assertThat(zh).as("drift max z").isLessThan(4.5);
    assertThat(zs).as("volatility max z").isLessThan(5);

    // power: the same samples reject the engine without its corrector. At c_delta = eps -> 0 with c_theta/c_delta
    // kept, only the corrector (c_delta/lambda) E[g g^T] leaves h/kappa; kappa is 1 (BGJ) or c_delta
    // (teacher-student), so ts h(eps), ts = kappa/kappa(eps), is h without the corrector; and as
    // Σ = kappa c_delta Cov(X), ts (c_delta/eps) Σ(eps) is Σ without the corrector term in X_R⊥.
    double eps = 1e-9;
    GenericOptions o0 = new GenericOptions(eps, options.beta(), eps * options.cTheta() / options.cDelta(), options.betaTheta(),
        options.time(), options.form(), options.root(), options.quadrature(), options.labelNoisePoints());
    GenericLimit noCorrector = new GenericLimit(law, loss, o0);
    double ts = options.time() == GenericOptions.TimeConvention.TEACHER_STUDENT ? options.cDelta() / eps : 1;
    double[] h0 = new double[n];
    noCorrector.drift(u, h0);
    for (int j = 0; j < n; j++) h0[j] *= ts;
    double[][] s0 = new double[n][n];
    noCorrector.volatility(u, s0);
    double z0h = mc.driftZ(h0);
    double z0s = mc.volatilityZ(s0, ts * options.cDelta() / eps);
    System.out.printf("   without the corrector: drift max z = %.1f, volatility max z = %.1f%n", z0h, z0s);
    assertThat(z0h).isGreaterThan(10);
    assertThat(z0s).isGreaterThan(10);
  }

  /** The tanh network of {@link TanhNetwork} at d = 1000 from a drawn R⊥ (~1.1² I) and planted m and a. */
  @Test
  void tanhNetwork() {
    GenericStart start = new GenericStart(1.1, new double[][] {{0.5, -0.2}, {-0.3, 0.6}, {0.1, 0.3}}, null,
        new double[] {0.9, -0.7, 0.4});
    check("tanh network", TanhNetwork.law(), TanhNetwork.loss(), TanhNetwork.options(), start, 1000, 61);
  }

  /**
   * Teacher–student (the soft committee machine): K = 2 erf students with a trained head, M = 2 erf
   * teachers with T = [[1, 0.3], [0.3, 1]] and v* = (1, −0.5), label noise σ_0 = 0.3, η = η_v = 0.5, time t = steps/d
   * (κ = c_δ). Exercises label anchors (the label reads t), label noise ζ and the time convention.
   */
  @Test
  void teacherStudentWithLabelNoise() {
    AnchoredMixture law = AnchoredMixture.teacherStudent(new double[][] {{1, 0.3}, {0.3, 1}},
        LabelModel.teacher(new double[] {1, -0.5}, Activation.ERF::value, 0.3));
    MultiIndexLoss loss = NetworkLoss.twoLayer(2, Activation.ERF, OutputLoss.SQUARED, null);
    GenericOptions options = GenericOptions.of(0.5, 0).withTime(GenericOptions.TimeConvention.TEACHER_STUDENT)
        .withQuadrature(Quadrature.gaussHermite(12));
    GenericStart start = new GenericStart(0.8, new double[][] {{0.4, 0.1}, {-0.2, 0.5}}, null, new double[] {0.8, 1.2});
    check("teacher-student erf K=M=2, sigma0=0.3", law, loss, options, start, 500, 62);
  }
}
