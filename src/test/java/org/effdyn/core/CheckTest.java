package org.effdyn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** {@link Check}: every check rejects NaN and names the field and the value. */
class CheckTest {

  @Test
  void positiveFinite() {
    assertThat(Check.positiveFinite("c_delta", 0.5)).isEqualTo(0.5);
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Check.positiveFinite("c_delta", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("c_delta: must be > 0 and finite, got " + bad);
    }
  }

  @Test
  void nonNegativeFinite() {
    assertThat(Check.nonNegativeFinite("beta", 0)).isZero();
    for (double bad : new double[] {-1e-300, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Check.nonNegativeFinite("beta", bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta").hasMessageContaining("" + bad);
    }
  }

  @Test
  void positiveOrInfiniteAllowsInfinity() {
    assertThat(Check.positiveOrInfinite("lambda", Double.POSITIVE_INFINITY)).isInfinite();
    assertThatThrownBy(() -> Check.positiveOrInfinite("lambda", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
    assertThatThrownBy(() -> Check.positiveOrInfinite("lambda", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
  }

  @Test
  void finiteAtLeastArrays() {
    assertThatThrownBy(() -> Check.finite("x", Double.NEGATIVE_INFINITY)).hasMessageContaining("x: must be finite");
    assertThat(Check.atLeast("K", 2, 2)).isEqualTo(2);
    assertThatThrownBy(() -> Check.atLeast("K", 1, 2)).hasMessage("K: must be >= 2, got 1");
    assertThatThrownBy(() -> Check.allFinite("u0", new double[] {1, Double.NaN}))
        .hasMessage("u0[1]: must be finite, got NaN");
    assertThatThrownBy(() -> Check.length("u0", new double[2], 3)).hasMessageContaining("length 3, got 2");
    assertThatThrownBy(() -> Check.length("u0", null, 3)).hasMessageContaining("got null");
  }

  private enum Shape { SPHERE, HALF_SPACE }

  @Test
  void choiceReadsCardSpellingsAndListsThemAll() {
    assertThat(Check.choice("params.shape", " Half-Space ", Shape.class)).isEqualTo(Shape.HALF_SPACE);
    assertThat(Check.key(Shape.HALF_SPACE)).isEqualTo("half-space");
    assertThatThrownBy(() -> Check.choice("params.shape", "cube", Shape.class))
        .hasMessage("params.shape: must be one of sphere, half-space; got 'cube'");
    assertThatThrownBy(() -> Check.choice("params.shape", null, Shape.class)).hasMessageContaining("got 'null'");
  }

  @Test
  void failuresCarryFieldValueAndReason() {
    ParameterException e = catchThrowableOfType(ParameterException.class, () -> Check.positiveFinite("lambda", -1));
    assertThat(e.field()).isEqualTo("lambda");
    assertThat(e.value()).isEqualTo(-1.0);
    assertThat(e.reason()).isEqualTo("must be > 0 and finite, got -1.0");
    assertThat(e).hasMessage("lambda: must be > 0 and finite, got -1.0");
    ParameterException a = catchThrowableOfType(ParameterException.class,
        () -> Check.allFinite("probs", new double[] {0.5, Double.NaN}));
    assertThat(a.field()).isEqualTo("probs[1]");
    assertThat(a.name()).isEqualTo("probs");
    assertThat(ParameterException.name("spectrum.units")).isEqualTo("spectrum");
    ParameterException c = catchThrowableOfType(ParameterException.class, () -> Check.choice("params.shape", "cube", Shape.class));
    assertThat(c.field()).isEqualTo("params.shape");
    assertThat(c.value()).isEqualTo("cube");
  }
}
