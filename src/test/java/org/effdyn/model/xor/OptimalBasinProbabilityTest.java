package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * p_4 = 3/32, not 3/27 (docs/corrections.md, section p4). The course notes (Jagannath 2024, ch. 12 §4.3)
 * print p_{4,λ} → 3/27; the optimal-basin probability of the λ = ∞ flow with the orthant initialization
 * is p_4 = 4!/4⁴ = 3/32 (each neuron lands in one of the four classes uniformly and independently).
 * 20000 samples of the exact λ = ∞ flow (β = 0.05, T = 60) separate the two values by about 8.5 binomial
 * standard deviations: the estimate must lie within 3.3 s.d. of 3/32 and more than 3.3 s.d. from 3/27.
 */
class OptimalBasinProbabilityTest {
  @Test
  void monteCarloSeparatesThreeThirtySecondsFromThreeTwentySevenths() {
    int samples = 20000;
    XorOracles.BasinEstimate e = XorOracles.basinProbability(new XorGmm(4, Double.POSITIVE_INFINITY, 0.05, 1), samples, 60, 11, 2);
    double sd = Math.sqrt(3.0 / 32 * (1 - 3.0 / 32) / samples);
    System.out.printf("xor K=4 optimal basin, %d samples: p = %.5f, 95%% [%.5f, %.5f]; (p - 3/32)/sd = %.2f, (p - 3/27)/sd = %.2f%n",
        samples, e.p(), e.low(), e.high(), (e.p() - 3.0 / 32) / sd, (e.p() - 3.0 / 27) / sd);
    assertThat(e.failures()).isZero();
    assertThat(XorOracles.pK(4)).isEqualTo(3.0 / 32);
    assertThat(Math.abs(e.p() - 3.0 / 32)).isLessThan(3.3 * sd);
    assertThat(Math.abs(e.p() - 3.0 / 27)).isGreaterThan(3.3 * sd);
    assertThat(e.high()).isLessThan(3.0 / 27);
  }
}
