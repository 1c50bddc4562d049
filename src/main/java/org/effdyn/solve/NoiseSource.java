package org.effdyn.solve;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Brownian increments for {@link SdeSolver}: fills dW with independent N(0, h) entries. */
@FunctionalInterface
public interface NoiseSource {
  void increments(double h, double[] dW);

  /** Increments from rng through the ziggurat normal sampler (Commons RNG: same numbers on every JDK). */
  static NoiseSource gaussian(UniformRandomProvider rng) {
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    return (h, dW) -> {
      double s = Math.sqrt(h);
      for (int i = 0; i < dW.length; i++) dW[i] = s * g.sample();
    };
  }
}
