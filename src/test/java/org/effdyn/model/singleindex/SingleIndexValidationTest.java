package org.effdyn.model.singleindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SgdRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spherical SGD against the ballistic ODE ({@link SingleIndexBallistic}, with the δ² normalization term): planted
 * m(0), the ODE started from the measured m(x_0), sup-over-time |m_SGD - m_ODE| averaged over seeds.
 * Theory: error ~ N^{-1/2}.
 */
@Tag("validation")
class SingleIndexValidationTest {
  static double[] supErrors(SingleIndex model, int[] ns, int seeds, double m0, double horizon) {
    TimeGrid grid = TimeGrid.of(horizon, 61);
    double[] err = new double[ns.length];
    for (int a = 0; a < ns.length; a++) {
      int n = ns[a];
      int da = a;
      double[] sups = IntStream.range(0, seeds).parallel().mapToDouble(seed -> {
        Trajectory sgd = SgdRecorder.record(model.simulator(n, Regime.BALLISTIC), grid,
            RandomStreams.stream(81, da, seed), Map.of("m", m0));
        Trajectory ode = OdeSolver.defaults().solve(model.limit(Regime.BALLISTIC), sgd.state(0), grid);
        double sup = 0;
        for (int i = 0; i < grid.samples(); i++) sup = Math.max(sup, Math.abs(sgd.state(i)[0] - ode.state(i)[0]));
        return sup;
      }).toArray();
      err[a] = Arrays.stream(sups).sum() / seeds;
    }
    return err;
  }

  static double slope(int[] ns, double[] err) {
    double mx = 0, my = 0;
    for (int i = 0; i < ns.length; i++) {
      mx += Math.log(ns[i]) / ns.length;
      my += Math.log(err[i]) / ns.length;
    }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < ns.length; i++) {
      double dx = Math.log(ns[i]) - mx;
      sxy += dx * (Math.log(err[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  /**
   * Online PCA, λ = 2, δ = 0.5, m(0) = 0.3, T = 6 (an independent NumPy simulation of this setting
   * gave 0.059 / 0.027 / 0.013 at N = 500 / 2000 / 8000). Also: SGD settles at the
   * fixed point m* = 0.7071 of the corrected ODE, not at m = 1 where the ODE without the δ² term
   * (the heuristic of Jagannath's 2024 lecture notes) would go.
   */
  @Test
  void onlinePcaFollowsTheBallisticOde() {
    int[] ns = {500, 2000, 8000};
    SingleIndex model = SingleIndex.onlinePca(2, 0.5);
    double[] err = supErrors(model, ns, 4, 0.3, 6);
    double s = slope(ns, err);
    System.out.printf("single-index pca lambda=2 delta=0.5: sup errors %s, slope %.3f%n", Arrays.toString(err), s);
    assertThat(err[1]).isLessThan(err[0]);
    assertThat(err[2]).isLessThan(err[1]);
    // theory -1/2; band as for the other models' validation (measured spread over seeds)
    assertThat(s).isBetween(-0.75, -0.3);
    // the same order as the independent implementation's single-seed errors (within a factor 2)
    assertThat(err[2]).isBetween(0.013 / 2, 0.013 * 2);
    // endpoint: SGD at N = 8000 near m* = 0.7071 (fluctuation ~ 1/√N times O(1)); the uncorrected ODE's m = 1 is far
    Trajectory t = SgdRecorder.record(model.simulator(8000, Regime.BALLISTIC), TimeGrid.of(6, 7),
        RandomStreams.stream(82, 0), Map.of("m", 0.3));
    double end = t.state(6)[0];
    assertThat(Math.abs(end - SingleIndexOracles.onlinePcaFixedPoint(2, 0.5))).isLessThan(0.04);
    assertThat(1 - end).isGreaterThan(0.2);
  }

  /**
   * Binary GMM (h = 0.5, exponent 1) at N = 500 and 2000, and the relu GLM (exponent 1, C_ε = 0.1)
   * at N = 500, 2000 and 8000 (measured 0.030 / 0.021 / 0.012, slope -0.34: the 2000 point sits high
   * in its seed scatter, so the GLM uses three N).
   */
  @Test
  void gmmAndGlmFollowTheBallisticOde() {
    int[] ns = {500, 2000};
    double[] gmm = supErrors(SingleIndex.binaryGmm(0.5, 0.5), ns, 4, 0.1, 4);
    int[] nsGlm = {500, 2000, 8000};
    double[] glm = supErrors(SingleIndex.glm(Link.RELU, Link.RELU, 0.1, 0.5), nsGlm, 4, 0.2, 4);
    System.out.printf("single-index gmm h=0.5: %s slope %.3f; glm relu: %s slope %.3f%n", Arrays.toString(gmm),
        slope(ns, gmm), Arrays.toString(glm), slope(nsGlm, glm));
    // theory -1/2; with 4 seeds the slope scatters (measured -0.57 and -0.34): band [-0.9, -0.25]
    assertThat(gmm[1]).isLessThan(gmm[0]);
    assertThat(slope(ns, gmm)).isBetween(-0.9, -0.25);
    assertThat(glm[2]).isLessThan(glm[1]);
    assertThat(glm[1]).isLessThan(glm[0]);
    assertThat(slope(nsGlm, glm)).isBetween(-0.9, -0.25);
  }
}
