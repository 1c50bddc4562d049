package org.effdyn.model.generic;

import java.util.Arrays;

/**
 * The moment table of {@link GenericLimit}, accumulated node by node over a rule in η-space: per class E_c[g], then
 * E[g ηᵀ], E[g gᵀ], E[γ] (and E[H] for {@link GenericOptions.Form#STEIN}), each weighted by p_c and the
 * label-noise weights; per replicate for a randomized rule. Because t = t̄_c + C_t η exactly, these suffice
 * for M_t, M_Z, M_gg and M_γ ({@link DriftAssembly}). A non-finite loss gradient throws, naming the node,
 * class, (s, y, θ) and the state. One per thread; allocation-free after the first call at each dimension,
 * except inside an AD gradient.
 */
final class MomentTable {
  private final LimitSetup setup;
  private final NoiseReduction red;
  private final MultiIndexLoss loss;
  private final LabelModel labels;
  private final int p;
  private final int q;
  private final int k0;
  private final int classes;
  private final int rMax;
  private final int momentSize;
  private final boolean stein;
  private final boolean needT;
  private final double[][] fixedLabels;
  private final double[] probs;
  private final double[][] tbar;
  private final double[] zetaNodes;
  private final double[] zetaWeights;
  private final int nZeta;
  private final double[][] cm;
  private final double[][] sbar;
  private final double[] theta;
  private final double[] sn;
  private final double[] tn;
  private final double[] s;
  private final double[] t;
  private final double[] y;
  private final double[] zeta;
  /** ∂ℓ/∂s and ∂ℓ/∂θ at the current node and class. */
  final double[] gs;
  final double[] gth;
  private final double[][] hess;
  private final double[] eta0 = new double[0];
  /** Moments per replicate: [G1 (C × p) | Gη (p × rMax) | Ggg (p × p) | Gγ (k0) | H], each weight-summed. */
  double[] acc;
  /** The moments summed over the replicates. */
  final double[] total;
  /** The integration dimension of the running integration. */
  private int r;
  private double[] uRef;
  /** Receives every node while {@link Volatility#compute} runs (else null). */
  Volatility volatility;

  MomentTable(LimitSetup setup, NoiseReduction red) {
    this.setup = setup;
    this.red = red;
    this.loss = setup.loss;
    this.labels = setup.law.labels();
    this.p = setup.p;
    this.q = setup.q;
    this.k0 = setup.k0;
    this.classes = setup.classes;
    this.rMax = setup.rMax;
    this.momentSize = setup.momentSize;
    this.stein = setup.stein;
    this.fixedLabels = setup.fixedLabels;
    this.needT = fixedLabels == null && setup.labelAnchors.length > 0;
    this.probs = setup.probs;
    this.tbar = setup.tbar;
    this.zetaNodes = setup.zetaNodes;
    this.zetaWeights = setup.zetaWeights;
    this.nZeta = setup.nZeta;
    this.cm = red.cm;
    this.sbar = red.sbar;
    this.theta = red.theta;
    this.sn = new double[p];
    this.tn = new double[q];
    this.s = new double[p];
    this.t = new double[q];
    this.y = new double[setup.ydim];
    this.zeta = new double[nZeta];
    this.gs = new double[p];
    this.gth = new double[k0];
    this.hess = new double[p][p];
    this.acc = new double[momentSize];
    this.total = new double[momentSize];
  }

  /** Accumulates the moments over the rule (or the single node at r = 0) into total (and per replicate). */
  void integrate(double[] u, RuleNodes rd) {
    uRef = u;
    r = red.r;
    int reps = rd == null ? 1 : rd.replicates();
    int need = reps * momentSize;
    if (acc.length < need) acc = new double[need];
    Arrays.fill(acc, 0, need, 0.0);
    if (rd == null) {
      node(eta0, 0, 1.0, 0, -1);
    } else {
      double[] x = rd.nodes();
      double[] wt = rd.weights();
      int per = rd.perReplicate();
      for (int k = 0; k < reps; k++) {
        int off = k * momentSize;
        for (int i = k * per; i < (k + 1) * per; i++) node(x, i * r, wt[i], off, i);
      }
    }
    Arrays.fill(total, 0.0);
    for (int k = 0; k < reps; k++) {
      int off = k * momentSize;
      for (int i = 0; i < momentSize; i++) total[i] += acc[off + i];
    }
  }

