package org.effdyn.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * Euler-Maruyama ({@link SdeSolver}): strong order 1/2 on geometric Brownian motion and weak order 1
 * on Ornstein-Uhlenbeck, both against closed forms and with one Brownian path shared by every step
 * size (coarse increments are sums of fine ones); exact single steps; failures.
 */
class SdeSolverTest {
  /** One interval [0, 1]: the step is 1/ceil(1/dt), exactly dt for dt = 2^-k or 1/integer. */
  static final TimeGrid UNIT = new TimeGrid(0, 1, 2);

  /** Scalar SDE dx = f(x) dt + g(x) dW. */
  static Dynamics scalarSde(java.util.function.DoubleUnaryOperator f, java.util.function.DoubleUnaryOperator g) {
    StateLayout layout = StateLayout.scalars("x");
    return new Dynamics() {
      @Override public StateLayout layout() { return layout; }
      @Override public void drift(double[] u, double[] out) { out[0] = f.applyAsDouble(u[0]); }
      @Override public int noiseDimension() { return 1; }
      @Override public void diffusion(double[] u, double[][] b) { b[0][0] = g.applyAsDouble(u[0]); }
    };
  }

  /**
   * Replays a fixed fine Brownian path: each call sums the next {@code per} fine increments. Checks
   * that the solver asks for the expected step, and counts the calls.
   */
  static final class SummedPath implements NoiseSource {
    final double[] fine;
    final int per;
    final double expectedH;
    int next;

    SummedPath(double[] fine, int per, double expectedH) {
      this.fine = fine;
      this.per = per;
      this.expectedH = expectedH;
    }

    @Override
    public void increments(double h, double[] dW) {
      if (h != expectedH) throw new AssertionError("solver step " + h + ", expected " + expectedH);
      double s = 0;
      for (int j = 0; j < per; j++) s += fine[next++];
      dW[0] = s;
    }
  }

