package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DmfProblemTest {

  static DmfProblem problem(double[] rho, double[][] nu, double alpha) {
    return new DmfProblem(rho, nu, alpha, Perceptron.softplusSquare(), new Algorithm.Gd(0.5), 10);
  }

  @Test
  void acceptsReferenceConfiguration() {
    DmfProblem p = problem(new double[] {0.5, 0.5}, DmfProblem.referenceNu(), 2);
    assertThat(p.gamma()).isEqualTo(0.5);
    assertThat(p.classes()).isEqualTo(2);
    assertThat(p.coefficients().iterations()).isEqualTo(10);
  }

  @Test
  void namesFieldAndValue() {
    double[] rho = {0.5, 0.5};
    double[][] nu = DmfProblem.referenceNu();
    assertThatThrownBy(() -> problem(rho, nu, 0)).hasMessageContaining("alpha")
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> problem(rho, nu, -2)).hasMessageContaining("alpha")
        .hasMessageContaining("-2.0");
    assertThatThrownBy(() -> problem(new double[] {0.5, 0.6}, nu, 2))
        .hasMessageContaining("rho: must sum to 1").hasMessageContaining("1.1");
    assertThatThrownBy(() -> problem(new double[] {1.2, -0.2}, nu, 2))
        .hasMessageContaining("rho[0]").hasMessageContaining("1.2");
    double[][] bad = {{1, 2, 0}, {2, 1, 0}, {0, 0, 0.01}};   // eigenvalues 3, -1, 0.01
    assertThatThrownBy(() -> problem(rho, bad, 2)).hasMessageContaining("positive semidefinite")
        .hasMessageContaining("smallest eigenvalue -0.99");
    double[][] asym = {{1, 0.1, 0}, {0.2, 1, 0}, {0, 0, 0.01}};
    assertThatThrownBy(() -> problem(rho, asym, 2)).hasMessageContaining("symmetric")
        .hasMessageContaining("nu(1,0)");
    assertThatThrownBy(() -> problem(rho, new double[2][2], 2)).hasMessageContaining("nu must be 3 x 3");
    assertThatThrownBy(() -> new DmfProblem(rho, nu, 2,
        new Perceptron(Perceptron.Kind.SOFTPLUS_SQ, new double[] {0, 1, 2}), new Algorithm.Gd(0.5), 5))
        .hasMessageContaining("targets");
    assertThatThrownBy(() -> new Perceptron(Perceptron.Kind.LOGISTIC, new double[] {0, 1}))
        .hasMessageContaining("targets[0]");
    assertThatThrownBy(() -> Perceptron.Kind.of("hinge")).hasMessageContaining("'hinge'");
  }

  @Test
  void omegaIsTheDerivativeOfTheLossAndDomegaItsDerivative() {
    double h = 1e-5;
    for (Perceptron.Kind k : new Perceptron.Kind[] {Perceptron.Kind.SOFTPLUS_SQ,
        Perceptron.Kind.LINEAR_SQ, Perceptron.Kind.LOGISTIC, Perceptron.Kind.RELU_SQ}) {
      Perceptron m = new Perceptron(k, k == Perceptron.Kind.LOGISTIC ? new double[] {-1, 1}
          : new double[] {0.3, 1});
      for (double p : new double[] {-3, -0.7, 0.4, 2.5, 30}) {
        for (int y = 0; y < 2; y++) {
          double fd = (m.loss(p + h, y) - m.loss(p - h, y)) / (2 * h);
          double fd2 = (m.omega(p + h, y) - m.omega(p - h, y)) / (2 * h);
          // central differences: error O(h^2) = 1e-10 times third derivatives of order 1
          assertThat(m.omega(p, y)).as(k + " p=" + p).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-7));
          assertThat(m.domega(p, y)).as(k + " p=" + p).isCloseTo(fd2, org.assertj.core.data.Offset.offset(1e-7));
        }
      }
    }
    assertThat(Perceptron.softplusSquare().threshold()).isCloseTo(-0.432752,
        org.assertj.core.data.Offset.offset(1e-6));
  }
}
