package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;

import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

/**
 * The paper demo (k = 10, λ = 10, β = 0.01, T = 50, from (m, R⊥) = (0, I); models/kgmm-paper-demo.yaml)
 * starts on the class-symmetric invariant set: all m_aa equal, all m_ab (a ≠ b) equal, and likewise
 * for R⊥. The default rule for k = 10 (a Smolyak sparse grid, exactly permutation invariant) keeps the
 * spread at t = 50 at rounding level; an RQMC rule of the same budget does not.
 */
class KgmmSymmetryTest {
  static final Kgmm DEMO = new Kgmm(10, null, null, 10.0, 0.01, 1.0, 2048);

  static double[] spreads(GaussianRule rule) {
    KgmmFinite dyn = rule == null ? new KgmmFinite(DEMO) : new KgmmFinite(DEMO, rule);
    double[] u0 = KgmmFiniteTest.start(DEMO);
    Trajectory t = new OdeSolver(OdeOptions.defaults().withTolerances(1e-6, 1e-8))
        .solve(dyn, u0, TimeGrid.of(50, 3));
    double[] u = t.finalState();
    int k = DEMO.k();
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[][] rp = DEMO.layout().matrix("Rperp", u);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        int c = a == b ? 0 : 1;
        lo[c] = Math.min(lo[c], u[a * k + b]);
        hi[c] = Math.max(hi[c], u[a * k + b]);
        lo[2] = Math.min(lo[2], rp[a][b] - (a == b ? rp[0][0] : rp[0][1]));
        hi[2] = Math.max(hi[2], rp[a][b] - (a == b ? rp[0][0] : rp[0][1]));
      }
    }
    System.out.printf("kgmm paper demo, rule %s: m_aa in [%.10f, %.10f], m_ab in [%.10f, %.10f]; spreads %.2e %.2e,"
        + " Rperp %.2e%n", dyn.rule().description(), lo[0], hi[0], lo[1], hi[1], hi[0] - lo[0], hi[1] - lo[1],
        hi[2] - lo[2]);
    return new double[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
  }

  @Test
  void classSymmetryStaysToRounding() {
    double[] s = spreads(null);
    assertThat(s[0]).isLessThan(1e-12);
    assertThat(s[1]).isLessThan(1e-12);
    assertThat(s[2]).isLessThan(1e-12);
  }

  @Test
  void rqmcOfTheOldCardBreaksIt() {
    double[] s = spreads(GaussianRule.quasiMonteCarlo(10, 64, 16, GaussianRule.DEFAULT_SEED));
    assertThat(s[0]).isGreaterThan(1e-4);
  }
}