  /** Least-squares slope of log y against log x. */
  static double slope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(x[i]) / n;
      my += Math.log(y[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  // ---------------------------------------------------------------- (a) strong order 1/2

  /**
   * GBM dX = mu X dt + sigma X dW, mu = 0.5, sigma = 0.8, X0 = 1, T = 1, exact
   * X_T = exp((mu - sigma^2/2) T + sigma W_T). Per path: 2^12 fine increments from stream(2024, path);
   * EM at dt = 2^-4 .. 2^-8 driven by their sums; E|X_T - X_T^EM| over 2000 paths.
   * Measured: errors 0.144, 0.102, 0.074, 0.052, 0.038, slope 0.482 for this seed (2024); slopes
   * 0.48 .. 0.51 over seeds 1..8 (scatter ~0.01). The band [0.4, 0.6] is the theoretical 1/2 with ~10
   * standard deviations of that scatter; an order-1 scheme (Milstein) or increments not shared across
   * levels (slope ~0) fail it. Runtime ~0.4 s.
   */
  @Test
  void eulerMaruyamaHasStrongOrderOneHalf() {
    double mu = 0.5;
    double sigma = 0.8;
    Dynamics gbm = scalarSde(x -> mu * x, x -> sigma * x);
    int fineSteps = 1 << 12;
    int[] k = {4, 5, 6, 7, 8};
    int paths = 2000;
    double[] dt = new double[k.length];
    for (int l = 0; l < k.length; l++) dt[l] = 1.0 / (1 << k[l]);
    double[] err = new double[k.length];
    double[] fine = new double[fineSteps];
    double sqrtFine = Math.sqrt(1.0 / fineSteps);
    for (int p = 0; p < paths; p++) {
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(2024, p));
      double w = 0;
      for (int i = 0; i < fineSteps; i++) {
        fine[i] = sqrtFine * g.sample();
        w += fine[i];
      }
      double exact = Math.exp((mu - sigma * sigma / 2) + sigma * w);
      for (int l = 0; l < k.length; l++) {
        SummedPath noise = new SummedPath(fine, fineSteps >> k[l], dt[l]);
        Trajectory tr = new SdeSolver(dt[l]).solve(gbm, new double[] {1}, UNIT, noise);
        assertThat(noise.next).as("the whole fine path is used once").isEqualTo(fineSteps);
        err[l] += Math.abs(tr.finalState()[0] - exact) / paths;
      }
    }
    for (int l = 1; l < k.length; l++) assertThat(err[l]).isLessThan(err[l - 1]);
    assertThat(slope(dt, err)).as("strong order, errors %s", java.util.Arrays.toString(err)).isBetween(0.4, 0.6);
  }

  // ---------------------------------------------------------------- (b) weak order 1

  /**
   * OU dX = -theta X dt + s dW, theta = s = 1, X0 = 1, T = 1:
   * E[X_T^2] = X0^2 e^{-2 theta T} + s^2 (1 - e^{-2 theta T}) / (2 theta) = 0.5677.
   * The EM bias in E[X^2] is ~0.16 dt, i.e. 0.004 at dt = 0.025, while sd(X_T^2) = 0.78: a plain
   * mean would need ~10^6 paths to resolve it. Instead each path also carries the exact OU solution
   * driven by the same Brownian path (per fine interval d = 1/40 the pair (dW, int e^{-theta(d-u)} dW_u)
   * is drawn jointly Gaussian, so X_T is exact in law and pathwise coupled to EM), and the weak error is
   * estimated as mean(X_EM^2 - X_T^2), whose expectation is E[X_EM^2] - E[X_T^2] exactly (a control
   * variate with known mean; the test checks that mean against the closed form). For additive noise
   * EM converges pathwise with order 1, so the differences are O(dt) and the standard error is ~3.5%
   * of the error at every level (asserted below 10%: the sampling-error budget). That moves the fitted
   * slope by ~0.02. Measured: errors 0.0335, 0.0153, 0.0073, 0.0035 (bias/dt 0.167 .. 0.141), slope
   * 1.083 for this seed (99); 1.069 .. 1.086 over seeds 1..6 (dt = 0.2 is slightly pre-asymptotic).
   * Band [0.7, 1.3]. 10000 paths, dt = 0.2, 0.1, 0.05, 0.025 (5, 10, 20, 40 steps): runtime ~0.7 s.
   */
  @Test
  void eulerMaruyamaHasWeakOrderOne() {
    double theta = 1;
    double s = 1;
    double x0 = 1;
    Dynamics ou = scalarSde(x -> -theta * x, x -> s);
    int fineSteps = 40;
    double d = 1.0 / fineSteps;
    double[] dt = {0.2, 0.1, 0.05, 0.025};
    int[] per = {8, 4, 2, 1};
    int paths = 10_000;
    // joint law of (dW, I) over one fine interval, I = int_0^d e^{-theta (d - u)} dW_u
    double decay = Math.exp(-theta * d);
    double cov = (1 - Math.exp(-theta * d)) / theta;
    double varI = (1 - Math.exp(-2 * theta * d)) / (2 * theta);
    double a1 = cov / Math.sqrt(d);
    double a2 = Math.sqrt(varI - cov * cov / d);

    double[] sum = new double[dt.length];
    double[] sumSq = new double[dt.length];
    double exactSum = 0;
    double exactSumSq = 0;
    double[] fine = new double[fineSteps];
    for (int p = 0; p < paths; p++) {
      ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(99, p));
      double x = x0;
      for (int i = 0; i < fineSteps; i++) {
        double z1 = g.sample();
        double z2 = g.sample();
        fine[i] = Math.sqrt(d) * z1;
        x = decay * x + s * (a1 * z1 + a2 * z2);
      }
      double exact2 = x * x;
      exactSum += exact2;
      exactSumSq += exact2 * exact2;
      for (int l = 0; l < dt.length; l++) {
        SummedPath noise = new SummedPath(fine, per[l], 1.0 / (fineSteps / per[l]));
        double xh = new SdeSolver(dt[l]).solve(ou, new double[] {x0}, UNIT, noise).finalState()[0];
        assertThat(noise.next).isEqualTo(fineSteps);
        double diff = xh * xh - exact2;
        sum[l] += diff;
        sumSq[l] += diff * diff;
      }
    }
    double closedForm = x0 * x0 * Math.exp(-2 * theta) + s * s / (2 * theta) * (1 - Math.exp(-2 * theta));
    // the control variate has the closed-form mean: within 4 standard errors (false failure ~6e-5)
    double exactMean = exactSum / paths;
    double exactSe = Math.sqrt((exactSumSq / paths - exactMean * exactMean) / paths);
    assertThat(exactMean).isCloseTo(closedForm, within(4 * exactSe));

    double[] err = new double[dt.length];
    for (int l = 0; l < dt.length; l++) {
      err[l] = sum[l] / paths;
      double se = Math.sqrt((sumSq[l] / paths - err[l] * err[l]) / paths);
      assertThat(err[l]).as("EM overestimates E[X^2] here (bias ~ +0.16 dt)").isPositive();
      assertThat(se).as("sampling error budget at dt=%s", dt[l]).isLessThan(0.1 * err[l]);
    }
    assertThat(slope(dt, err)).as("weak order, errors %s", java.util.Arrays.toString(err)).isBetween(0.7, 1.3);
  }

