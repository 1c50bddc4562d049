package org.effdyn.model.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Trajectory;
import org.junit.jupiter.api.Test;

/** The fixed multi-scale model ({@link LazyDiagonal}) and the numbers of (O5) (docs/lazy.md). */
class LazyDiagonalTest {
  static LazyDiagonal ms(double alpha) {
    return LazyDiagonal.multiScale(16, 1, 1, alpha);
  }

  @Test
  void firstOrderSlopeAtT100() {
    // O5: alpha gap / t -> (4 b R0/K)(sum_k psi(a_k^2 t)^2)^{1/2} = 0.05760 at t = 100
    assertThat(LazyOracles.diagonalFirstOrderSlope(ms(1), 100)).isCloseTo(0.05760, within(5e-6));
  }

  @Test
  void odeGapStaysOnTheTOverAlphaLawOverDecades() {
    // O5: alpha gap/t in [0.0575, 0.0580] for t in [6, 1600] at alpha >= 1e4 (full ODE, p = 16);
    // the ODE against the closed form (bound 1e-8 relative at rtol 1e-11)
    LazyDiagonal m = ms(1e4);
    Trajectory tr = m.problem().solve(Flow.FULL, LazySweep.logGrid(6, 1600, 13));
    double[] agt = tr.column("agap_t");
    double[] gap = tr.column("gap");
    for (int i = 1; i < tr.size(); i++) {
      assertThat(agt[i]).isBetween(0.0575, 0.0580);
      double exact = LazyOracles.diagonalGap(m, tr.time(i));
      assertThat(gap[i]).isCloseTo(exact, within(1e-8 * exact));
      // the T^2 bound is far above and grows: bound_chizat/gap increases with t
      if (i > 1) {
        assertThat(tr.column("bound_chizat")[i] / gap[i]).isGreaterThan(tr.column("bound_chizat")[i - 1] / gap[i - 1]);
      }
      assertThat(gap[i]).isLessThanOrEqualTo(tr.column("bound_sharp")[i]);
    }
  }

  @Test
  void localExponentInTIsOne() {
    // O5: local exponent of the gap in t on [8, 4096] at alpha = 1e4: 1.0014 (closed form)
    LazyDiagonal m = ms(1e4);
    double[] t = LazySweep.logGrid(8, 4096, 41);
    double[] g = new double[t.length];
    for (int i = 0; i < t.length; i++) g[i] = LazyOracles.diagonalGap(m, t[i]);
    assertThat(LazySweep.fit(t, g, 8, 4096).slope()).isCloseTo(1.0014, within(1e-3));
  }

  @Test
  void timeToDeviationTableAndExponent() {
    // O5: eps = 2e-3 (relative): 14.694, 48.979, 146.94, 489.87, 1471.6 for alpha = 300 .. 3e4; exponent 1.0003
    double[] alphas = {300, 1e3, 3e3, 1e4, 3e4};
    double[] expected = {14.694, 48.979, 146.94, 489.87, 1471.6};
    double[] te = new double[alphas.length];
    for (int i = 0; i < alphas.length; i++) {
      te[i] = LazyOracles.diagonalTimeToDeviation(ms(alphas[i]), 2e-3, 1e-2, 1e6, 4001);
      assertThat(te[i]).isCloseTo(expected[i], within(expected[i] * 5e-5));
    }
    assertThat(LazySweep.fit(alphas, te, 300, 3e4).slope()).isCloseTo(1.0, within(0.01));
  }

  @Test
  void odeTimeToDeviationMatchesTheClosedForm() {
    // T_eps located by scan + Brent re-solves of the full flow, against the closed form: the ODE gap is
    // good to ~1e-8 relative and gap' / gap ~ 1/t, so T_eps to ~1e-7 relative; bound 1e-6
    double[] scan = LazySweep.logGrid(0.1, 1e4, 401);
    for (double alpha : new double[] {300, 1e3}) {
      LazyDiagonal m = ms(alpha);
      double ode = LazySweep.timeToDeviation(m.problem(), 2e-3, scan, LazyProblem.DEFAULT_OPTIONS);
      double exact = LazyOracles.diagonalTimeToDeviation(m, 2e-3, 1e-2, 1e6, 4001);
      assertThat(ode).isCloseTo(exact, within(exact * 1e-6));
    }
    // not reached by the end of the scan: +inf
    assertThat(LazySweep.timeToDeviation(ms(1e9).problem(), 2e-3, LazySweep.logGrid(0.1, 10, 5),
        LazyProblem.DEFAULT_OPTIONS)).isInfinite();
    // first order, one solve for all alpha: T_eps(alpha) ~ alpha, close to the exact one at large alpha
    double[] fo = LazySweep.timeToDeviationFirstOrder(ms(1).problem(), 2e-3, new double[] {1e3, 1e4}, scan,
        LazyProblem.DEFAULT_OPTIONS);
    // the neglected O(alpha^-2) term is O(t/alpha) ~ 5% of the O(1/alpha) gap at these T_eps; it moves
    // T_eps by 0.25% (measured at both alphas, same t/alpha); bound 0.5%
    assertThat(fo[0]).isCloseTo(48.979, within(48.979 * 0.005));
    assertThat(fo[1]).isCloseTo(489.87, within(489.87 * 0.005));
  }

  @Test
  void badInput() {
    assertThatThrownBy(() -> ModelRegistry.get("lazy-diagonal").create(Map.of("K", 0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("params.K").hasMessageContaining("0");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-diagonal").create(Map.of("alpha", -1))).hasMessageContaining("params.alpha");
    assertThatThrownBy(() -> ModelRegistry.get("lazy-diagonal").create(Map.of("R0", 0))).hasMessageContaining("params.R0");
    assertThat(((LazyDiagonal) ModelRegistry.get("lazy-diagonal").create(Map.of())).a()).hasSize(16);
  }
}
