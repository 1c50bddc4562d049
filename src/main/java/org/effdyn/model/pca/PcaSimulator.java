package org.effdyn.model.pca;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.Check;
import org.effdyn.core.Regime;

/**
 * Online SGD for spiked PCA (docs/pca.md), exactly in law and in O(N) per step.
 *
 * <p>The step x ← x - δ∇L with ∇L = -2(λk m^{k-1} v + ξ_W) + 2k R^{2(k-1)} x needs the noise
 * ξ_W = Σ_j W(x,..,·@j,..,x), which is Gaussian with covariance k R^{2(k-1)} I + k(k-1) R^{2(k-2)} x xᵀ
 * (R² = |x|²). It is drawn as ξ_W = √k R^{k-1} g + √(k(k-1)) R^{k-2} η x with g ~ N(0, I_N),
 * η ~ N(0, 1) (slots j ≠ j' of W have covariance x_i x_i' R^{2(k-2)}, equal slots δ_ii' R^{2(k-1)}),
 * so a step costs N + 1 ziggurat draws and one pass over x:
 * \[ x_i \leftarrow \big(1 - 2k\delta R^{2(k-1)} + 2\delta\sqrt{k(k-1)}R^{k-2}\eta\big)x_i
 *      + 2\delta\sqrt{k}R^{k-1} g_i + 2\delta\lambda k m^{k-1} v_i. \]
 * Each sample is used once, so this is the SGD law exactly. The spike is v = e_1: the law of the
 * statistics is invariant under rotations, and m = x_1 then costs nothing.
 *
 * <p>Initialization x_0 ~ N(0, I_N/N). Plantable statistics: {@code m} (or
 * {@code mtilde} = √N m), which sets x_1, and {@code r2perp}, which rescales x_2..x_N.
 */
public final class PcaSimulator extends AbstractSgdSimulator {
  private final int k;
  private final double lambda;
  private final double delta;
  private final Regime regime;
  private final double[] x;
  private final double sqrtK;
  private final double sqrtKk1;
  private double r2; // |x|^2, kept current by step()

  public PcaSimulator(SpikedPca p, int n, Regime regime) {
    super(regime == Regime.BALLISTIC ? SpikedPca.BALLISTIC : SpikedPca.DIFFUSIVE, n, 2, bgjStep(p.cDelta(), n));
    this.k = p.k();
    this.lambda = p.lambda();
    this.delta = timePerStep();
    this.regime = regime;
    this.x = new double[n];
    this.sqrtK = Math.sqrt(k);
    this.sqrtKk1 = Math.sqrt(k * (k - 1.0));
  }

  @Override
  protected void drawStart() {
    fillGaussian(x, 1 / Math.sqrt(d));
  }

  @Override
  protected void plant(Map<String, Double> planted) {
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      double val = plantedValue(e.getKey(), e.getValue());
      switch (e.getKey()) {
        case "m" -> x[0] = val;
        case "mtilde" -> x[0] = val / Math.sqrt(d);
        case "r2perp" -> {
          Check.nonNegativeFinite("init.r2perp", val);
          double perp = dot(x, x, 1, d);
          double f = Math.sqrt(val / perp);
          for (int i = 1; i < d; i++) x[i] *= f;
        }
        default -> throw notPlantable("pca", e.getKey(), "m, mtilde or r2perp");
      }
    }
    r2 = dot(x, x, 0, d);
  }

  @Override
  public void step() {
    double m = x[0];
    double rk2 = Math.pow(r2, 0.5 * (k - 2)); // R^{k-2}
    double rk1 = rk2 * Math.sqrt(r2); // R^{k-1}
    double eta = gauss.sample();
    double shrink = 1 - 2 * k * delta * rk1 * rk1 + 2 * delta * sqrtKk1 * rk2 * eta;
    double noise = 2 * delta * sqrtK * rk1;
    double sum = 0;
    for (int i = 0; i < d; i++) {
      double xi = shrink * x[i] + noise * gauss.sample();
      x[i] = xi;
      sum += xi * xi;
    }
    double x0 = x[0] + 2 * delta * lambda * k * Math.pow(m, k - 1);
    sum += x0 * x0 - x[0] * x[0];
    x[0] = x0;
    r2 = sum;
  }

  @Override
  public void statistics(double[] out) {
    double m = x[0];
    out[0] = regime == Regime.BALLISTIC ? m : Math.sqrt(d) * m;
    out[1] = r2 - m * m;
  }

  /** The iterate x (a copy), for tests. */
  double[] position() {
    return x.clone();
  }

  /** Starts from a given x with generator rng, for tests that need the same x_0 across replicates. */
  void start(double[] x0, UniformRandomProvider rng) {
    Check.length("x0", x0, d);
    attach(rng);
    System.arraycopy(x0, 0, x, 0, d);
    r2 = dot(x, x, 0, d);
  }
}
