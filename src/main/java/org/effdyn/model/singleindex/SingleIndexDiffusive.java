package org.effdyn.model.singleindex;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;

/**
 * Diffusive limit near the equator in m̃ = √N m (docs/singleindex.md; derived here, and compared with
 * SGD for online PCA in {@code SingleIndexDiffusiveValidationTest}):
 * \[ d\tilde m = \big[-\delta\sqrt N (1 - m^2)\varphi'(m) - \tfrac{\delta^2}{2} V(0)\,\tilde m\big]dt
 *      + \delta\sqrt{V_\theta}\, dB_t, \qquad m = \tilde m/\sqrt N. \]
 * With N = ∞ the signal term becomes its limit: -δ φ″(0) m̃ for information exponent 2, and 0 for
 * k ≥ 3; for k = 1 it diverges, so a finite N is required. Online PCA:
 * d m̃ = 2δ(λ - δ) m̃ dt + 2δ√(1 + λ) dB.
 */
public final class SingleIndexDiffusive implements Dynamics {
  private final SingleIndexLoss loss;
  private final double delta;
  private final double n;
  private final double sqrtN;
  private final double normalization;
  private final double noise;
  private final double linearSignal;

  public SingleIndexDiffusive(SingleIndex model) {
    this.loss = model.loss();
    this.delta = model.delta();
    this.n = model.n();
    this.sqrtN = Math.sqrt(n);
    int k = loss.informationExponent();
    if (Double.isInfinite(n) && k == 1) {
      throw new IllegalArgumentException("params.N: the diffusive limit of a model with information exponent 1"
          + " needs a finite N (the drift grows like sqrt(N)); got .inf");
    }
    this.normalization = 0.5 * delta * delta * loss.v(0);
    this.noise = delta * Math.sqrt(loss.vTheta());
    this.linearSignal = k == 2 ? -delta * loss.phiSecondAtZero() : 0.0;
  }

  @Override
  public StateLayout layout() {
    return SingleIndex.DIFFUSIVE;
  }

  @Override
  public void drift(double[] u, double[] out) {
    double mt = u[0];
    double signal;
    if (Double.isInfinite(n)) {
      signal = linearSignal * mt;
    } else {
      double m = mt / sqrtN;
      signal = -delta * sqrtN * (1 - m * m) * loss.phiPrime(m);
    }
    out[0] = signal - normalization * mt;
  }

  @Override
  public int noiseDimension() {
    return 1;
  }

  @Override
  public void diffusion(double[] u, double[][] b) {
    b[0][0] = noise;
  }
}