  // ---------------------------------------------------------------- exact steps, step choice

  @Test
  void oneStepWithGivenIncrementsIsExact() {
    // 2-d state, 2 Brownian motions, non-diagonal b: u1 = u0 + h(u0) dt + b(u0) dW
    StateLayout layout = StateLayout.scalars("a", "b");
    Dynamics dyn = new Dynamics() {
      @Override public StateLayout layout() { return layout; }
      @Override public void drift(double[] u, double[] out) {
        out[0] = u[1];
        out[1] = -u[0];
      }
      @Override public int noiseDimension() { return 2; }
      @Override public void diffusion(double[] u, double[][] b) {
        b[0][0] = 1;
        b[0][1] = u[0];
        b[1][0] = 0.5;
        b[1][1] = 2;
      }
    };
    double[] dW = {0.25, -0.5};
    Trajectory tr = new SdeSolver(0.5).solve(dyn, new double[] {1, 2}, new TimeGrid(0, 0.5, 2),
        (h, out) -> System.arraycopy(dW, 0, out, 0, 2));
    // a: 1 + 2*0.5 + (1*0.25 + 1*(-0.5)) = 1.75; b: 2 + (-1)*0.5 + (0.5*0.25 + 2*(-0.5)) = 0.625
    assertThat(tr.finalState()).containsExactly(1.75, 0.625);
    assertThat(tr.stats().evaluations()).isEqualTo(1);
    assertThat(tr.stats().acceptedSteps()).isEqualTo(1);
  }

  @Test
  void stepDividesTheSpacingAndGridTimesAreExact() {
    TimeGrid grid = new TimeGrid(0.1, 1.1, 11); // spacing 0.1
    SdeSolver solver = new SdeSolver(0.03); // ceil(0.1/0.03) = 4 sub-steps of 0.025
    assertThat(solver.substeps(grid)).isEqualTo(4);
    List<Double> hs = new ArrayList<>();
    Trajectory tr = solver.solve(scalarSde(x -> -x, x -> 0.3), new double[] {1}, grid, (h, out) -> {
      hs.add(h);
      out[0] = 0;
    });
    assertThat(hs).hasSize(40).containsOnly(grid.spacing() / 4);
    assertThat(tr.times()).containsExactly(grid.times());
    assertThat(tr.provenance().get("dt")).isEqualTo(grid.spacing() / 4);
    assertThat(tr.stats().acceptedSteps()).isEqualTo(40);
    // dt equal to the spacing (up to round-off) is one sub-step, not two
    assertThat(new SdeSolver(0.1).substeps(grid)).isEqualTo(1);
    // with zero noise it is explicit Euler: x_n = (1 - 0.025)^n
    assertThat(tr.finalState()[0]).isCloseTo(Math.pow(0.975, 40), within(1e-14));
  }

