package org.effdyn.model.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/** The stable softmax: every access pattern gives the same bits, large logits do not overflow. */
class SoftmaxTest {
  static final double[][] M = {{0.3, -1.2, 700}, {2.5, 0.1, 699}, {-0.4, 0.0, 1.0}};

  @Test
  void accessPatternsAgreeToTheBit() {
    int k = M.length;
    double[] flat = new double[k * k];
    for (int a = 0; a < k; a++) for (int c = 0; c < k; c++) flat[a * k + c] = M[a][c];
    for (int c = 0; c < k; c++) {
      double[] col = new double[k + 2];
      for (int a = 0; a < k; a++) col[a] = M[a][c];
      col[k] = 1e300; // beyond n: ignored
      Softmax.inPlace(col, k);
      double sum = 0;
      for (int a = 0; a < k; a++) {
        assertThat(Softmax.probability(flat, c, k, k, a)).isEqualTo(col[a]);
        assertThat(Softmax.probabilityInColumn(M, c, a)).isEqualTo(col[a]);
        sum += col[a];
      }
      assertThat(col[k]).isEqualTo(1e300);
      assertThat(sum).isCloseTo(1, within(1e-15));
      double lse = Softmax.logSumExpOfColumn(M, c);
      assertThat(Double.isFinite(lse)).isTrue();
      for (int a = 0; a < k; a++) assertThat(Math.exp(M[a][c] - lse)).isCloseTo(col[a], within(1e-12)); // lse ~ 700: ulp 1e-13
    }
  }

  @Test
  void fieldLogSumExpHasTheSoftmaxAsGradient() {
    DSFactory f = new DSFactory(3, 1);
    DerivativeStructure[] v = {f.variable(0, 0.3), f.variable(1, 2.5), f.variable(2, -0.4)};
    DerivativeStructure l = Softmax.logSumExp(v, 2.5);
    double[] p = {0.3, 2.5, -0.4};
    Softmax.inPlace(p);
    assertThat(l.getValue()).isCloseTo(Math.log(Math.exp(0.3) + Math.exp(2.5) + Math.exp(-0.4)), within(1e-15));
    for (int a = 0; a < 3; a++) {
      int[] order = new int[3];
      order[a] = 1;
      assertThat(l.getPartialDerivative(order)).isCloseTo(p[a], within(1e-15));
    }
  }
}