  /** Starts an integration whose nodes the caller feeds through {@link #project} and {@link #classTerm}. */
  void begin(double[] u) {
    uRef = u;
    r = red.r;
    if (acc.length < momentSize) acc = new double[momentSize];
    Arrays.fill(acc, 0, momentSize, 0.0);
  }

  /** Ends an integration started by {@link #begin}: total = the accumulated moments. */
  void end() {
    System.arraycopy(acc, 0, total, 0, momentSize);
  }

  /** One node η = x[base .. base + r) with weight w, all classes and label-noise nodes. */
  private void node(double[] x, int base, double w, int off, int index) {
    project(x, base);
    for (int c = 0; c < classes; c++) classTerm(x, base, w, off, index, c);
  }

  /** The noise parts s - s̄ (and t - t̄ if the label reads t) at η = x[base .. base + r). */
  void project(double[] x, int base) {
    for (int a = 0; a < p; a++) {
      double v = 0;
      for (int j = 0; j < r; j++) v += cm[a][j] * x[base + j];
      sn[a] = v;
    }
    if (needT) {
      for (int b = 0; b < q; b++) {
        double v = 0;
        for (int j = 0; j < r; j++) v += cm[p + b][j] * x[base + j];
        tn[b] = v;
      }
    }
  }

  /** Accumulates class c at the projected node η = x[base .. base + r) with weight w (times p_c, ζ weights). */
  void classTerm(double[] x, int base, double w, int off, int index, int c) {
    int etaOff = off + classes * p;
    int ggOff = etaOff + p * rMax;
    int thOff = ggOff + p * p;
    double[] sb = sbar[c];
    for (int a = 0; a < p; a++) s[a] = sb[a] + sn[a];
    if (needT) for (int b = 0; b < q; b++) t[b] = tbar[c][b] + tn[b];
    for (int z = 0; z < zetaWeights.length; z++) {
      double[] yy;
      if (fixedLabels != null) {
        yy = fixedLabels[c];
      } else {
        for (int j = 0; j < nZeta; j++) zeta[j] = zetaNodes[z * nZeta + j];
        labels.label(c, t, zeta, y);
        yy = y;
      }
      loss.gradient(s, yy, theta, gs, gth);
      checkFinite(x, base, index, c, yy);
      double wc = w * probs[c] * zetaWeights[z];
      int g1 = off + c * p;
      for (int a = 0; a < p; a++) {
        double ga = wc * gs[a];
        acc[g1 + a] += ga;
        int row = etaOff + a * rMax;
        for (int j = 0; j < r; j++) acc[row + j] += ga * x[base + j];
        int gg = ggOff + a * p;
        for (int e = a; e < p; e++) acc[gg + e] += ga * gs[e];
      }
      for (int j = 0; j < k0; j++) acc[thOff + j] += wc * gth[j];
      if (stein) {
        if (loss instanceof HasHessian hh) hh.hessian(s, yy, theta, hess);
        else loss.hessianByAd(s, yy, theta, hess);
        int hOff = thOff + k0;
        for (int a = 0; a < p; a++) for (int e = 0; e < p; e++) acc[hOff + a * p + e] += wc * hess[a][e];
      }
      if (volatility != null) volatility.term(x, base, wc, c);
    }
  }

  private void checkFinite(double[] x, int base, int index, int c, double[] yy) {
    boolean ok = true;
    for (int a = 0; a < p; a++) ok &= Double.isFinite(gs[a]);
    for (int j = 0; j < k0; j++) ok &= Double.isFinite(gth[j]);
    if (ok) return;
    double[] eta = Arrays.copyOfRange(x, base, base + r);
    throw new IllegalArgumentException("loss gradient is not finite at quadrature node " + index + " (eta = "
        + Arrays.toString(eta) + "), class " + c + ": s = " + Arrays.toString(s) + ", y = " + Arrays.toString(yy)
        + ", theta = " + Arrays.toString(theta) + ", dl/ds = " + Arrays.toString(gs) + ", dl/dtheta = "
        + Arrays.toString(gth) + "; state " + setup.describe(uRef));
  }
}