  @Test
  void sameGeneratorGivesTheSamePath() {
    Dynamics ou = scalarSde(x -> -x, x -> 1);
    TimeGrid grid = TimeGrid.of(1, 11);
    Trajectory a = new SdeSolver(0.01).solve(ou, new double[] {0}, grid, RandomStreams.stream(5, 3));
    Trajectory b = new SdeSolver(0.01).solve(ou, new double[] {0}, grid, RandomStreams.stream(5, 3));
    Trajectory c = new SdeSolver(0.01).solve(ou, new double[] {0}, grid, RandomStreams.stream(5, 4));
    assertThat(a.column("x")).containsExactly(b.column("x"));
    assertThat(a.finalState()[0]).isNotEqualTo(c.finalState()[0]);
  }

  // ---------------------------------------------------------------- (c) failures

  /**
   * A clock s' = 1 (no noise) and x with diffusion sqrt(0.45 - s): NaN once a step starts at s > 0.45,
   * i.e. the step from s = 0.5 (steps of 0.1, increments dW = 0.1 given). The failure is reported
   * after that step, at t = 0.6; the clock there is finite, x is NaN.
   */
  @Test
  void nanDiffusionIsReportedWithTime() {
    StateLayout layout = StateLayout.scalars("s", "x");
    Dynamics dyn = new Dynamics() {
      @Override public StateLayout layout() { return layout; }
      @Override public void drift(double[] u, double[] out) {
        out[0] = 1;
        out[1] = 0;
      }
      @Override public int noiseDimension() { return 1; }
      @Override public void diffusion(double[] u, double[][] b) {
        b[0][0] = 0;
        b[1][0] = Math.sqrt(0.45 - u[0]);
      }
    };
    IntegrationException e = catchThrowableOfType(IntegrationException.class,
        () -> new SdeSolver(0.1).solve(dyn, new double[] {0, 0}, TimeGrid.of(1, 11), (h, dW) -> dW[0] = 0.1));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(IntegrationException.Reason.NON_FINITE_STATE);
    assertThat(e.time()).isCloseTo(0.6, within(1e-12));
    assertThat(e.state()[0]).isCloseTo(0.6, within(1e-12));
    assertThat(e.state()[1]).isNaN();
    assertThat(e.stats().acceptedSteps()).isEqualTo(6);
  }

  @Test
  void explosionIsReportedAsBlowUp() {
    // x' = x^2 from 1 (blow-up at t = 1), no noise, dt = 1e-3: Euler passes 1e12 shortly after t = 1
    IntegrationException e = catchThrowableOfType(IntegrationException.class,
        () -> new SdeSolver(1e-3).solve(scalarSde(x -> x * x, x -> 0), new double[] {1}, TimeGrid.of(2, 3),
            (h, dW) -> dW[0] = 0));
    assertThat(e.reason()).isEqualTo(IntegrationException.Reason.BLOW_UP);
    assertThat(e.time()).isBetween(1.0, 2.0);
    assertThat(e.state()[0]).isGreaterThan(1e12);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> new SdeSolver(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sde.dt");
    assertThatThrownBy(() -> new SdeSolver(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sde.dt");
    assertThatThrownBy(() -> new SdeSolver(0.1).solve(scalarSde(x -> x, x -> 1), new double[] {1, 2},
        TimeGrid.of(1, 2), (h, dW) -> dW[0] = 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial state");
  }
}
