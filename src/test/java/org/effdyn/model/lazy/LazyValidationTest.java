package org.effdyn.model.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Finite α against the linearized flow (the limit α → ∞) for the network of {@link LazyTwoLayer} at its
 * defaults (n = 20, d = 3, m = 40, tanh, centred, teacher; EffDyn's own data draw): the gap
 * shrinks like 1/α (exponent −1 ± 0.02 at t = 1, 10, 100) and α·gap approaches the first-order
 * prediction |r1| with an error that shrinks like 1/α.
 */
@Tag("validation")
class LazyValidationTest {
  @Test
  void networkGapShrinksLikeOneOverAlphaAndMatchesTheFirstOrderCorrection() {
    double[] alphas = {1e3, 1e4, 1e5};
    double[] times = {0, 1, 10, 100};
    LazySweep.AlphaSweep s = LazySweep.alphaSweep(LazyTwoLayer.defaults(1e3), alphas, times, LazyProblem.DEFAULT_OPTIONS);
    for (int j = 1; j < times.length; j++) {
      LazySweep.ExponentFit f = s.alphaExponents().get(j);
      double[] corr = new double[alphas.length];
      StringBuilder row = new StringBuilder(String.format("t=%5g |r1|=%.6f", times[j], s.r1()[j]));
      for (int i = 0; i < alphas.length; i++) {
        double ag = alphas[i] * s.gap()[i][j];
        corr[i] = Math.abs(ag - s.r1()[j]);
        row.append(String.format("  alpha=%.0e: alpha*gap=%.6f", alphas[i], ag));
      }
      LazySweep.ExponentFit fc = LazySweep.fit(alphas, corr, 1e3, 1e5);
      System.out.println(row + String.format("  gap ~ alpha^%.5f (se %.1e); |alpha*gap - |r1|| ~ alpha^%.3f",
          f.slope(), f.stderr(), fc.slope()));
      // measured -0.99980, -0.99876, -0.99775 at t = 1, 10, 100
      assertThat(f.slope()).isCloseTo(-1.0, within(0.02));
      // second-order remainder: exponent -1; 0.1 covers O(1/alpha) curvature and the solver error of
      // alpha*gap at alpha = 1e5 (~1e-4 relative at rtol 1e-11)
      assertThat(fc.slope()).isCloseTo(-1.0, within(0.1));
      assertThat(alphas[2] * s.gap()[2][j]).isCloseTo(s.r1()[j], within(1e-2 * s.r1()[j]));
    }
  }
}
