package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class KgmmInfiniteTest {
  static double[] randomState(Kgmm g, long seed) {
    var rng = RandomStreams.stream(seed, 0);
    double[] u = new double[g.layout().size()];
    for (int i = 0; i < u.length; i++) u[i] = 2 * rng.nextDouble() - 1;
    return u;
  }

  @Test
  void jacobianMatchesCentralDifferences() {
    // step 1e-6: truncation ~1e-12 * |h'''|, round-off ~1e-10; tolerance 1e-7
    Kgmm g = new Kgmm(3, new double[] {0.2, 0.3, 0.5}, new double[][] {{1, 0.3, 0}, {0.3, 1, -0.2}, {0, -0.2, 1}},
        Double.POSITIVE_INFINITY, 0.1, 1, 4096);
    KgmmInfinite h = new KgmmInfinite(g);
    double[] u = randomState(g, 3);
    int n = u.length;
    double[][] jac = new double[n][n];
    h.jacobian(u, jac);
    for (int j = 0; j < n; j++) {
      double[] up = u.clone(), dn = u.clone(), fp = new double[n], fd = new double[n];
      up[j] += 1e-6;
      dn[j] -= 1e-6;
      h.drift(up, fp);
      h.drift(dn, fd);
      for (int i = 0; i < n; i++) assertThat(jac[i][j]).as("J[%d][%d]", i, j).isCloseTo((fp[i] - fd[i]) / 2e-6, within(1e-7));
    }
  }

  @Test
  void mFlowIsGradientFlowOfTheCorrectedEnergy() {
    // dm/dt = -grad H (the corrected energy, KgmmOracles.energy); central differences of H, tolerance 1e-7 as above
    Kgmm g = new Kgmm(4, new double[] {0.1, 0.2, 0.3, 0.4}, null, Double.POSITIVE_INFINITY, 0.05, 1, 4096);
    int k = 4;
    double[] u = randomState(g, 5);
    double[] f = new double[u.length];
    new KgmmInfinite(g).drift(u, f);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double[][] mp = matrix(u, k), mm = matrix(u, k);
        mp[a][b] += 1e-6;
        mm[a][b] -= 1e-6;
        double grad = (KgmmOracles.energy(g, mp) - KgmmOracles.energy(g, mm)) / 2e-6;
        assertThat(f[a * k + b]).isCloseTo(-grad, within(1e-7));
      }
    }
    // and the printed (transposed) energy of Lemma 5.13 is not its potential
    double[][] mp = matrix(u, k), mm = matrix(u, k);
    mp[0][1] += 1e-6;
    mm[0][1] -= 1e-6;
    double printed = (printedEnergy(g, mp) - printedEnergy(g, mm)) / 2e-6;
    assertThat(Math.abs(f[1] + printed)).isGreaterThan(1e-3);
  }

  /** Lemma 5.13 as printed: Σ_a p_a log Σ_b e^{m_ab}. */
  static double printedEnergy(Kgmm g, double[][] m) {
    double h = 0;
    double[] p = g.p();
    for (int a = 0; a < g.k(); a++) {
      h -= p[a] * m[a][a];
      double z = 0;
      for (int b = 0; b < g.k(); b++) {
        z += Math.exp(m[a][b]);
        h += 0.5 * g.beta() * m[a][b] * m[a][b];
      }
      h += p[a] * Math.log(z);
    }
    return h;
  }

  static double[][] matrix(double[] u, int k) {
    double[][] m = new double[k][k];
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) m[a][b] = u[a * k + b];
    return m;
  }

  @Test
  void rPerpDecaysAsExpMinusTwoBetaT() {
    Kgmm g = new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1);
    double[] u0 = new double[15];
    g.initialLaw(Regime.BALLISTIC).sample(null, u0);
    Trajectory t = OdeSolver.defaults().solve(g.limit(Regime.BALLISTIC), u0, TimeGrid.of(10, 11));
    // e^{-2 beta T} = e^{-2} = 0.1353; the printed e^{-beta T} = 0.368
    assertThat(t.column("Rperp[1,1]")[10]).isCloseTo(Math.exp(-2.0), within(1e-8));
  }
}
