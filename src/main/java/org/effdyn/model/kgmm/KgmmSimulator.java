package org.effdyn.model.kgmm;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Softmax;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Online SGD for the k-GMM, exactly spec/models.md §2(b): draw a class c ~ p and
 * Y = μ_c + Z, Z ~ N(0, I_d/λ) (Z = 0 at λ = ∞), then
 * \[ x^a \leftarrow (1 - \delta\beta)\,x^a - \delta\,(\pi_Y(a) - 1_{a=c})\,Y, \qquad \delta = c_\delta/d, \]
 * with π_Y = softmax(x·Y); the penalty is inside δ (the printed eq. (2.1) without δ kills x in
 * O(1/β) steps). The means are μ_b = Σ_j L_bj e_j with m̄ = L Lᵀ (Cholesky), so they span the first k
 * coordinates: m_ab = Σ_{j&lt;k} x^a_j L_bj and R⊥_ab = Σ_{j≥k} x^a_j x^b_j (the projector of §2(c)).
 * A step costs d ziggurat draws and 2kd multiply-adds and allocates nothing.
 *
 * <p>Initialization x^a ~ N(0, I_d/d) i.i.d. (spec §2(e)); planted {@code m[a,b]} entries replace the
 * drawn overlaps by moving x^a inside the span of the means.
 */
public final class KgmmSimulator implements SgdSimulator {
  private final Kgmm model;
  private final int k;
  private final int d;
  private final double[] cumP;
  private final double[][] chol; // lower triangular, mbar = chol chol^T
  private final double noise;    // 1/sqrt(lambda), 0 at lambda = inf
  private final double delta;
  private final double shrink;   // 1 - delta beta
  private final double[][] x;
  private final double[] y;
  private final double[] s;
  private final StateLayout layout;
  private final StateLayout.Block rp;
  private UniformRandomProvider rng;
  private ZigguratSampler.NormalizedGaussian gauss;

  public KgmmSimulator(Kgmm model, int d) {
    this.model = model;
    this.k = model.k();
    this.d = Check.atLeast("d", d, model.k() + 1);
    double[] p = model.p();
    this.cumP = new double[k];
    double acc = 0;
    for (int a = 0; a < k; a++) cumP[a] = acc += p[a];
    cumP[k - 1] = 1.0;
    this.chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(model.mbar())).getL().getData();
    this.noise = Double.isInfinite(model.lambda()) ? 0 : 1 / Math.sqrt(model.lambda());
    this.delta = model.cDelta() / d;
    this.shrink = 1 - delta * model.beta();
    this.x = new double[k][d];
    this.y = new double[d];
    this.s = new double[k];
    this.layout = model.layout();
    this.rp = layout.block("Rperp");
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public double timePerStep() {
    return delta;
  }

  @Override
  public void initialize(UniformRandomProvider rng, Map<String, Double> planted) {
    this.rng = rng;
    this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double sd = 1 / Math.sqrt(d);
    for (double[] xa : x) for (int j = 0; j < d; j++) xa[j] = sd * gauss.sample();
    if (planted.isEmpty()) return;
    double[] u = new double[layout.size()];
    statistics(u);
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("m[") || !layout.contains(name)) {
        throw new IllegalArgumentException("init." + name + ": the kgmm simulator can plant m[a,b] entries, not '" + name + "'");
      }
      u[layout.indexOf(name)] = Check.finite("init." + name, e.getValue());
    }
    // m_a = L x^a_par (x^a_par = first k coordinates): forward substitution
    for (int a = 0; a < k; a++) {
      for (int j = 0; j < k; j++) {
        double v = u[a * k + j];
        for (int i = 0; i < j; i++) v -= chol[j][i] * x[a][i];
        x[a][j] = v / chol[j][j];
      }
    }
  }

  @Override
  public void step() {
    // class c ~ p by inversion of one uniform
    double r = rng.nextDouble();
    int c = 0;
    while (r >= cumP[c] && c < k - 1) c++;
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
      for (int b = 0; b < k; b++) {
        double v = 0;
        for (int j = 0; j <= b; j++) v += x[a][j] * chol[b][j];
        out[a * k + b] = v;
      }
      for (int b = a; b < k; b++) {
        double v = 0;
        for (int j = k; j < d; j++) v += x[a][j] * x[b][j];
        out[rp.index(a, b)] = v;
      }
    }
  }

  /** A copy of the current parameters x (k × d, row a = x^a), e.g. for the spectral blocks of spec §6. */
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
