package org.effdyn.model.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.kgmm.KgmmOracles;
import org.effdyn.sim.RandomStreams;
import org.junit.jupiter.api.Test;

/** Oracles of spec §6 for the k-GMM at the λ = ∞ fixed point, k = 3, β = 0.1. */
class KgmmSpectrumTest {
  static final Kgmm MODEL = new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1.0);

  @Test
  void populationOutliersAtTheFixedPoint() {
    double[][] m = KgmmOracles.fixedPoint(MODEL);
    double[] h = KgmmSpectrum.populationOutliers(m, MODEL.p(), 0, true);
    double[] g = KgmmSpectrum.populationOutliers(m, MODEL.p(), 0, false);
    // spec/issue oracles (6 digits)
    assertThat(h[0]).isCloseTo(0.070548, offset(1e-6));
    assertThat(h[1]).isCloseTo(0.042983, offset(3e-6));
    assertThat(h[2]).isCloseTo(0.042983, offset(3e-6));
    assertThat(g[0]).isCloseTo(0.030836, offset(5e-6));
    assertThat(g[1]).isCloseTo(0.007709, offset(1e-6));
    assertThat(g[2]).isCloseTo(0.007709, offset(1e-6));
  }

  /**
   * Empirical test blocks at d = 1000, M̃ = 2d, x at the fixed point (x^c = Σ_b m_cb μ_b), λ = 1e6:
   * Lanczos top-3 of Hess_00 and Ĝ_00 against the population outliers. The empirical values differ by
   * the class frequencies n_l/M̃ (relative s.e. √((1 - p)/(p M̃)) = 3.2%) and O(1/λ); tolerance 4 s.e.
   * The top eigenvector is μ_0, so ρ(x^0, E_1) = m_00/|x^0| = √((k-1)/k).
   */
  @Test
  void empiricalBlocksMatchThePopulationAndAlignment() {
    int d = 1000;
    int k = 3;
    double[][] m = KgmmOracles.fixedPoint(MODEL);
    double[][] x = new double[k][d];
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) x[a][b] = m[a][b];
    KgmmSpectrum.TestSet test = KgmmSpectrum.TestSet.draw(k, MODEL.p(), 1e6, d, 2 * d, RandomStreams.stream(7, 0));
    for (boolean hess : new boolean[] {true, false}) {
      double[] pop = KgmmSpectrum.populationOutliers(m, MODEL.p(), 0, hess);
      Lanczos.Eigenpairs e = Lanczos.top(KgmmSpectrum.empiricalBlock(x, test, 0, 0, hess), 4, 1e-9, RandomStreams.stream(8, 0));
      double[] sorted = {e.values()[0], e.values()[1], e.values()[2]};
      java.util.Arrays.sort(sorted);
      for (int i = 0; i < 3; i++) {
        assertThat(sorted[2 - i]).as(hess ? "hessian" : "G").isCloseTo(pop[i], offset(4 * 0.032 * pop[i]));
      }
      assertThat(Math.abs(e.values()[3])).isLessThan(1e-4); // bulk at O(1/λ)
      if (hess) {
        // the top eigenvector of Hess_00 is μ_0 up to the class-frequency noise
        assertThat(Alignment.rho(x[0], new double[][] {e.vectors()[0]})).isCloseTo(Math.sqrt((k - 1.0) / k), offset(0.02));
        assertThat(Alignment.gapWarning(e.values(), 1, 0.05)).isNull();
      }
    }
  }

  /**
   * Outliers along the λ = ∞ limit from m = 0, R⊥ = I: at t = 0, π̄ = 1/k gives p(1/k)(1 - 1/k) = 2/27
   * (×3); at T = 80 (rate β = 0.1, e^{-8} ≈ 3e-4 of the distance left) they reach the fixed-point values.
   */
  @Test
  void outliersAlongTheLimitTrajectory() {
    var dyn = MODEL.limit(org.effdyn.core.Regime.BALLISTIC);
    double[] u0 = new double[dyn.dimension()];
    MODEL.initialLaw(org.effdyn.core.Regime.BALLISTIC).sample(null, u0);
    var traj = org.effdyn.solve.OdeSolver.defaults().solve(dyn, u0, org.effdyn.core.TimeGrid.of(80, 81));
    double[][] h = KgmmSpectrum.populationOutliersAlong(traj, MODEL.p(), 0, true);
    for (double v : h[0]) assertThat(v).isCloseTo(2.0 / 27, offset(1e-12));
    assertThat(h[80][0]).isCloseTo(0.070548, offset(1e-4));
    assertThat(h[80][1]).isCloseTo(0.042983, offset(1e-4));
  }

  /** The matrix-free product equals the dense sum of spec §6.2 for every block (b, c), small d, finite λ. */
  @Test
  void matrixFreeProductIsTheDenseFormula() {
    int d = 7;
    int k = 3;
    var rng = RandomStreams.stream(9, 0);
    double[][] x = new double[k][d];
    for (double[] row : x) for (int t = 0; t < d; t++) row[t] = rng.nextDouble() - 0.5;
    KgmmSpectrum.TestSet test = KgmmSpectrum.TestSet.draw(k, MODEL.p(), 2.0, d, 11, RandomStreams.stream(9, 1));
    double[] u = new double[d];
    for (int t = 0; t < d; t++) u[t] = Math.cos(t);
    for (boolean hess : new boolean[] {true, false}) {
      for (int b = 0; b < k; b++) {
        for (int c = 0; c < k; c++) {
          double[] got = new double[d];
          KgmmSpectrum.empiricalBlock(x, test, b, c, hess).apply(u, got);
          double[] want = new double[d];
          for (int l = 0; l < 11; l++) {
            double[] y = test.y()[l];
            double[] pi = new double[k];
            double z = 0;
            for (int a = 0; a < k; a++) {
              double s = 0;
              for (int t = 0; t < d; t++) s += x[a][t] * y[t];
              pi[a] = Math.exp(s);
              z += pi[a];
            }
            for (int a = 0; a < k; a++) pi[a] /= z;
            int lab = test.labels()[l];
            double w = hess ? (b == c ? pi[b] : 0) - pi[b] * pi[c]
                : (pi[b] - (lab == b ? 1 : 0)) * (pi[c] - (lab == c ? 1 : 0));
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) want[i] += w * y[i] * y[j] * u[j] / 11;
          }
          for (int i = 0; i < d; i++) assertThat(got[i]).isCloseTo(want[i], offset(1e-13));
        }
      }
    }
  }
}
