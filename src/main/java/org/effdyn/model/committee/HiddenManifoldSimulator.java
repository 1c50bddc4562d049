package org.effdyn.model.committee;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Online SGD of the committee machine on hidden-manifold inputs (docs/committee.md; Bae &amp; Jeong 2024,
 * arXiv:2405.00642, (S28)–(S29)): per step a fresh latent c ~ N(0, I_D), u = Fᵀc/√D, X = f(u), ν_m = W̃_m·c/√D,
 * y = Σ_m v*_m g(ν_m) + σ₀ζ (ζ ~ N(0, 1) drawn only when σ₀ &gt; 0), λ_k = W_k·X/√N, Δ = Σ_k v_k g(λ_k) − y and
 * \[ W_k \leftarrow W_k - \frac{\eta}{\sqrt N} v_k \Delta g'(\lambda_k) X,\qquad
 *    v_k \leftarrow v_k - \frac{\eta_v}{N} g(\lambda_k)\Delta \]
 * (both from the old state); t = steps/N. F (D × N) and W̃ (M × D) have i.i.d. N(0, 1) entries, drawn
 * at {@link #initialize} with W ~ N(0, σ_w² I); D = round(δ_r N) ≥ 1. A step costs DN + (K + M + 1)N
 * multiply-adds and allocates nothing.
 *
 * <p>Statistics: {@link #statistics} bins the exact spectral projections onto the model's nodes
 * (see {@link HiddenManifoldCommittee}); {@link #empiricalState} gives them on the D empirical
 * eigenvalues of FFᵀ/N (for {@link #empiricalOde}); {@link #reduced} gives the GET statistics
 * Q = (c − b²)Ω + b²Σ, R = (b/D) S W̃ᵀ, v and ε_g. Initialization diagonalizes FFᵀ/N (O(D³)).
 */
public final class HiddenManifoldSimulator extends AbstractSgdSimulator {
  private final HiddenManifoldCommittee model;
  private final int k;
  private final int m;
  private final int dd;
  private final Activation act;
  private final InputNonlinearity fn;
  private final double eta;
  private final double etaV;
  private final double sigma0;
  private final double invSqrtN;
  private final double invSqrtD;
  private final double[] vstar;
  private final double[][] ft; // N x D, F transposed
  private final double[][] wt; // teacher M x D
  private final double[][] w; // K x N
  private final double[] v;
  private final double[] c;
  private final double[] x;
  private final double[] lambda;
  private final double[] coef;
  private double[] eig; // D eigenvalues of FF^T/N
  private double[][] proj; // D x N: F^T psi_tau / sqrt(N D), |psi|^2 = D
  private double[][] omega; // D x M: W~_m . psi_tau / sqrt(D)
  private final double[][] s; // K x D projections
  private final double[] nodeRho;
  private final double[] nodeWeight;

  /** Time per step 1/N (t = steps/N). */
  public HiddenManifoldSimulator(HiddenManifoldCommittee model, int dimension) {
    super(model.layout(), dimension, 2, 1.0 / dimension);
    this.model = model;
    this.k = model.hiddenUnits();
    this.m = model.teacherUnits();
    this.dd = Math.max(1, (int) Math.round(model.deltaR() * dimension));
    this.act = model.activation();
    this.fn = model.inputNonlinearity();
    this.eta = model.eta();
    this.etaV = model.etaV();
    this.sigma0 = model.sigma0();
    this.invSqrtN = 1 / Math.sqrt(dimension);
    this.invSqrtD = 1 / Math.sqrt(dd);
    this.vstar = model.vstar();
    this.ft = new double[dimension][dd];
    this.wt = new double[m][dd];
    this.w = new double[k][dimension];
    this.v = new double[k];
    this.c = new double[dd];
    this.x = new double[dimension];
    this.lambda = new double[k];
    this.coef = new double[k];
    this.s = new double[k][dd];
    this.nodeRho = model.nodes();
    this.nodeWeight = model.weights();
  }

  /** D = round(δ_r N). */
  public int latentDimension() {
    return dd;
  }

  /** Rejects planted values before drawing anything (the draw costs O(D N + D³)). */
  @Override
  public void initialize(UniformRandomProvider rng, Map<String, Double> planted) {
    if (!planted.isEmpty()) throw new IllegalArgumentException("init: the hidden-manifold simulator plants nothing, got " + planted.keySet());
    super.initialize(rng, planted);
  }

  @Override
  protected void plant(Map<String, Double> planted) {
    // nothing is plantable (checked in initialize)
  }

  /** Draws F, W̃, W and v0, then diagonalizes FFᵀ/N and projects F and W̃ on its eigenvectors. */
  @Override
  protected void drawStart() {
    for (double[] row : ft) fillGaussian(row);
    for (double[] row : wt) fillGaussian(row);
    double sw = model.sigmaW();
    for (double[] row : w) fillGaussian(row, sw);
    System.arraycopy(model.v0(), 0, v, 0, k);
    double[][] ff = new double[dd][dd];
    for (int i = 0; i < d; i++) {
      double[] fi = ft[i];
      for (int r = 0; r < dd; r++) {
        double a = fi[r];
        double[] row = ff[r];
        for (int q = r; q < dd; q++) row[q] += a * fi[q];
      }
    }
    for (int r = 0; r < dd; r++) for (int q = r; q < dd; q++) ff[q][r] = ff[r][q] = ff[r][q] / d;
    EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(ff));
    eig = e.getEigenvalues().clone();
    double[][] psi = new double[dd][];
    for (int t = 0; t < dd; t++) psi[t] = e.getEigenvector(t).toArray(); // unit norm; ψ = √D · this
    // proj[t][i] = (F^T ψ_t)_i / sqrt(N D) = Σ_r F_ri e_tr / sqrt(N)
    proj = new double[dd][d];
    for (int t = 0; t < dd; t++) {
      double[] et = psi[t];
      double[] pt = proj[t];
      for (int i = 0; i < d; i++) {
        double sum = 0;
        double[] fi = ft[i];
        for (int r = 0; r < dd; r++) sum += fi[r] * et[r];
        pt[i] = sum * invSqrtN;
      }
    }
    omega = new double[dd][m];
    for (int t = 0; t < dd; t++) {
      for (int q = 0; q < m; q++) {
        double sum = 0;
        for (int r = 0; r < dd; r++) sum += wt[q][r] * psi[t][r];
        omega[t][q] = sum; // W~ . (√D e) / √D
      }
    }
  }

  @Override
  public void step() {
    for (int r = 0; r < dd; r++) c[r] = gauss.sample();
    for (int i = 0; i < d; i++) {
      double[] fi = ft[i];
      double u = 0;
      for (int r = 0; r < dd; r++) u += fi[r] * c[r];
      x[i] = fn.f(u * invSqrtD);
    }
    double y = 0;
    for (int q = 0; q < m; q++) {
      double nu = 0;
      double[] tq = wt[q];
      for (int r = 0; r < dd; r++) nu += tq[r] * c[r];
      y += vstar[q] * act.valueNoAlloc(nu * invSqrtD);
    }
    if (sigma0 > 0) y += sigma0 * gauss.sample();
    double yhat = 0;
    for (int i = 0; i < k; i++) {
      double[] wi = w[i];
      double sum = 0;
      for (int j = 0; j < d; j++) sum += wi[j] * x[j];
      lambda[i] = sum * invSqrtN;
      yhat += v[i] * act.valueNoAlloc(lambda[i]);
    }
    double delta = yhat - y;
    for (int i = 0; i < k; i++) coef[i] = eta * invSqrtN * v[i] * delta * act.derivative(lambda[i]);
    if (etaV > 0) {
      double f = etaV / d * delta;
      for (int i = 0; i < k; i++) v[i] -= f * act.valueNoAlloc(lambda[i]);
    }
    for (int i = 0; i < k; i++) {
      double[] wi = w[i];
      double cf = coef[i];
      for (int j = 0; j < d; j++) wi[j] -= cf * x[j];
    }
  }

  /** s[k][τ] = W_k · proj_τ = S_k·ψ_τ/√D. */
  private void project() {
    for (int i = 0; i < k; i++) for (int t = 0; t < dd; t++) s[i][t] = dot(w[i], proj[t], 0, d);
  }

  private double omegaEntry(int i, int l) {
    return dot(w[i], w[l], 0, d) / d;
  }

  /** Binned onto the model's nodes: Σ_q w_q r_q = (1/D) Σ_τ s ω exactly, likewise σ. */
  @Override
  public void statistics(double[] out) {
    project();
    double[] rho = nodeRho;
    double[] wq = nodeWeight;
    int nq = rho.length;
    int km = k * m, sym = k * (k + 1) / 2;
    StateLayout layout = layout();
    int oOff = layout.block("Omega").offset(), vOff = layout.block("v").offset();
    int rOff = layout.block("r").offset(), sOff = layout.block("sigma").offset();
    for (int i = 0; i < k; i++) for (int l = i; l < k; l++) out[oOff + HiddenManifoldOde.sym(k, i, l)] = omegaEntry(i, l);
    for (int i = 0; i < k; i++) out[vOff + i] = v[i];
    java.util.Arrays.fill(out, rOff, sOff + nq * sym, 0);
    for (int t = 0; t < dd; t++) {
      int q = nearest(rho, eig[t]);
      for (int i = 0; i < k; i++) {
        for (int a = 0; a < m; a++) out[rOff + q * km + i * m + a] += s[i][t] * omega[t][a];
        for (int l = i; l < k; l++) out[sOff + q * sym + HiddenManifoldOde.sym(k, i, l)] += s[i][t] * s[l][t];
      }
    }
    for (int q = 0; q < nq; q++) {
      double f = 1 / (dd * wq[q]);
      for (int j = 0; j < km; j++) out[rOff + q * km + j] *= f;
      for (int j = 0; j < sym; j++) out[sOff + q * sym + j] *= f;
    }
  }

  private static int nearest(double[] nodes, double x) {
    int best = 0;
    for (int q = 1; q < nodes.length; q++) if (Math.abs(nodes[q] - x) < Math.abs(nodes[best] - x)) best = q;
    return best;
  }

  /** The state on the D empirical eigenvalues (weights 1/D), layout {@code HiddenManifoldOde.layout(K, M, D)}. */
  public double[] empiricalState() {
    project();
    StateLayout l = HiddenManifoldOde.layout(k, m, dd);
    double[] out = new double[l.size()];
    int km = k * m, sym = k * (k + 1) / 2;
    int oOff = l.block("Omega").offset(), vOff = l.block("v").offset(), rOff = l.block("r").offset(), sOff = l.block("sigma").offset();
    for (int i = 0; i < k; i++) for (int j = i; j < k; j++) out[oOff + HiddenManifoldOde.sym(k, i, j)] = omegaEntry(i, j);
    for (int i = 0; i < k; i++) out[vOff + i] = v[i];
    for (int t = 0; t < dd; t++) {
      for (int i = 0; i < k; i++) {
        for (int a = 0; a < m; a++) out[rOff + t * km + i * m + a] = s[i][t] * omega[t][a];
        for (int j = i; j < k; j++) out[sOff + t * sym + HiddenManifoldOde.sym(k, i, j)] = s[i][t] * s[j][t];
      }
    }
    return out;
  }

  /** The ODE on the empirical spectrum of this draw's F, with teacher density t_nm(ρ_τ) = ω_nτ ω_mτ. */
  public HiddenManifoldOde empiricalOde() {
    double[] wts = new double[dd];
    java.util.Arrays.fill(wts, 1.0 / dd);
    double[][][] t = new double[dd][m][m];
    for (int q = 0; q < dd; q++) for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) t[q][a][b] = omega[q][a] * omega[q][b];
    return new HiddenManifoldOde(k, m, act, fn.b(), fn.c(), (double) dd / d, eta, etaV, vstar, eig, wts, t, sigma0,
        model.quadratureNodes());
  }

  /**
   * GET statistics of the current weights: (Q packed, R, v, ε_g) as {@link HiddenManifoldOde#reduced}
   * (for recording; builds the empirical ODE, so it allocates O(D) per call).
   */
  public void reduced(double[] out) {
    HiddenManifoldOde ode = empiricalOde();
    ode.reduced(empiricalState(), out);
  }
}
