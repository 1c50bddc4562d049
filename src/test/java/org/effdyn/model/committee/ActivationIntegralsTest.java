package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.effdyn.model.common.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closed forms of the committee integrals I2, I3, I4, J2 (docs/committee.md) against Monte Carlo:
 * 400 000 draws, tolerance 5 standard errors (each check
 * fails falsely with probability ~6e-7; the standard error is estimated from the same draws).
 */
class ActivationIntegralsTest {
  static final int N = 400_000;

  @Test
  void erfOracles() {
    // I2(q,q,q) = (2/pi) arcsin(q/(1+q)); q = 1 gives 1/3 = E erf(z/sqrt2)^2
    assertThat(ActivationIntegrals.i2(Activation.ERF, 1, 1, 1)).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(ActivationIntegrals.i2(Activation.ERF, 0.5, 0.5, 0.5)).isCloseTo(2 / Math.PI * Math.asin(0.5 / 1.5), within(1e-15));
    assertThat(Activation.ERF.valueNoAlloc(1.3)).isCloseTo(org.hipparchus.special.Erf.erf(1.3 / Math.sqrt(2)), within(1e-15));
    // E g'(z)^2 at unit variance: (2/pi)/sqrt(3)
    assertThat(ActivationIntegrals.j2(Activation.ERF, 1, 1, 1)).isCloseTo(2 / Math.PI / Math.sqrt(3), within(1e-15));
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"ERF", "RELU", "LINEAR"})
  void closedFormsMatchMonteCarlo(Activation act) {
    for (long seed = 1; seed <= 2; seed++) {
      double[][] c = MonteCarlo.randomCovariance(4, seed);
      boolean i4 = ActivationIntegrals.hasClosedFormI4(act);
      double[][] mc = MonteCarlo.estimate(c, 4, N, 10 + seed, (z, out) -> {
        out[0] = act.valueNoAlloc(z[0]) * act.valueNoAlloc(z[1]);
        out[1] = act.derivative(z[0]) * z[1] * act.valueNoAlloc(z[2]);
        out[2] = i4 ? act.derivative(z[0]) * act.derivative(z[1]) * act.valueNoAlloc(z[2]) * act.valueNoAlloc(z[3]) : 0;
        out[3] = act.derivative(z[0]) * act.derivative(z[1]);
      });
      double[] exact = {
          ActivationIntegrals.i2(act, c[0][0], c[0][1], c[1][1]),
          ActivationIntegrals.i3(act, c[0][0], c[0][1], c[0][2], c[1][2], c[2][2]),
          i4 ? ActivationIntegrals.i4(act, c[0][0], c[0][1], c[1][1], c[0][2], c[0][3], c[1][2], c[1][3], c[2][2], c[2][3], c[3][3]) : 0,
          ActivationIntegrals.j2(act, c[0][0], c[0][1], c[1][1])};
      for (int j = 0; j < 4; j++) {
        assertThat(exact[j]).as("%s integral %d seed %d", act, j, seed).isCloseTo(mc[0][j], within(5 * mc[1][j] + 1e-12));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"ERF", "RELU", "LINEAR"})
  void repeatedArgumentsI3iijAndI4iijj(Activation act) {
    // I3(i,i,j) = E[g'(a) a g(c)] and I4(i,i,j,j) = E[g'(a)^2 g(c)^2]: C with repeated rows
    double[][] c2 = MonteCarlo.randomCovariance(2, 5);
    double a = c2[0][0], ac = c2[0][1], cc = c2[1][1];
    double[][] mc = MonteCarlo.estimate(c2, 2, N, 17, (z, out) -> {
      out[0] = act.derivative(z[0]) * z[0] * act.valueNoAlloc(z[1]);
      out[1] = act.derivative(z[0]) * act.derivative(z[0]) * act.valueNoAlloc(z[1]) * act.valueNoAlloc(z[1]);
    });
    assertThat(ActivationIntegrals.i3(act, a, a, ac, ac, cc)).isCloseTo(mc[0][0], within(5 * mc[1][0]));
    if (ActivationIntegrals.hasClosedFormI4(act)) {
      assertThat(ActivationIntegrals.i4(act, a, a, a, ac, ac, ac, ac, cc, cc, cc)).isCloseTo(mc[0][1], within(5 * mc[1][1]));
    } else {
      assertThatThrownBy(() -> ActivationIntegrals.i4(act, a, a, a, ac, ac, ac, ac, cc, cc, cc)).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void linearIsTheCovariance() {
    assertThat(ActivationIntegrals.i2(Activation.LINEAR, 2, 0.3, 1)).isEqualTo(0.3);
    assertThat(ActivationIntegrals.i3(Activation.LINEAR, 2, 0.3, 0.4, 0.7, 1)).isEqualTo(0.7);
    assertThat(ActivationIntegrals.i4(Activation.LINEAR, 2, 0.3, 1, 0.1, 0.2, 0.3, 0.4, 1, 0.9, 1)).isEqualTo(0.9);
    assertThat(ActivationIntegrals.j2(Activation.LINEAR, 2, 0.3, 1)).isEqualTo(1);
  }

  @Test
  void reluSimpleCases() {
    // independent unit args: E[a+ b+] = 1/(2 pi); equal args: E[(a+)^2] = C11/2; E[1{a>0}1{b>0}] = 1/4
    assertThat(ActivationIntegrals.i2(Activation.RELU, 1, 0, 1)).isCloseTo(1 / (2 * Math.PI), within(1e-15));
    assertThat(ActivationIntegrals.i2(Activation.RELU, 2, 2, 2)).isCloseTo(1, within(1e-15));
    assertThat(ActivationIntegrals.j2(Activation.RELU, 1, 0, 1)).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void parse() {
    assertThat(ActivationIntegrals.parse("ReLU")).isEqualTo(Activation.RELU);
    assertThatThrownBy(() -> ActivationIntegrals.parse("tanh")).hasMessage("params.activation: must be one of erf, relu, linear; got 'tanh'");
  }
}
