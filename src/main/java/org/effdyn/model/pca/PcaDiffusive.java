package org.effdyn.model.pca;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;

/**
 * Diffusive limit of spiked PCA near m = 0 in (m̃, r_⊥²) = (√N m, r_⊥²) (docs/pca.md):
 * \[ d\tilde m = \big[2k\lambda N^{-(k-2)/2}\tilde m^{k-1} - 2k\, r^{2(k-1)}\tilde m\big]dt
 *      + \sqrt{4k c_\delta r^{2(k-1)}}\, dB_t, \qquad
 *    dr^2 = -4k\, r^{2(k-1)}(r^2 - c_\delta)\,dt. \]
 * For k = 2 this is the BBP limit d m̃ = 4m̃(λ - r²)dt + √(8c_δ r²) dB, dr² = -8r²(r² - c_δ)dt, with the
 * corrected factor (r² - c_δ) (Jagannath's 2024 lecture notes, ch. 12, print (u₂² - 1); it must agree
 * with the ballistic r-equation at m = 0; docs/corrections.md). For k ≥ 3 (derived here, not in the
 * sources) the signal term is O(N^{-(k-2)/2}) and vanishes at N = ∞ (the default): the limit is then
 * mean-reverting.
 * r² is read as max(r², 0) inside the square root and powers.
 */
public final class PcaDiffusive implements Dynamics {
  private final int k;
  private final double signal; // 2kλ N^{-(k-2)/2}
  private final double c;

  public PcaDiffusive(SpikedPca p) {
    this.k = p.k();
    this.c = p.cDelta();
    this.signal = p.k() == 2 ? 4 * p.lambda()
        : (Double.isInfinite(p.n()) ? 0.0 : 2 * p.k() * p.lambda() * Math.pow(p.n(), -(p.k() - 2) / 2.0));
  }

  @Override
  public StateLayout layout() {
    return SpikedPca.DIFFUSIVE;
  }

  @Override
  public void drift(double[] u, double[] out) {
    double mt = u[0];
    double r2 = Math.max(u[1], 0.0);
    double p = SpikedPca.ipow(r2, k - 1);
    out[0] = signal * SpikedPca.ipow(mt, k - 1) - 2 * k * p * mt;
    out[1] = -4 * k * p * (u[1] - c);
  }

  @Override
  public int noiseDimension() {
    return 1;
  }

  @Override
  public void diffusion(double[] u, double[][] b) {
    double r2 = Math.max(u[1], 0.0);
    b[0][0] = Math.sqrt(4 * k * c * SpikedPca.ipow(r2, k - 1));
    b[1][0] = 0.0;
  }
}
