package org.effdyn.model.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.effdyn.core.RandomStreams;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

class LanczosTest {
  static SymmetricOperator dense(double[][] a) {
    return new SymmetricOperator() {
      @Override public int dimension() { return a.length; }
      @Override public void apply(double[] x, double[] y) {
        for (int i = 0; i < a.length; i++) {
          double s = 0;
          for (int j = 0; j < a.length; j++) s += a[i][j] * x[j];
          y[i] = s;
        }
      }
    };
  }

  /** A random symmetric matrix Q diag(d) Qᵀ with a prescribed spectrum (Q from a dense eigen-decomposition). */
  static double[][] withSpectrum(double[] d, long seed) {
    int n = d.length;
    var rng = RandomStreams.stream(seed, 0);
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) g[i][j] = g[j][i] = rng.nextDouble() - 0.5;
    var q = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(g)).getV();
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
      double s = 0;
      for (int l = 0; l < n; l++) s += q.getEntry(i, l) * d[l] * q.getEntry(j, l);
      a[i][j] = s;
    }
    return a;
  }

  @Test
  void topEigenpairsOfAKnownSpectrumWithARepeatedAndANegativeOutlier() {
    int n = 200;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = 0.5 * i / n; // bulk in [0, 0.5)
    d[0] = 3; // ×2
    d[1] = 3;
    d[2] = -2;
    d[3] = 1.5;
    double[][] a = withSpectrum(d, 1);
    Lanczos.Eigenpairs e = Lanczos.top(dense(a), 4, 1e-10, RandomStreams.stream(2, 0));
    assertThat(e.values()[0]).isCloseTo(3, offset(1e-8));
    assertThat(e.values()[1]).isCloseTo(3, offset(1e-8));
    assertThat(e.values()[2]).isCloseTo(-2, offset(1e-8));
    assertThat(e.values()[3]).isCloseTo(1.5, offset(1e-8));
    // eigenvector residuals |A y - θ y| and orthonormality, measured directly
    double[] y = new double[n];
    for (int i = 0; i < 4; i++) {
      dense(a).apply(e.vectors()[i], y);
      double r = 0;
      for (int t = 0; t < n; t++) r += Math.pow(y[t] - e.values()[i] * e.vectors()[i][t], 2);
      assertThat(Math.sqrt(r)).isLessThan(1e-8);
      for (int j = 0; j < 4; j++) {
        double dot = 0;
        for (int t = 0; t < n; t++) dot += e.vectors()[i][t] * e.vectors()[j][t];
        assertThat(dot).isCloseTo(i == j ? 1 : 0, offset(1e-9));
      }
    }
  }

  @Test
  void agreesWithDenseDecompositionOnARandomMatrix() {
    int n = 120;
    var rng = RandomStreams.stream(3, 0);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) a[i][j] = a[j][i] = rng.nextDouble() - 0.5;
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a)).getEigenvalues();
    double[] abs = java.util.Arrays.stream(ev).map(Math::abs).sorted().toArray();
    Lanczos.Eigenpairs e = Lanczos.top(dense(a), 5, 1e-10, RandomStreams.stream(4, 0));
    for (int i = 0; i < 5; i++) assertThat(Math.abs(e.values()[i])).isCloseTo(abs[n - 1 - i], offset(1e-8));
  }

  @Test
  void alignmentAndEpsilonStar() {
    int n = 50;
    double[] d = new double[n];
    d[0] = 4;
    d[1] = -1;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) a[i][i] = d[i];
    double[] e1 = new double[n];
    e1[0] = 1;
    double[] v = new double[n];
    v[0] = 3;
    v[1] = 4;
    assertThat(Alignment.rho(v, new double[][] {e1})).isCloseTo(0.6, offset(1e-15));
    // A = diag(4, -1, 0, ...), B = span(e1): P_{B⊥}A = diag(0, -1, 0..) so ε* = 1/4
    assertThat(Alignment.epsilonStar(dense(a), new double[][] {e1}, 1e-10, RandomStreams.stream(5, 0)))
        .isCloseTo(0.25, offset(1e-8));
    assertThat(Alignment.gapWarning(new double[] {3, 3, 1}, 1, 1e-6)).contains("eigen-gap warning");
    assertThat(Alignment.gapWarning(new double[] {3, 3, 1}, 2, 1e-6)).isNull();
  }

  @Test
  void badInput() {
    double[][] a = {{1, 0}, {0, 2}};
    assertThatThrownBy(() -> Lanczos.top(dense(a), 3, 1e-8, RandomStreams.stream(1, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k (eigen count)");
    assertThatThrownBy(() -> Lanczos.top(dense(a), 0, 1e-8, RandomStreams.stream(1, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
  }
}
