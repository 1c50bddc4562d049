package org.effdyn.model.xor;

import java.util.Map;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;

/**
 * Online SGD for the XOR GMM, exactly (docs/xor.md), with μ = e_1 and ν = e_2. Each step draws the
 * label y and a sign (two fair bits), so ϑ is uniform on {±μ, ±ν}, and Y = ϑ + Z, Z ~ N(0, I_d/λ)
 * (Z = 0 at λ = ∞). With h = WY, ŷ = σ(v·relu(h)) and δ = c_δ/d, from the current (W, v):
 * \[ v \leftarrow v - \delta\big[(\hat y - y)\,\mathrm{relu}(h) + \beta v\big],\qquad
 *    W_i \leftarrow W_i - \delta\big[(\hat y - y)\,v_i 1\{h_i &gt; 0\}\,Y + \beta W_i\big], \]
 * the penalty inside δ (the paper's eq. (2.1) prints it outside, which kills W in O(1/β) steps;
 * docs/corrections.md). Statistics: v_i, m_i^μ = W_i1, m_i^ν = W_i2,
 * R⊥_ij = Σ_{l≥3} W_il W_jl. A step costs d ziggurat draws and 2Kd multiply-adds and allocates nothing;
 * recording the statistics costs K²d/2.
 *
 * <p>Initialization: W_i ~ N(0, I_d/d), v_i ~ N(0, 1). Planted {@code v[i]}, {@code mmu[i]},
 * {@code mnu[i]} replace the drawn values (R⊥ stays the drawn one, ≈ I).
 */
public final class XorSimulator extends AbstractSgdSimulator {
  private final XorGmm model;
  private final int k;
  private final double noise; // 1/sqrt(lambda), 0 at lambda = inf
  private final double delta;
  private final double beta;
  private final double shrink; // 1 - delta beta
  private final double[][] w;
  private final double[] v;
  private final double[] y;
  private final double[] h;
  private final StateLayout.Block rp;

  public XorSimulator(XorGmm model, int d) {
    super(model.layout(), d, 3, bgjStep(model.cDelta(), d));
    this.model = model;
    this.k = model.hiddenUnits();
    this.noise = noiseScale(model.lambda());
    this.delta = timePerStep();
    this.beta = model.beta();
    this.shrink = 1 - delta * beta;
    this.w = new double[k][d];
    this.v = new double[k];
    this.y = new double[d];
    this.h = new double[k];
    this.rp = layout().block("Rperp");
  }

  @Override
  protected void drawStart() {
    double sd = 1 / Math.sqrt(d);
    for (double[] wi : w) fillGaussian(wi, sd);
    fillGaussian(v);
  }

  @Override
  protected void plant(Map<String, Double> planted) {
    StateLayout layout = layout();
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      String name = e.getKey();
      if (!layout.contains(name) || name.startsWith("Rperp")) throw notPlantable("xor-gmm", name, "v[i], mmu[i] and mnu[i]");
      double x = plantedValue(name, e.getValue());
      int idx = layout.indexOf(name);
      if (idx < k) v[idx] = x;
      else if (idx < 2 * k) w[idx - k][0] = x;
      else w[idx - 2 * k][1] = x;
    }
  }

  @Override
  public void step() {
    int label = rng.nextBoolean() ? 1 : 0;
    double sign = rng.nextBoolean() ? 1 : -1;
    int axis = label == 1 ? 0 : 1; // mu = e_1 carries label 1, nu = e_2 label 0
    java.util.Arrays.fill(h, 0.0);
    for (int j = 0; j < d; j++) {
      double yj = noise == 0 ? 0 : noise * gauss.sample();
      if (j == axis) yj += sign;
      y[j] = yj;
      for (int i = 0; i < k; i++) h[i] += w[i][j] * yj;
    }
    double s = 0;
    for (int i = 0; i < k; i++) if (h[i] > 0) s += v[i] * h[i];
    double e = Activation.sigmoid(s) - label;
    for (int i = 0; i < k; i++) {
      double coef = h[i] > 0 ? delta * e * v[i] : 0; // uses v before its update
      double[] wi = w[i];
      if (coef == 0) {
        for (int j = 0; j < d; j++) wi[j] *= shrink;
      } else {
        for (int j = 0; j < d; j++) wi[j] = shrink * wi[j] - coef * y[j];
      }
    }
    for (int i = 0; i < k; i++) v[i] -= delta * (e * Math.max(h[i], 0) + beta * v[i]);
  }

  @Override
  public void statistics(double[] out) {
    for (int i = 0; i < k; i++) {
      out[i] = v[i];
      out[k + i] = w[i][0];
      out[2 * k + i] = w[i][1];
      for (int j = i; j < k; j++) out[rp.index(i, j)] = dot(w[i], w[j], 2, d);
    }
  }

  /** A copy of the current first layer W (K × d, row i = W_i), e.g. for the spectral blocks (docs/spectral.md). */
  public double[][] firstLayer() {
    double[][] c = new double[k][];
    for (int i = 0; i < k; i++) c[i] = w[i].clone();
    return c;
  }

  /** A copy of the current second layer v (length K). */
  public double[] secondLayer() {
    return v.clone();
  }

  /** The model simulated. */
  public XorGmm model() {
    return model;
  }
}
