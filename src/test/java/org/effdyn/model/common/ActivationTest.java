package org.effdyn.model.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The activation family: spellings, the three evaluation routes against each other, the scalar helpers. */
class ActivationTest {
  @Test
  void spellingsAndParsing() {
    for (Activation a : Activation.values()) {
      assertThat(a.key()).isEqualTo(a.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(a).hasToString(a.key());
      assertThat(Activation.parse("params.activation", " " + a.key().toUpperCase(java.util.Locale.ROOT))).isEqualTo(a);
    }
    assertThatThrownBy(() -> Activation.parse("params.activation", "gelu"))
        .hasMessage("params.activation: must be one of erf, tanh, relu, sigmoid, linear; got 'gelu'");
    Set<Activation> lazy = Set.of(Activation.SIGMOID, Activation.TANH);
    assertThat(Activation.parse("params.activation", "Sigmoid", lazy)).isEqualTo(Activation.SIGMOID);
    assertThatThrownBy(() -> Activation.parse("params.activation", "relu", lazy))
        .hasMessage("params.activation: must be one of tanh, sigmoid; got 'relu'");
    assertThatThrownBy(() -> Activation.parse("params.activation", null, lazy))
        .hasMessage("params.activation: must be one of tanh, sigmoid; got 'null'");
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void doubleFieldAndAllocationFreeRoutesAgree(Activation a) {
    DSFactory f = new DSFactory(1, 1);
    for (double z = -4; z <= 4; z += 0.37) {
      DerivativeStructure s = a.apply(f.variable(0, z));
      assertThat(s.getValue()).isCloseTo(a.value(z), within(1e-15));
      assertThat(a.valueNoAlloc(z)).isCloseTo(a.value(z), within(2e-15));
      assertThat(a.derivative(z)).isCloseTo(s.getPartialDerivative(1), within(1e-14));
      assertThat(a.derivative(z, a.value(z))).isCloseTo(a.derivative(z), within(1e-15));
    }
    if (a != Activation.ERF) {
      for (double z = -4; z <= 4; z += 0.37) assertThat(a.valueNoAlloc(z)).isEqualTo(a.value(z));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"TANH", "SIGMOID"})
  void tanhVariableFormsMatchTheFunction(Activation a) {
    double h = 1e-5;
    for (double z = -3; z <= 3; z += 0.29) {
      double t = a.tanhVariable(z);
      assertThat(a.valueOfTanh(t)).isCloseTo(a.value(z), within(1e-15));
      assertThat(a.derivativeOfTanh(t)).isCloseTo(a.derivative(z), within(1e-15));
      double d2 = (a.derivative(z + h) - a.derivative(z - h)) / (2 * h);
      assertThat(a.secondDerivativeOfTanh(t)).isCloseTo(d2, within(1e-9));
      assertThat(Math.abs(a.derivativeOfTanh(t))).isLessThanOrEqualTo(a.derivativeBound());
      assertThat(Math.abs(a.secondDerivativeOfTanh(t))).isLessThanOrEqualTo(a.secondDerivativeBound() + 1e-15);
      double alpha = 1e6, zeta = 0.7;
      double inc = a.scaledIncrementOfTanh(t, a.tanhVariable(z + zeta / alpha), zeta, alpha);
      assertThat(inc).isCloseTo(zeta * a.derivative(z), within(1e-6));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"ERF", "RELU", "LINEAR"})
  void onlyTanhAndSigmoidHaveTanhForms(Activation a) {
    assertThat(a.hasTanhForm()).isFalse();
    assertThatThrownBy(() -> a.tanhVariable(0.1)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining(a.key());
  }

  @Test
  void allocationFreeErfMatchesHipparchus() {
    for (double x = -7; x <= 7; x += 0.001) {
      assertThat(Activation.erf(x)).as("erf(%s)", x).isCloseTo(org.hipparchus.special.Erf.erf(x), within(2e-15));
    }
    assertThat(Activation.erf(0)).isEqualTo(0);
  }

  @Test
  void sigmoidsAndSoftplus() {
    for (double z = -40; z <= 40; z += 0.5) {
      assertThat(Activation.stableSigmoid(z)).isCloseTo(Activation.sigmoid(z), within(1e-16));
      assertThat(Activation.softplus(z)).isCloseTo(Math.log1p(Math.exp(z)), within(1e-14));
      DerivativeStructure s = Activation.softplus(new DSFactory(1, 1).variable(0, z));
      assertThat(s.getValue()).isCloseTo(Activation.softplus(z), within(1e-15));
      assertThat(s.getPartialDerivative(1)).isCloseTo(Activation.sigmoid(z), within(1e-15));
    }
    assertThat(Activation.softplus(800)).isEqualTo(800);
    assertThat(Activation.stableSigmoid(-800)).isZero();
    assertThat(Activation.fastTanh(0.3)).isCloseTo(Math.tanh(0.3), within(1e-16));
    assertThat(Activation.tanhc(1e-4)).isCloseTo(Math.tanh(1e-4) / 1e-4, within(1e-16));
  }
}
