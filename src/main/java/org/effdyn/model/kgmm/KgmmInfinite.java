package org.effdyn.model.kgmm;

import org.effdyn.core.Dynamics;
import org.effdyn.core.HasJacobian;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Softmax;

/**
 * Zero-noise (λ = ∞) limit of the k-GMM (docs/kgmm.md; Ben Arous, Gheissari, Huang, Jagannath 2023,
 * arXiv:2310.03010, Prop. 5.10, corrected):
 * \[ \dot m_{ab} = p_a \bar m_{ab} - \beta m_{ab} - \sum_c p_c\, \bar\pi_c(a)\, \bar m_{cb}, \qquad
 *    \dot R^\perp_{ab} = -2\beta R^\perp_{ab}, \qquad \bar\pi_c(a) = \frac{e^{m_{ac}}}{\sum_e e^{m_{ec}}}. \]
 * The printed (5.18) has -β R⊥; the truth is -2β (the penalty enters both x^a and x^b;
 * docs/corrections.md), as SGD confirms in {@code KgmmSimulatorTest}. With m̄ = I the m-system is the
 * gradient flow of the strictly convex
 * H(m) = -Σ_a p_a m_aa + Σ_c p_c log Σ_a e^{m_ac} + (β/2)||m||² ({@link KgmmOracles#energy}).
 */
public final class KgmmInfinite implements Dynamics, HasJacobian {
  private final int k;
  private final double[] p;
  private final double[][] mbar;
  private final double beta;
  private final StateLayout layout;
  private final StateLayout.Block rp;

  public KgmmInfinite(Kgmm model) {
    this.k = model.k();
    this.p = model.p();
    this.mbar = model.mbar();
    this.beta = model.beta();
    this.layout = model.layout();
    this.rp = layout.block("Rperp");
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /** π̄_c(a) from u (m_ac at u[a*k + c]), stabilized by the column maximum. */
  private double softmax(double[] u, int a, int c) {
    return Softmax.probability(u, c, k, k, a);
  }

  @Override
  public void drift(double[] u, double[] out) {
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) out[a * k + b] = p[a] * mbar[a][b] - beta * u[a * k + b];
      for (int c = 0; c < k; c++) {
        double w = p[c] * softmax(u, a, c);
        for (int b = 0; b < k; b++) out[a * k + b] -= w * mbar[c][b];
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        int i = rp.index(a, b);
        out[i] = -2 * beta * u[i];
      }
    }
  }

  /** ∂π̄_c(a)/∂m_ec = π̄_c(a)(δ_ae - π̄_c(e)). */
  @Override
  public void jacobian(double[] u, double[][] jac) {
    int n = layout.size();
    for (double[] row : jac) java.util.Arrays.fill(row, 0.0);
    for (int i = 0; i < n; i++) jac[i][i] = i < k * k ? -beta : -2 * beta;
    for (int a = 0; a < k; a++) {
      for (int c = 0; c < k; c++) {
        double pa = softmax(u, a, c);
        for (int e = 0; e < k; e++) {
          double dpi = pa * ((a == e ? 1 : 0) - softmax(u, e, c)); // d pibar_c(a) / d m_ec
          for (int b = 0; b < k; b++) jac[a * k + b][e * k + c] -= p[c] * dpi * mbar[c][b];
        }
      }
    }
  }
}
