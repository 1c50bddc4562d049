package org.effdyn.model.kgmm;

import java.util.Map;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Softmax;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Online SGD for the k-GMM, exactly (docs/kgmm.md): draw a class c ~ p and
 * Y = μ_c + Z, Z ~ N(0, I_d/λ) (Z = 0 at λ = ∞), then
 * \[ x^a \leftarrow (1 - \delta\beta)\,x^a - \delta\,(\pi_Y(a) - 1_{a=c})\,Y, \qquad \delta = c_\delta/d, \]
 * with π_Y = softmax(x·Y); the penalty is inside δ (the printed eq. (2.1) without δ kills x in
 * O(1/β) steps). The means are μ_b = Σ_j L_bj e_j with m̄ = L Lᵀ (Cholesky), so they span the first k
 * coordinates: m_ab = Σ_{j&lt;k} x^a_j L_bj and R⊥_ab = Σ_{j≥k} x^a_j x^b_j (P⊥ = I - M(MᵀM)⁻¹Mᵀ,
 * M = [μ_1 .. μ_k], projects onto the last d - k coordinates).
 * A step costs d ziggurat draws and 2kd multiply-adds and allocates nothing.
 *
 * <p>Initialization x^a ~ N(0, I_d/d) i.i.d.; planted {@code m[a,b]} entries replace the
 * drawn overlaps by moving x^a inside the span of the means.
 */
public final class KgmmSimulator extends AbstractSgdSimulator {
  private final Kgmm model;
  private final int k;
  private final double[] cumP;
  private final double[][] chol; // lower triangular, mbar = chol chol^T
  private final double noise;    // 1/sqrt(lambda), 0 at lambda = inf
  private final double delta;
  private final double shrink;   // 1 - delta beta
  private final double[][] x;
  private final double[] y;
  private final double[] s;
  private final StateLayout.Block rp;

  public KgmmSimulator(Kgmm model, int d) {
    super(model.layout(), d, model.k() + 1, bgjStep(model.cDelta(), d));
    this.model = model;
    this.k = model.k();
    this.cumP = cumulative(model.p());
    this.chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(model.mbar())).getL().getData();
    this.noise = noiseScale(model.lambda());
    this.delta = timePerStep();
    this.shrink = 1 - delta * model.beta();
    this.x = new double[k][d];
    this.y = new double[d];
    this.s = new double[k];
    this.rp = layout().block("Rperp");
  }

  @Override
  protected void drawStart() {
    double sd = 1 / Math.sqrt(d);
    for (double[] xa : x) fillGaussian(xa, sd);
  }

  @Override
  protected void plant(Map<String, Double> planted) {
    if (planted.isEmpty()) return;
    StateLayout layout = layout();
    double[] u = currentStatistics();
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("m[") || !layout.contains(name)) throw notPlantable("kgmm", name, "m[a,b] entries");
      u[layout.indexOf(name)] = plantedValue(name, e.getValue());
    }
    // m_a = L x^a_par (x^a_par = first k coordinates)
    for (int a = 0; a < k; a++) forwardSubstitution(chol, java.util.Arrays.copyOfRange(u, a * k, a * k + k), x[a]);
  }

  @Override
  public void step() {
    // class c ~ p by inversion of one uniform
    int c = drawClass(cumP);
    java.util.Arrays.fill(s, 0.0);
    for (int j = 0; j < d; j++) {
      double yj = noise == 0 ? 0 : noise * gauss.sample();
      if (j < k) yj += chol[c][j];
      y[j] = yj;
      for (int a = 0; a < k; a++) s[a] += x[a][j] * yj;
    }
    Softmax.inPlace(s, k);
    for (int a = 0; a < k; a++) {
      double coef = delta * (s[a] - (a == c ? 1 : 0));
      double[] xa = x[a];
      for (int j = 0; j < d; j++) xa[j] = shrink * xa[j] - coef * y[j];
    }
  }

  @Override
  public void statistics(double[] out) {
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) out[a * k + b] = dot(x[a], chol[b], 0, b + 1);
      for (int b = a; b < k; b++) out[rp.index(a, b)] = dot(x[a], x[b], k, d);
    }
  }

  /** A copy of the current parameters x (k × d, row a = x^a), e.g. for the spectral blocks (docs/spectral.md). */
  public double[][] parameters() {
    double[][] c = new double[k][];
    for (int a = 0; a < k; a++) c[a] = x[a].clone();
    return c;
  }

  /** The model simulated. */
  public Kgmm model() {
    return model;
  }
}
