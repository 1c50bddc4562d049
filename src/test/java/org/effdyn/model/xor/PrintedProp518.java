package org.effdyn.model.xor;

import org.effdyn.model.common.Activation;

/**
 * Prop. 5.18 of Ben Arous, Gheissari, Huang, Jagannath 2023 (arXiv:2310.03010) as printed:
 * σ(-v·g(±m^ν)) in the m^ν equation (EffDyn uses σ(+v·g(±m^ν)), as the paper's Cor. 5.17 and the
 * gradient give; docs/corrections.md); everything else as {@link XorInfinite}. Test-only: SGD does not
 * follow it.
 */
final class PrintedProp518 extends GatedDrift {
  private final XorInfinite exact;

  PrintedProp518(XorGmm model) {
    super(model);
    this.exact = new XorInfinite(model);
  }

  @Override
  void gates(double[] u, double[] fMu, double[] fNu, double[] mMu, double[] mNu) {
    exact.gates(u, fMu, fNu, mMu, mNu);
  }

  @Override
  void adjust(double[] u, double[] out) {
    exact.adjust(u, out);
    // replace the corrected m^nu rows: -(v_i/4)[F sigma(-v.g+) - (1-F) sigma(-v.g-)] - beta m
    double[] f = new double[k], fn = new double[k], mm = new double[k], mn = new double[k];
    exact.gates(u, f, fn, mm, mn);
    double tp = 0, tm = 0;
    for (int i = 0; i < k; i++) {
      tp += u[i] * mn[i] * fn[i];
      tm -= u[i] * mn[i] * (1 - fn[i]);
    }
    double sp = Activation.sigmoid(-tp), sm = Activation.sigmoid(-tm);
    for (int i = 0; i < k; i++) {
      if (exact.pinnedNu(u, i)) continue;
      out[2 * k + i] = -0.25 * u[i] * (fn[i] * sp - (1 - fn[i]) * sm) - beta * u[2 * k + i];
    }
  }
}
