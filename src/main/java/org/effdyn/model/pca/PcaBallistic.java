package org.effdyn.model.pca;

import org.effdyn.analysis.HasDomain;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasJacobian;
import org.effdyn.core.StateLayout;

/**
 * Ballistic limit of spiked PCA of order k (Ben Arous, Gheissari, Jagannath 2022, arXiv:2206.04030;
 * docs/pca.md):
 * \[ \dot m = 2k\lambda m^{k-1} - 2k R^{2(k-1)} m, \qquad
 *    \dot r_\perp^2 = -4k R^{2(k-1)} (r_\perp^2 - c_\delta), \qquad R^2 = m^2 + r_\perp^2. \]
 * For k = 2: ṁ = 4m(λ - R²), ṙ² = -8R²(r² - c_δ). The r-equation carries the corrector
 * g = 4k c_δ R^{2(k-1)} of the SGD noise; m has none. Time t = steps·δ. {@code PcaValidationTest}
 * shows SGD converging to it at rate d^{-1/2} for k = 2 and k = 3.
 */
public final class PcaBallistic implements Dynamics, HasJacobian, HasDomain {
  private final int k;
  private final double lambda;
  private final double c;

  public PcaBallistic(SpikedPca p) {
    this.k = p.k();
    this.lambda = p.lambda();
    this.c = p.cDelta();
  }

  @Override
  public StateLayout layout() {
    return SpikedPca.BALLISTIC;
  }

  @Override
  public void drift(double[] u, double[] out) {
    double m = u[0];
    double r2 = u[1];
    double p = SpikedPca.ipow(m * m + r2, k - 1); // R^{2(k-1)}
    out[0] = 2 * k * lambda * SpikedPca.ipow(m, k - 1) - 2 * k * p * m;
    out[1] = -4 * k * p * (r2 - c);
  }

  /** Analytic Jacobian of {@link #drift}, with P = R^{2(k-1)}, ∂P/∂r² = (k-1)R^{2(k-2)}, ∂P/∂m = 2m ∂P/∂r². */
  @Override
  public void jacobian(double[] u, double[][] jac) {
    double m = u[0];
    double r2 = u[1];
    double big = m * m + r2;
    double p = SpikedPca.ipow(big, k - 1);
    double dpdr = (k - 1) * SpikedPca.ipow(big, k - 2);
    double dpdm = 2 * m * dpdr;
    jac[0][0] = 2 * k * lambda * (k - 1) * SpikedPca.ipow(m, k - 2) - 2 * k * (p + m * dpdm);
    jac[0][1] = -2 * k * m * dpdr;
    jac[1][0] = -4 * k * dpdm * (r2 - c);
    jac[1][1] = -4 * k * (dpdr * (r2 - c) + p);
  }

  /** r⊥² ≥ 0: the squared norm of x's part orthogonal to the spike. */
  @Override
  public org.effdyn.analysis.StateDomain domain() {
    return org.effdyn.analysis.StateDomain.of(layout(), java.util.List.of("r2perp"), java.util.List.of());
  }
}
