package org.effdyn.model.dmf;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The Gaussian matrices that drive one realisation of the alternative process ψ
 * ({@link AlternativeProcess}; Panahi 2026, §3.1): per class y, G_y (d × L), H_y (n_y × L), W_y and
 * Γ_y (L × L), all i.i.d. N(0,1), row-major ({@code g[y][k * L + m]} is G_y(k, m)). Kept apart from the process so that the
 * forward sweep and Algorithm 1 can share one draw. Mutable; reused across realisations.
 */
public final class PsiNoise {
  final int iterations;
  final double[][] g;
  final double[][] h;
  final double[][] w;
  final double[][] gamma;

  /** Zero matrices of the sizes that {@code setup} needs. */
  public PsiNoise(FiniteSizeSetup setup) {
    int k = setup.classes();
    int l = setup.iterations();
    int d = setup.dimension();
    iterations = l;
    g = new double[k][d * l];
    h = new double[k][];
    w = new double[k][l * l];
    gamma = new double[k][l * l];
    for (int y = 0; y < k; y++) h[y] = new double[setup.count(y) * l];
  }

  /** Fills every matrix with fresh N(0,1) draws, class by class in the order G, H, W, Γ. */
  public void draw(ZigguratSampler.NormalizedGaussian gauss) {
    for (int y = 0; y < g.length; y++) {
      fill(g[y], gauss);
      fill(h[y], gauss);
      fill(w[y], gauss);
      fill(gamma[y], gauss);
    }
  }

  private static void fill(double[] a, ZigguratSampler.NormalizedGaussian gauss) {
    for (int i = 0; i < a.length; i++) a[i] = gauss.sample();
  }
}
