package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.StateLayout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The spectral normalization of the hidden-manifold ODE (docs/corrections.md, section
 * hmf-marchenko-pastur). Bae and Jeong 2024 (arXiv:2405.00642) define the teacher-overlap density by
 * (S38), r(ρ) = (1/ε)(1/D) Σ_{ρ_τ ∈ [ρ, ρ+ε]} S̃_kτ W̃_mτ, which already carries the spectral density p(ρ),
 * and then read R = b ∫ p(ρ) r(ρ) dρ (S39), which counts p twice. EffDyn keeps r per eigenvalue (the bin
 * average) and R = b ∫ p r. After SGD to t = 10 (f = sgn, erf, K = M = 2, η = 1, δ_r = 0.5) at N = 250 and
 * 1000, the state binned onto the 32 Marchenko–Pastur nodes gives the overlap R of the weights
 * themselves ({@link HiddenManifoldSimulator#reduced}) to rounding; the printed reading, which weights each
 * node once more by its bin density (→ p(ρ_q)), misses it by an O(1) fraction at both N.
 */
@Tag("validation")
class SpectralNormalizationTest {
  @Test
  void overlapFromTheSpectralDensitiesCountsTheDensityOnce() {
    HiddenManifoldCommittee model = HiddenManifoldCommittee.sgn(2, 2, 0.5, 1.0);
    double b = model.inputNonlinearity().b();
    double[] rho = model.nodes(), w = model.weights();
    StateLayout layout = model.layout();
    int rOff = layout.block("r").offset(), km = 4;
    double[] printedError = new double[2];
    int[] ns = {250, 1000};
    for (int a = 0; a < 2; a++) {
      int n = ns[a];
      HiddenManifoldSimulator sim = new HiddenManifoldSimulator(model, n);
      sim.initialize(RandomStreams.stream(81, a), Map.of());
      for (int i = 0; i < 10 * n; i++) sim.step();
      double[] get = new double[3 + 4 + 2 + 1];
      sim.reduced(get); // Q packed (3), R (4), v (2), eps_g: the overlaps of the weights themselves
      double[] binned = new double[layout.size()];
      sim.statistics(binned);
      double maxR = 0, errCorrected = 0, errPrinted = 0;
      for (int j = 0; j < km; j++) {
        double corrected = 0, printed = 0;
        for (int q = 0; q < rho.length; q++) {
          double r = binned[rOff + q * km + j];
          corrected += b * w[q] * r;
          printed += b * w[q] * MarchenkoPastur.density(0.5, rho[q]) * r;
        }
        maxR = Math.max(maxR, Math.abs(get[3 + j]));
        errCorrected = Math.max(errCorrected, Math.abs(corrected - get[3 + j]));
        errPrinted = Math.max(errPrinted, Math.abs(printed - get[3 + j]));
      }
      printedError[a] = errPrinted / maxR;
      System.out.printf("committee-hmf N=%d t=10: max|R| = %.4f; max|R - b sum w r| = %.1e; max|R - b sum w p r| = %.4f (%.0f%% of max|R|)%n",
          n, maxR, errCorrected, errPrinted, 100 * printedError[a]);
      assertThat(maxR).isGreaterThan(0.3);
      assertThat(errCorrected).isLessThan(1e-10);
    }
    // the printed reading is off by an O(1) fraction of R at both N (a reading error, not a finite-N effect)
    assertThat(printedError[0]).isGreaterThan(0.2);
    assertThat(printedError[1]).isGreaterThan(0.2).isCloseTo(printedError[0], within(0.5 * printedError[0]));
  }
}
