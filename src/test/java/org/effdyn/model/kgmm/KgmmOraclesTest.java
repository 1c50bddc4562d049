package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/** The λ = ∞ fixed point, its Jacobian spectrum, and the gradient structure of the k-GMM (docs/kgmm.md). */
class KgmmOraclesTest {
  @Test
  void fixedPointDiagonalMatchesReferenceNumbers() {
    // 6 decimals, from an independent solution of m_bb = (p_b/beta)(1 - q_b)
    assertThat(KgmmOracles.diagonal(3, 1.0 / 3, 0.1)).isCloseTo(1.013837, within(5e-7));
    assertThat(KgmmOracles.diagonal(5, 1.0 / 5, 0.05)).isCloseTo(1.509554, within(5e-7));
    assertThat(KgmmOracles.diagonal(10, 1.0 / 10, 0.01)).isCloseTo(2.819037, within(5e-7));
  }

  @Test
  void fixedPointHasZeroDriftAndTheClosedFormJacobianSpectrum() {
    double[][] expected = {{-0.205822, -0.150692, -0.1}, {-0.108742, -0.068869, -0.05}, {-0.032493, -0.013132, -0.01}};
    int[] ks = {3, 5, 10};
    double[] betas = {0.1, 0.05, 0.01};
    for (int i = 0; i < 3; i++) {
      int k = ks[i];
      Kgmm g = new Kgmm(k, Double.POSITIVE_INFINITY, betas[i], 1);
      double[][] m = KgmmOracles.fixedPoint(g);
      double[] u = new double[g.layout().size()];
      g.layout().setMatrix("m", m, u);
      KgmmInfinite h = new KgmmInfinite(g);
      double[] f = new double[u.length];
      h.drift(u, f);
      for (double v : f) assertThat(v).isCloseTo(0, within(1e-13));
      // eigenvalues of the m-block from the analytic Jacobian, with multiplicities k, k(k-2), k
      double[][] jac = new double[u.length][u.length];
      h.jacobian(u, jac);
      double[][] mBlock = new double[k * k][k * k];
      for (int r = 0; r < k * k; r++) mBlock[r] = Arrays.copyOf(jac[r], k * k);
      Complex[] ev = new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(mBlock)).getEigenvalues();
      double[] re = Arrays.stream(ev).mapToDouble(c -> {
        assertThat(Math.abs(c.getImaginary())).isLessThan(1e-10);
        return c.getReal();
      }).sorted().toArray();
      double[] formula = KgmmOracles.jacobianEigenvalues(k, betas[i]);
      assertThat(formula).containsExactly(expected[i], within(5e-7));
      int[] mult = {k, k * (k - 2), k};
      int at = 0;
      for (int j = 0; j < 3; j++) {
        for (int n = 0; n < mult[j]; n++) assertThat(re[at++]).as("k=%d eigenvalue %d", k, at).isCloseTo(formula[j], within(1e-9));
      }
      // R_perp block: -2 beta
      assertThat(jac[k * k][k * k]).isEqualTo(-2 * betas[i]);
    }
  }

  @Test
  void flowFromTheInitialLawReachesTheUniqueFixedPoint() {
    Kgmm g = new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1);
    double[] u0 = new double[g.layout().size()];
    g.initialLaw(Regime.BALLISTIC).sample(null, u0);
    // slowest rate is beta = 0.1: e^{-0.1 * 300} ~ 1e-13
    Trajectory t = OdeSolver.defaults().solve(g.limit(Regime.BALLISTIC), u0, TimeGrid.of(300, 3));
    double[][] m = g.layout().matrix("m", t.finalState());
    double[][] fp = KgmmOracles.fixedPoint(g);
    for (int a = 0; a < 3; a++) assertThat(m[a]).containsExactly(fp[a], within(1e-8));
  }

  @Test
  void energyDecreasesAlongTheFlow() {
    Kgmm g = new Kgmm(4, new double[] {0.1, 0.2, 0.3, 0.4}, null, Double.POSITIVE_INFINITY, 0.05, 1, 4096);
    double[] u0 = new double[g.layout().size()];
    g.initialLaw(Regime.BALLISTIC).sample(null, u0);
    Trajectory t = OdeSolver.defaults().solve(g.limit(Regime.BALLISTIC), u0, TimeGrid.of(50, 51));
    double prev = Double.POSITIVE_INFINITY;
    for (int i = 0; i < t.size(); i++) {
      double h = KgmmOracles.energy(g, g.layout().matrix("m", t.state(i)));
      assertThat(h).isLessThanOrEqualTo(prev + 1e-12);
      prev = h;
    }
  }
}
