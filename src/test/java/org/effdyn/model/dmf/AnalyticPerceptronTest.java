package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnalyticPerceptronTest {
  static final Perceptron[] MODELS = {Perceptron.softplusSquare(), Perceptron.linearSquare(),
      new Perceptron(Perceptron.Kind.LOGISTIC, new double[] {-1, 1})};

  /** On the real axis the continuation is the real model, with imaginary part 0. */
  @Test
  void realAxisReproducesThePerceptron() {
    double[] out = new double[2];
    for (Perceptron m : MODELS) {
      AnalyticPerceptron a = AnalyticPerceptron.of(m);
      for (double p = -30; p <= 30; p += 0.37) {
        for (int y = 0; y < 2; y++) {
          a.omega(p, 0, y, out);
          assertThat(out[0]).isCloseTo(m.omega(p, y), within(1e-14 * (1 + Math.abs(p))));
          assertThat(out[1]).isEqualTo(0.0);
          a.loss(p, 0, y, out);
          assertThat(out[0]).isCloseTo(m.loss(p, y), within(1e-13 * (1 + p * p)));
        }
      }
    }
  }

  /**
   * Analyticity: the complex-step derivative Im ω(p + ih)/h equals ω'(p) (error O(h²), no
   * cancellation), so the continuation is holomorphic near the real axis and agrees with the
   * model's own ω'.
   */
  @Test
  void complexStepDerivativeIsOmegaPrime() {
    double[] out = new double[2];
    double h = 1e-20;
    for (Perceptron m : MODELS) {
      AnalyticPerceptron a = AnalyticPerceptron.of(m);
      for (double p = -8; p <= 8; p += 0.29) {
        for (int y = 0; y < 2; y++) {
          a.omega(p, h, y, out);
          assertThat(out[1] / h).isCloseTo(m.domega(p, y), within(1e-13));
        }
      }
    }
  }

  /** Cauchy–Riemann at a generic complex point (central differences, error ~1e-9). */
  @Test
  void cauchyRiemannOffTheAxis() {
    double[] a = new double[2], b = new double[2], c = new double[2], d = new double[2];
    double h = 1e-5;
    AnalyticPerceptron sp = AnalyticPerceptron.of(Perceptron.softplusSquare());
    for (double[] p : new double[][] {{0.3, 0.7}, {-1.2, 2.1}, {2.5, -1.4}, {-0.1, -0.4}}) {
      sp.omega(p[0] + h, p[1], 1, a);
      sp.omega(p[0] - h, p[1], 1, b);
      sp.omega(p[0], p[1] + h, 1, c);
      sp.omega(p[0], p[1] - h, 1, d);
      // du/dx = dv/dy, du/dy = -dv/dx
      assertThat((a[0] - b[0]) / (2 * h)).isCloseTo((c[1] - d[1]) / (2 * h), within(1e-8));
      assertThat((c[0] - d[0]) / (2 * h)).isCloseTo(-(a[1] - b[1]) / (2 * h), within(1e-8));
    }
  }
}
