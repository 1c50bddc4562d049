package org.effdyn.model.singleindex;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;

/**
 * Ballistic limit of spherical online SGD (docs/singleindex.md; derived here, not printed in the
 * sources):
 * \[ \dot m = -\delta (1 - m^2)\varphi'(m) - \tfrac{\delta^2}{2} V(m)\, m, \]
 * in the time t = steps/N. The second term comes from the normalization X̃/|X̃| (|X̃|² = 1 + (δ/N)²|G|²);
 * the heuristic of Jagannath's 2024 lecture notes (ch. 11) omits it (docs/corrections.md). Online PCA:
 * ṁ = 2δλm(1 - m²) - 2δ²m(1 + λm²); {@code SingleIndexValidationTest} shows SGD converging to it at rate
 * N^{-1/2}.
 */
public final class SingleIndexBallistic implements Dynamics {
  private final SingleIndexLoss loss;
  private final double delta;

  public SingleIndexBallistic(SingleIndex model) {
    this.loss = model.loss();
    this.delta = model.delta();
  }

  @Override
  public StateLayout layout() {
    return SingleIndex.BALLISTIC;
  }

  @Override
  public void drift(double[] u, double[] out) {
    double m = u[0];
    out[0] = -delta * (1 - m * m) * loss.phiPrime(m) - 0.5 * delta * delta * loss.v(m) * m;
  }
}
