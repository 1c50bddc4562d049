package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.junit.jupiter.api.Test;

class RefinementIterationTest {
  static final double[][] NU = {{1, -0.5, 0}, {-0.5, 1, 0}, {0, 0, 0.01}};

  /**
   * Algorithm 1 of Panahi 2026 in the reading of {@link RefinementIteration}: started from the
   * finite-size DMF realisation, it reaches the forward-sweep solution of ψ + ρ0 = 0 exactly after
   * 2L − 3 iterations (σ = 0) or 2L − 2 (σ &gt; 0), and not one iteration earlier. Setting: linear_sq,
   * GD η = 0.2, d = n = 20, reference ν, 100 realisations. "Exact" = max |θ_r − θ_ψ| &lt; 1e-8: the last
   * inexact iterate is &gt;= 6e-3 in every case, and the fixed point is reached to round-off
   * (1e-16 at σ &gt; 0; up to 3e-10 at σ = 0, L = 6, where |θ0| = 0.1 and n_y = 10 make V_θ and
   * V_ω(y) ill-conditioned). Also checked at z = i (complex).
   */
  @Test
  void terminatesAfter2LMinus3Or2LMinus2Iterations() {
    for (int L = 2; L <= 6; L++) {
      int r0 = firstExact(L, 0.0, 0.0, 0.0);
      int r1 = firstExact(L, 0.2, 0.5, 0.0);
      int ri = firstExact(L, 0.0, 0.0, 1.0);
      System.out.printf("Algorithm 1, L = %d: exact from iteration %d (sigma = 0, z = 0), %d "
          + "(sigma = 0.2, z = 0.5), %d (sigma = 0, z = i)%n", L, r0, r1, ri);
      assertThat(r0).as("sigma = 0, L = %d", L).isEqualTo(Math.max(2 * L - 3, 0));
      assertThat(r1).as("sigma = 0.2, L = %d", L).isEqualTo(2 * L - 2);
      assertThat(ri).as("sigma = 0, z = i, L = %d", L).isEqualTo(Math.max(2 * L - 3, 0));
    }
    assertThat(firstExact(8, 0.2, 0.5, 0.0)).as("sigma = 0.2, L = 8").isEqualTo(14);
  }

  /** First iteration r at which every one of 100 realisations is at θ_ψ (to 1e-8). */
  private static int firstExact(int L, double sigma, double zRe, double zIm) {
    DmfProblem pr = new DmfProblem(new double[] {0.5, 0.5}, NU, 1.0, Perceptron.linearSquare(),
        new Algorithm.Gd(0.2), L);
    DmfSolution sol = ExactSweep.solve(pr);
    FiniteSizeSetup s = FiniteSizeSetup.of(pr, 20);
    AlternativeProcess psi = new AlternativeProcess(s, sigma, zRe, zIm);
    AlternativeProcess.Workspace ws = psi.workspace();
    RefinementIteration alg = new RefinementIteration(s, sigma, zRe, zIm);
    PsiNoise noise = new PsiNoise(s);
    FiniteSizePath it = new FiniteSizePath(s);
    var gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(31, L));
    int maxR = 2 * L + 1;
    double[] err = new double[maxR + 1];
    for (int rep = 0; rep < 100; rep++) {
      noise.draw(gauss);
      psi.run(noise, ws);
      alg.setDmf(noise, sol);
      alg.rerun(it);
      for (int r = 0; r <= maxR; r++) {
        err[r] = Math.max(err[r], it.theta.maxDistance(ws.path().theta));
        alg.setFromPath(it, noise);
        alg.rerun(it);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (double e : err) sb.append(String.format(" %.0e", e));
    System.out.println("  L=" + L + " sigma=" + sigma + " z=" + zRe + "+" + zIm + "i: max|theta_r - theta_psi|, r = 0.." + maxR + ":" + sb);
    for (int r = 0; r <= maxR; r++) {
      if (err[r] < 1e-8) return r;
    }
    return -1;
  }
}
