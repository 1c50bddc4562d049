package org.effdyn.model.xor;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;

/**
 * The large-λ drift of the XOR GMM (docs/xor.md) with a gate F_i^ϑ in place of 1{m_i^ϑ &gt; 0} and
 * m F in place of relu(m) (so relu(-m) becomes -m(1 - F)):
 * \[ \dot v_i = \tfrac14\big[g^\mu_{+,i}\,\sigma(-v\cdot g^\mu_+) + g^\mu_{-,i}\,\sigma(-v\cdot g^\mu_-)\big]
 *    - \tfrac14\big[g^\nu_{+,i}\,\sigma(v\cdot g^\nu_+) + g^\nu_{-,i}\,\sigma(v\cdot g^\nu_-)\big] - \beta v_i, \]
 * \[ \dot m_i^\mu = \tfrac{v_i}4\big[F^\mu_i\,\sigma(-v\cdot g^\mu_+) - (1 - F^\mu_i)\,\sigma(-v\cdot g^\mu_-)\big] - \beta m_i^\mu,\quad
 *    \dot m_i^\nu = -\tfrac{v_i}4\big[F^\nu_i\,\sigma(v\cdot g^\nu_+) - (1 - F^\nu_i)\,\sigma(v\cdot g^\nu_-)\big] - \beta m_i^\nu, \]
 * g^ϑ_{+,i} = m_i^ϑ F_i^ϑ, g^ϑ_{-,i} = -m_i^ϑ(1 - F_i^ϑ), and R⊥' = -2βR⊥. The m^ν line has σ(+v·g), the
 * corrected sign (Ben Arous, Gheissari, Huang, Jagannath 2023, Prop. 5.18, prints σ(-v·g);
 * docs/corrections.md). Subclasses give the gates.
 * Allocation-free; thread-safe (a workspace per thread).
 */
abstract class GatedDrift implements Dynamics {
  final int k;
  final double beta;
  private final StateLayout layout;
  private final StateLayout.Block rp;
  private final ThreadLocal<double[][]> work;

  GatedDrift(XorGmm model) {
    this.k = model.hiddenUnits();
    this.beta = model.beta();
    this.layout = model.layout();
    this.rp = layout.block("Rperp");
    this.work = ThreadLocal.withInitial(() -> new double[4][k]);
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /**
   * Writes the gates F^μ_i, F^ν_i (in [0, 1]) and the effective overlaps used in the drift (usually m
   * itself) for state u.
   */
  abstract void gates(double[] u, double[] fMu, double[] fNu, double[] mMu, double[] mNu);

  /** Post-processing of the m-rows (pinning); default none. */
  void adjust(double[] u, double[] out) {}

  @Override
  public void drift(double[] u, double[] out) {
    double[][] w = work.get();
    double[] fMu = w[0], fNu = w[1], mMu = w[2], mNu = w[3];
    gates(u, fMu, fNu, mMu, mNu);
    double spArg = 0, smArg = 0, tpArg = 0, tmArg = 0;
    for (int i = 0; i < k; i++) {
      double v = u[i];
      spArg += v * mMu[i] * fMu[i];
      smArg -= v * mMu[i] * (1 - fMu[i]);
      tpArg += v * mNu[i] * fNu[i];
      tmArg -= v * mNu[i] * (1 - fNu[i]);
    }
    double sp = Activation.sigmoid(-spArg), sm = Activation.sigmoid(-smArg), tp = Activation.sigmoid(tpArg),
        tm = Activation.sigmoid(tmArg);
    for (int i = 0; i < k; i++) {
      double v = u[i];
      double gpMu = mMu[i] * fMu[i], gmMu = -mMu[i] * (1 - fMu[i]);
      double gpNu = mNu[i] * fNu[i], gmNu = -mNu[i] * (1 - fNu[i]);
      out[i] = 0.25 * (gpMu * sp + gmMu * sm) - 0.25 * (gpNu * tp + gmNu * tm) - beta * v;
      out[k + i] = 0.25 * v * (fMu[i] * sp - (1 - fMu[i]) * sm) - beta * u[k + i];
      out[2 * k + i] = -0.25 * v * (fNu[i] * tp - (1 - fNu[i]) * tm) - beta * u[2 * k + i];
    }
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        int idx = rp.index(i, j);
        out[idx] = -2 * beta * u[idx];
      }
    }
    adjust(u, out);
  }
}
