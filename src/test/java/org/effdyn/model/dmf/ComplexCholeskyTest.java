package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.RandomStreams;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class ComplexCholeskyTest {
  /** Real SPD input: the ordinary Cholesky factor (Hipparchus Lᵀ), imaginary parts 0. */
  @Test
  void realInputGivesTheRealFactor() {
    int n = 6;
    double[][] v = spd(n, RandomStreams.stream(5, 0));
    ComplexMatrix cv = new ComplexMatrix(n, n), a = new ComplexMatrix(n, n);
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cv.set(i, j, v[i][j], 0);
    ComplexCholesky.factor(cv, a, n);
    double[][] lt = new CholeskyDecomposition(MatrixUtils.createRealMatrix(v)).getLT().getData();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(a.re(i, j)).isCloseTo(lt[i][j], within(1e-13));
        assertThat(a.im(i, j)).isEqualTo(0.0);
      }
    }
  }

  /**
   * Complex symmetric input V = XᵀX (X complex, unconjugated): AᵀA reproduces V to round-off,
   * A is upper, pivots have positive real part (principal roots), and solveUpper inverts A.
   */
  @Test
  void complexSymmetricFactorReproducesV() {
    int n = 5, k = 9;
    UniformRandomProvider r = RandomStreams.stream(6, 0);
    ComplexMatrix x = new ComplexMatrix(k, n);
    for (int i = 0; i < k; i++) for (int j = 0; j < n; j++) x.set(i, j, r.nextDouble() - 0.5, r.nextDouble() - 0.5);
    ComplexMatrix v = new ComplexMatrix(n, n), a = new ComplexMatrix(n, n), ata = new ComplexMatrix(n, n);
    v.setTransposeTimes(x, x);
    ComplexCholesky.factor(v, a, n);
    ata.setTransposeTimes(a, a);
    assertThat(ata.maxDistance(v)).isLessThan(1e-13);
    for (int i = 0; i < n; i++) {
      assertThat(a.re(i, i)).isGreaterThan(0);
      for (int j = 0; j < i; j++) assertThat(Math.hypot(a.re(i, j), a.im(i, j))).isEqualTo(0.0);
    }
    double[] br = new double[n], bi = new double[n];
    for (int i = 0; i < n; i++) { br[i] = i + 1; bi[i] = -i; }
    double[] xr = br.clone(), xi = bi.clone();
    ComplexCholesky.solveUpper(a, n, xr, xi);
    for (int i = 0; i < n; i++) {
      double sr = 0, si = 0;
      for (int j = 0; j < n; j++) {
        sr += a.re(i, j) * xr[j] - a.im(i, j) * xi[j];
        si += a.re(i, j) * xi[j] + a.im(i, j) * xr[j];
      }
      assertThat(sr).isCloseTo(br[i], within(1e-12));
      assertThat(si).isCloseTo(bi[i], within(1e-12));
    }
  }

  @Test
  void principalSquareRoot() {
    double[][] cases = {{4, 0, 2, 0}, {-4, 0, 0, 2}, {0, 2, 1, 1}, {-3, -4, 1, -2}, {0, 0, 0, 0}};
    for (double[] c : cases) {
      assertThat(ComplexCholesky.sqrtRe(c[0], c[1])).isCloseTo(c[2], within(1e-15));
      assertThat(ComplexCholesky.sqrtIm(c[0], c[1])).isCloseTo(c[3], within(1e-15));
    }
  }

  static double[][] spd(int n, UniformRandomProvider r) {
    double[][] x = new double[n + 3][n];
    for (double[] row : x) for (int j = 0; j < n; j++) row[j] = r.nextDouble() - 0.5;
    double[][] v = new double[n][n];
    for (double[] row : x) for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) v[i][j] += row[i] * row[j];
    return v;
  }
}
