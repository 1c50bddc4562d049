package org.effdyn.model.dmf;

import org.effdyn.gauss.GaussianRule;
import org.hipparchus.special.Erf;

/**
 * Test loss and test error given (β(l,·), |θ(l)|²): a fresh sample of class y
 * has p = β(l,y) + |θ| ξ with ξ ~ N(0,1) exactly, so both are one-dimensional Gaussian integrals
 * (no memory term). Shared by the DMF sweeps and the finite-d simulator.
 */
final class TestObservables {
  /** 64-point Gauss–Hermite: exact for polynomials of degree ≤ 127; the losses are smooth. */
  private static final GaussianRule RULE = GaussianRule.gaussHermite(1, 64);

  private TestObservables() {}

  /** Σ_y ρ_y E ℓ(act(β_y + √v ξ), y); beta is [y][l]. */
  static double loss(Perceptron m, double[] rho, double[][] beta, int l, double v) {
    double sd = Math.sqrt(Math.max(v, 0));
    double out = 0;
    for (int y = 0; y < rho.length; y++) {
      double e = 0;
      for (int i = 0; i < RULE.size(); i++) e += RULE.weight(i) * m.loss(beta[y][l] + sd * RULE.node(i, 0), y);
      out += rho[y] * e;
    }
    return out;
  }

  /** Σ_y ρ_y P[β_y + √v ξ on the wrong side of the threshold]. */
  static double error(Perceptron m, double[] rho, double[][] beta, int l, double v) {
    double sd = Math.sqrt(Math.max(v, 0));
    double thr = m.threshold();
    double out = 0;
    for (int y = 0; y < rho.length; y++) {
      double below;                                   // P[p < thr]
      if (sd == 0) {
        below = beta[y][l] < thr ? 1 : 0;
      } else {
        below = 0.5 * Erf.erfc(-(thr - beta[y][l]) / (sd * Math.sqrt(2)));
      }
      out += rho[y] * (m.positive(y) ? below : 1 - below);
    }
    return out;
  }

  /** P[N(mean, v) &lt; thr]. */
  static double below(double mean, double v, double thr) {
    double sd = Math.sqrt(Math.max(v, 0));
    if (sd == 0) return mean < thr ? 1 : 0;
    return 0.5 * Erf.erfc(-(thr - mean) / (sd * Math.sqrt(2)));
  }
}
