package org.effdyn.gauss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/**
 * {@link CovarianceRoot}: eigenvalues against Hipparchus, L L^T = S (also for singular S), and the
 * input checks. Tolerances: 1e-12 max(1, ‖S‖_max); Jacobi and Hipparchus's QL each err by about
 * 1e-16 ‖S‖ times a small multiple of r (measured worst: 1.1e-15 for the eigenvalues, 4.4e-15 for
 * L L^T - S, r <= 10).
 */
class CovarianceRootTest {

  static double maxAbs(double[][] s) {
    double m = 0;
    for (double[] row : s) {
      for (double x : row) {
        m = Math.max(m, Math.abs(x));
      }
    }
    return m;
  }

  static void assertRootOf(double[][] l, double[][] s) {
    int r = s.length;
    double tol = 1e-12 * Math.max(1, maxAbs(s));
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        double x = 0;
        for (int k = 0; k < r; k++) {
          x += l[i][k] * l[j][k];
        }
        assertThat(x).as("(L L^T)[%d][%d]", i, j).isCloseTo(s[i][j], within(tol));
      }
    }
  }

  static double[] hipparchusEigenvalues(double[][] s) {
    double[] w = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(s)).getEigenvalues();
    Arrays.sort(w);
    return w;
  }

  @Test
  void eigenvaluesAgreeWithHipparchusOnRandomCovariances() {
    for (int r = 1; r <= 10; r++) {
      CovarianceRoot root = new CovarianceRoot(r);
      double[][] l = new double[r][r];
      for (long seed = 1; seed <= 5; seed++) {
        double[][] s = Fixtures.covariance(r, seed);
        root.compute(s, "S", l);
        double[] expected = hipparchusEigenvalues(s);
        double tol = 1e-12 * Math.max(1, expected[r - 1]);
        assertThat(root.eigenvalues()).containsExactly(expected, within(tol));
        for (int k = 0; k < r; k++) {
          assertThat(root.eigenvalue(k)).isEqualTo(root.eigenvalues()[k]);
        }
        assertRootOf(l, s);
      }
    }
  }

  @Test
  void eigenvaluesAgreeWithHipparchusOnRandomSymmetricMatrices() {
    // N(0,1) entries: mostly indefinite. Indefinite input is rejected, but the eigenvalues of the
    // rejected matrix stay readable
    int rejected = 0;
    for (int r = 1; r <= 10; r++) {
      CovarianceRoot root = new CovarianceRoot(r);
      double[][] l = new double[r][r];
      for (long seed = 1; seed <= 5; seed++) {
        double[][] s = Fixtures.symmetric(r, seed);
        double[] expected = hipparchusEigenvalues(s);
        try {
          root.compute(s, "S", l);
          assertThat(expected[0]).isGreaterThanOrEqualTo(-1e-10 * Math.max(1, expected[r - 1]));
        } catch (IllegalArgumentException e) {
          rejected++;
          assertThat(expected[0]).isNegative();
        }
        double tol = 1e-12 * Math.max(1, Math.max(-expected[0], expected[r - 1]));
        assertThat(root.eigenvalues()).containsExactly(expected, within(tol));
      }
    }
    assertThat(rejected).isGreaterThan(30);
  }

  @Test
  void singularCovariancesRankOneAndZero() {
    int r = 4;
    double[] v = {0.3, -1.2, 0.0, 2.5};
    double[][] rank1 = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        rank1[i][j] = v[i] * v[j];
      }
    }
    CovarianceRoot root = new CovarianceRoot(r);
    double[][] l = new double[r][r];
    root.compute(rank1, "R_perp", l);
    double norm2 = 0.09 + 1.44 + 6.25;
    double[] w = root.eigenvalues();
    assertThat(w[r - 1]).isCloseTo(norm2, within(1e-12 * norm2));
    for (int k = 0; k < r - 1; k++) {
      assertThat(w[k]).isCloseTo(0, within(1e-12 * norm2)); // rounding, possibly slightly negative
    }
    assertRootOf(l, rank1);

    double[][] zero = new double[r][r];
    root.compute(zero, "R_perp", l);
    assertThat(root.eigenvalues()).containsOnly(0.0);
    for (double[] row : l) {
      assertThat(row).containsOnly(0.0);
    }
  }

  @Test
  void smallNegativeRoundingIsClampedLargerIsRejected() {
    // eigenvalues 1 and -5e-11: within -1e-10 max(1, 1), accepted, and L drops the negative part:
    // L = v v^T with v = (1, 1)/sqrt 2, the symmetric root of the clamped matrix
    double e = -5e-11;
    double[][] s = {{(1 + e) / 2, (1 - e) / 2}, {(1 - e) / 2, (1 + e) / 2}};
    CovarianceRoot root = new CovarianceRoot(2);
    double[][] l = new double[2][2];
    root.compute(s, "S", l);
    assertThat(root.eigenvalue(0)).isCloseTo(e, within(1e-16));
    for (double[] row : l) assertThat(row).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
    // the same relative size on a matrix of scale 1e4 is still accepted (tolerance scales with |w|max)
    double[][] big = {{1e4 * (1 + e) / 2, 1e4 * (1 - e) / 2}, {1e4 * (1 - e) / 2, 1e4 * (1 + e) / 2}};
    root.compute(big, "S", l);
    double[][] bad = {{(1 - 1e-9) / 2, (1 + 1e-9) / 2}, {(1 + 1e-9) / 2, (1 - 1e-9) / 2}};
    assertThatThrownBy(() -> root.compute(bad, "S", l)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonPsdMessageNamesTheMatrixTheEigenvalueAndTheRows() {
    double[][] s = {{1, 2}, {2, 1}}; // eigenvalues -1, 3
    CovarianceRoot root = new CovarianceRoot(2);
    assertThatThrownBy(() -> root.compute(s, "R_perp", new double[2][2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("R_perp must be positive semidefinite")
        .hasMessageContaining("eigenvalue " + root.eigenvalue(0))
        .hasMessageContaining("R_perp = [[1.0, 2.0], [2.0, 1.0]]");
    assertThat(root.eigenvalue(0)).isCloseTo(-1, within(1e-15));
  }

  @Test
  void rejectsWrongSizeNonFiniteAndAsymmetricInput() {
    CovarianceRoot root = new CovarianceRoot(2);
    double[][] l = new double[2][2];
    assertThatThrownBy(() -> root.compute(new double[3][3], "S", l))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S must be 2 x 2, got 3 rows");
    assertThatThrownBy(() -> root.compute(new double[][] {{1, 0}, {0}}, "S", l))
        .hasMessageContaining("S must be 2 x 2, got 2 rows of lengths [2, 1]");
    assertThatThrownBy(() -> root.compute(null, "S", l)).hasMessageContaining("S must be 2 x 2, got null");
    assertThatThrownBy(() -> root.compute(new double[2][2], "S", new double[2][3]))
        .hasMessageContaining("the output l for S must be 2 x 2");
    assertThatThrownBy(() -> root.compute(new double[][] {{1, 0}, {0, Double.NaN}}, "S", l))
        .hasMessage("S[1][1] must be finite, got NaN");
    assertThatThrownBy(() -> root.compute(new double[][] {{1, Double.POSITIVE_INFINITY}, {0, 1}}, "S", l))
        .hasMessage("S[0][1] must be finite, got Infinity");
    assertThatThrownBy(() -> root.compute(new double[][] {{1, 0.5}, {0.4, 1}}, "S", l))
        .hasMessageContaining("S must be symmetric").hasMessageContaining("S[0][1] = 0.5");
    // failed computes leave no stale eigenvalues
    assertThat(root.eigenvalues()).containsOnly(Double.NaN);
    // asymmetry within 1e-10 max(1, |s|max) is rounding: accepted and symmetrized
    root.compute(new double[][] {{2, 1 + 1e-11}, {1, 2}}, "S", l);
    assertThat(root.eigenvalues()).containsExactly(new double[] {1, 3}, within(1e-10));
    assertThatThrownBy(() -> new CovarianceRoot(0)).hasMessage("dim: must be >= 1, got 0");
  }

  @Test
  void leavesTheInputAloneAndAllowsTheOutputToAliasIt() {
    double[][] s = Fixtures.covariance(5, 3);
    double[][] copy = new double[5][];
    for (int i = 0; i < 5; i++) {
      copy[i] = s[i].clone();
    }
    CovarianceRoot root = new CovarianceRoot(5);
    double[][] l = new double[5][5];
    root.compute(s, "S", l);
    assertThat(s).isDeepEqualTo(copy);
    root.compute(s, "S", s); // in place
    assertThat(s).isDeepEqualTo(l);
  }

  @Test
  void computeIsAllocationFree() {
    int r = 6;
    double[][] s = Fixtures.covariance(r, 9);
    double[][] l = new double[r][r];
    CovarianceRoot root = new CovarianceRoot(r);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20_000; i++) { // JIT warm-up
      root.compute(s, "S", l);
    }
    long before = mx.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 2000; i++) {
      root.compute(s, "S", l);
    }
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    // < 1 byte per call: nothing is allocated (a single stray allocation is at least 16 bytes)
    assertThat(allocated).as("bytes allocated over 2000 calls").isLessThan(2000);
  }

  /**
   * The root is the symmetric S^{1/2}, a continuous function of S: along S(t) = diag(1 + t, 1 - t)
   * rotated by a fixed angle, whose eigenvalues cross at t = 0 (where an eigenvector-ordered root
   * would jump), consecutive roots 1e-4 apart in t differ by O(1e-4).
   */
  @Test
  void rootIsSymmetricAndContinuousThroughAnEigenvalueCrossing() {
    CovarianceRoot root = new CovarianceRoot(2);
    double c = Math.cos(0.3), sn = Math.sin(0.3);
    double[][] prev = null;
    for (int i = -50; i <= 50; i++) {
      double t = i * 1e-4;
      double a = 1 + t, b = 1 - t;
      double[][] s = {{c * c * a + sn * sn * b, c * sn * (a - b)}, {c * sn * (a - b), sn * sn * a + c * c * b}};
      double[][] l = new double[2][2];
      root.compute(s, "S", l);
      org.assertj.core.api.Assertions.assertThat(l[0][1]).isEqualTo(l[1][0]);
      for (int x = 0; x < 2; x++) for (int y = 0; y < 2; y++) {
        double ll = l[x][0] * l[0][y] + l[x][1] * l[1][y];
        org.assertj.core.api.Assertions.assertThat(ll).isCloseTo(s[x][y], org.assertj.core.data.Offset.offset(1e-13));
        if (prev != null) {
          org.assertj.core.api.Assertions.assertThat(Math.abs(l[x][y] - prev[x][y])).isLessThan(2e-4);
        }
      }
      prev = l;
    }
  }
}
