package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.solve.Ensemble;
import org.effdyn.solve.EnsembleSummary;
import org.effdyn.solve.SdeSolver;
import org.junit.jupiter.api.Test;

class PcaDiffusiveTest {
  @Test
  void matrixDriftAndVolatilityAreTheCorrectedBbpForm() {
    // d mtilde = 4 mtilde (lambda - r2) dt + sqrt(8 c r2) dB, d r2 = -8 r2 (r2 - c) dt (docs/pca.md)
    double lambda = 1.5, c = 0.7;
    PcaDiffusive h = new PcaDiffusive(SpikedPca.matrix(lambda, c));
    double[] u = {2.0, 0.4}, f = new double[2];
    double[][] b = new double[2][1];
    h.drift(u, f);
    h.diffusion(u, b);
    assertThat(f[0]).isCloseTo(4 * 2.0 * (lambda - 0.4), within(1e-14));
    assertThat(f[1]).isCloseTo(-8 * 0.4 * (0.4 - c), within(1e-14)); // not the printed (u2^2 - 1)
    assertThat(b[0][0]).isCloseTo(Math.sqrt(8 * c * 0.4), within(1e-14));
    assertThat(b[1][0]).isZero();
  }

  @Test
  void tensorSignalTermVanishesAtInfiniteN() {
    double[] u = {3.0, 1.0}, inf = new double[2], fin = new double[2];
    new PcaDiffusive(new SpikedPca(3, 2, 1)).drift(u, inf);
    new PcaDiffusive(new SpikedPca(3, 2, 1, 100)).drift(u, fin);
    assertThat(inf[0]).isCloseTo(-6 * 3.0, within(1e-14));
    assertThat(fin[0]).isCloseTo(6 * 2 * 0.1 * 9 - 6 * 3.0, within(1e-13)); // 2k lambda N^{-1/2} mt^2
  }

  /**
   * Below threshold the stationary variance of mtilde is c^2/(c - lambda) (the OU process
   * d mtilde = 4(lambda - c) mtilde dt + sqrt(8) c dB at r2 = c). 16000 paths
   * from the diffusive initial law to T = 2.5 (variance relaxes at rate 8(c - lambda) >= 2, e^{-5} left
   * of the initial offset at worst, < 0.007 of the target). Euler-Maruyama inflates an OU variance by
   * 1/(1 - a dt/2) = 1.001 at a = 2, dt = 1e-3. Standard error of the sample variance: V sqrt(2/16000)
   * = 0.011 V; tolerance 4.5 s.e. = 0.05 V.
   */
  @Test
  void ornsteinUhlenbeckStationaryVarianceBelowThreshold() {
    for (double[] lc : new double[][] {{0.5, 1.0}, {0.25, 0.5}}) {
      SpikedPca p = SpikedPca.matrix(lc[0], lc[1]);
      TimeGrid grid = TimeGrid.of(2.5, 2);
      SdeSolver em = new SdeSolver(1e-3);
      EnsembleSummary s = new Ensemble(16000, 5, 2).run((i, rng) -> {
        double[] u0 = new double[2];
        p.initialLaw(Regime.DIFFUSIVE).sample(rng, u0);
        u0[1] = lc[1]; // start r2 at its fixed point c_delta so the OU form holds from t = 0
        return em.solve(p.limit(Regime.DIFFUSIVE), u0, grid, rng);
      }, null).summary();
      double target = PcaOracles.stationaryVariance(lc[0], lc[1]);
      double v = Math.pow(s.std(1, "mtilde"), 2);
      assertThat(v).as("lambda=%s c=%s", lc[0], lc[1]).isCloseTo(target, within(0.05 * target));
    }
  }

  /**
   * Above threshold |mtilde| grows like e^{4(lambda - c)t}; reaching sqrt(N) takes
   * log(N)/(8(lambda - c)) + O(1), so between N and N' the mean escape time moves by
   * log(N'/N)/(8(lambda - c)). Paths share their noise across the two levels, so the
   * difference is nearly deterministic; tolerance 2% of the predicted 1.1513.
   */
  @Test
  void escapeTimeScalesLikeLogNOverEightGap() {
    double lambda = 2, c = 1, n1 = 1e4, n2 = 1e6;
    SpikedPca p = SpikedPca.matrix(lambda, c);
    TimeGrid grid = TimeGrid.of(5, 5001);
    double[] diffs = new double[400];
    Ensemble.Result r = new Ensemble(diffs.length, 9, 2).run((i, rng) -> {
      double[] u0 = new double[2];
      p.initialLaw(Regime.DIFFUSIVE).sample(rng, u0);
      u0[1] = c;
      return new SdeSolver(1e-3).solve(p.limit(Regime.DIFFUSIVE), u0, grid, rng);
    }, null);
    double sum = 0;
    for (var t : r.trajectories()) {
      double[] mt = t.column("mtilde");
      sum += firstPassage(t.times(), mt, Math.sqrt(n2)) - firstPassage(t.times(), mt, Math.sqrt(n1));
    }
    double mean = sum / r.trajectories().size();
    double predicted = Math.log(n2 / n1) / (8 * (lambda - c));
    assertThat(mean).isCloseTo(predicted, within(0.02 * predicted));
    assertThat(PcaOracles.escapeTime(lambda, c, n2) - PcaOracles.escapeTime(lambda, c, n1)).isCloseTo(predicted, within(1e-12));
  }

  /** First grid time with |x| >= level, linearly interpolated in log|x|. */
  static double firstPassage(double[] t, double[] x, double level) {
    for (int i = 1; i < t.length; i++) {
      if (Math.abs(x[i]) >= level) {
        double a = Math.log(Math.abs(x[i - 1])), b = Math.log(Math.abs(x[i])), l = Math.log(level);
        return t[i - 1] + (t[i] - t[i - 1]) * (l - a) / (b - a);
      }
    }
    throw new AssertionError("level " + level + " not reached by t = " + t[t.length - 1]);
  }
}
