package org.effdyn.model.committee;

import java.util.Map;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Online SGD of the soft committee machine, exactly (docs/committee.md): per step a fresh
 * x ~ N(0, I_N) and label noise ζ ~ N(0, 1), λ_k = w_k·x/√N, ν_n = w*_n·x/√N,
 * Δ = ŷ − y = Σ_k s_K v_k g(λ_k) − Σ_n s_M v*_n g(ν_n) − σ₀ζ, and
 * \[ w_k \leftarrow (1 - \kappa/N)\,w_k - \frac{\eta}{\sqrt N} s_K v_k \Delta g'(\lambda_k)\, x, \qquad
 *    v_k \leftarrow v_k - \frac{\eta_v}{N} s_K g(\lambda_k) \Delta \]
 * (both from the same old state; s_K = 1/K, s_M = 1/M with output normalization, else 1). Time per
 * step 1/N (t = steps/N, the committee literature's convention).
 *
 * <p>The teacher is planted with Gram matrix exactly T: w*_n = √N Σ_{j ≤ n} L_nj e_j with T = L Lᵀ
 * (Cholesky), so ν_n = Σ_j L_nj x_j and R_kn = Σ_j w_kj L_nj / √N. The input law and the student's
 * initialization w_k ~ N(0, σ_w² I_N) are rotation invariant, so the statistics have the same law as
 * with a random teacher of Gram T. A step costs N ziggurat draws, 2KN multiply-adds and allocates
 * nothing; {@link #statistics} costs K²N/2.
 *
 * <p>Planting: {@code v[k]} entries only (they replace v0).
 */
public final class CommitteeSimulator extends AbstractSgdSimulator {
  private final Committee model;
  private final int k;
  private final int m;
  private final Activation act;
  private final double[][] chol;
  private final double[] vstar;
  private final double eta;
  private final double etaV;
  private final double sigma0;
  private final double shrink;
  private final double sK;
  private final double sM;
  private final double invSqrtN;
  private final double[][] w;
  private final double[] v;
  private final double[] x;
  private final double[] lambda;
  private final double[] coef;
  private final StateLayout.Block qB;
  private final StateLayout.Block rB;
  private final StateLayout.Block vB;

  /** Time per step 1/N: t = steps/N. */
  public CommitteeSimulator(Committee model, int dimension) {
    super(model.layout(), dimension, model.teacherUnits() + 1, 1.0 / dimension);
    this.model = model;
    this.k = model.hiddenUnits();
    this.m = model.teacherUnits();
    this.act = model.activation();
    this.chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(model.teacherGram()), 1e-12, 1e-12).getL().getData();
    this.vstar = model.vstar();
    this.eta = model.eta();
    this.etaV = model.etaV();
    this.sigma0 = model.sigma0();
    this.shrink = 1 - model.kappa() / dimension;
    this.sK = model.studentScale();
    this.sM = model.teacherScale();
    this.invSqrtN = 1 / Math.sqrt(dimension);
    this.w = new double[k][dimension];
    this.v = new double[k];
    this.x = new double[dimension];
    this.lambda = new double[k];
    this.coef = new double[k];
    StateLayout layout = layout();
    this.qB = layout.block("Q");
    this.rB = layout.block("R");
    this.vB = layout.block("v");
  }

  @Override
  protected void drawStart() {
    double sw = model.sigmaW();
    for (double[] wk : w) fillGaussian(wk, sw);
    System.arraycopy(model.v0(), 0, v, 0, k);
  }

  @Override
  protected void plant(Map<String, Double> planted) {
    StateLayout layout = layout();
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("v[") || !layout.contains(name)) throw notPlantable("committee", name, "v[k] entries");
      v[layout.indexOf(name) - vB.offset()] = plantedValue(name, e.getValue());
    }
  }

  @Override
  public void step() {
    for (int j = 0; j < d; j++) x[j] = gauss.sample();
    double y = sigma0 == 0 ? 0 : sigma0 * gauss.sample();
    for (int q = 0; q < m; q++) {
      double nu = 0;
      for (int j = 0; j <= q; j++) nu += chol[q][j] * x[j];
      y += sM * vstar[q] * act.valueNoAlloc(nu);
    }
    double yhat = 0;
    for (int i = 0; i < k; i++) {
      double[] wi = w[i];
      double s = 0;
      for (int j = 0; j < d; j++) s += wi[j] * x[j];
      lambda[i] = s * invSqrtN;
      yhat += sK * v[i] * act.valueNoAlloc(lambda[i]);
    }
    double delta = yhat - y;
    for (int i = 0; i < k; i++) coef[i] = eta * invSqrtN * sK * v[i] * delta * act.derivative(lambda[i]);
    if (etaV > 0) {
      double f = etaV / d * sK * delta;
      for (int i = 0; i < k; i++) v[i] -= f * act.valueNoAlloc(lambda[i]);
    }
    for (int i = 0; i < k; i++) {
      double[] wi = w[i];
      double c = coef[i];
      if (shrink == 1) {
        for (int j = 0; j < d; j++) wi[j] -= c * x[j];
      } else {
        for (int j = 0; j < d; j++) wi[j] = shrink * wi[j] - c * x[j];
      }
    }
  }

  @Override
  public void statistics(double[] out) {
    for (int i = 0; i < k; i++) {
      for (int l = i; l < k; l++) out[qB.index(i, l)] = dot(w[i], w[l], 0, d) / d;
      for (int q = 0; q < m; q++) out[rB.index(i, q)] = dot(w[i], chol[q], 0, q + 1) * invSqrtN;
      out[vB.index(i, 0)] = v[i];
    }
  }

  /** The model simulated. */
  public Committee model() {
    return model;
  }
}
