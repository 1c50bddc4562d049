package org.effdyn.model.generic;

import java.util.Arrays;

/**
 * The pre-integration along a kink. In η-space kink j of class c is the hyperplane
 * a_cj·η = b_j − n_j·s̄_c with a_cj = C_sᵀ n_j; when, for every class, all non-zero a_cj are parallel
 * ({@link #plan}), the moments are integrated over lines η = P_c ξ + τ e_c, e_c = a_c/|a_c|, P_c an
 * orthonormal basis of e_c⊥: each line is cut at the kinks τ_j, every piece of [−L, L]
 * (L = {@value #LINE_HALF_WIDTH}) gets Gauss–Legendre points with weight φ(τ), and ξ an outer Gauss–Hermite
 * rule on r − 1 dimensions ({@link #integrate}). One per thread; allocation-free.
 */
final class KinkLines {
  /** Pre-integration lines run over τ in [-L, L]; the N(0, 1) mass outside is 1.2e-15. */
  static final double LINE_HALF_WIDTH = 8;

  private final LimitSetup setup;
  private final NoiseReduction red;
  private final MomentTable moments;
  private final int p;
  private final int classes;
  private final int kinkCount;
  private final double[][] eDir;
  private final double[][][] perp;
  private final double[][][] aEta;
  private final double[][] aDotE;
  private final double[][] kinkOff;
  private final double[] normal;
  private final double[] base;
  private final double[] tau;
  private final double[] eta;

  KinkLines(LimitSetup s, NoiseReduction red, MomentTable moments) {
    this.setup = s;
    this.red = red;
    this.moments = moments;
    this.p = s.p;
    this.classes = s.classes;
    this.kinkCount = s.kinkCount;
    int rMax = s.rMax;
    this.eDir = new double[classes][rMax];
    this.perp = new double[classes][rMax][Math.max(rMax - 1, 0)];
    this.aEta = new double[classes][kinkCount][rMax];
    this.aDotE = new double[classes][kinkCount];
    this.kinkOff = new double[classes][kinkCount];
    this.normal = new double[p];
    this.base = new double[rMax];
    this.tau = new double[kinkCount + 2];
    this.eta = new double[rMax];
  }

  /**
   * Plans the lines at the state {@link NoiseReduction#prepare} read (needs fixed labels and a loss with
   * {@link HasKinks}): per class e_c, P_c, a_cj·e_c and the offsets. Returns false if some class has kinks in
   * several directions (then the lines would not remove them).
   */
  boolean plan() {
    HasKinks hk = (HasKinks) setup.loss;
    int r = red.r;
    double[][] cm = red.cm;
    for (int c = 0; c < classes; c++) {
      double[] e = eDir[c];
      boolean have = false;
      for (int j = 0; j < kinkCount; j++) {
        double b = hk.kink(j, setup.fixedLabels[c], red.theta, normal);
        double off = b;
        for (int a = 0; a < p; a++) off -= normal[a] * red.sbar[c][a];
        kinkOff[c][j] = off;
        double norm2 = 0;
        for (int k = 0; k < r; k++) {
          double x = 0;
          for (int a = 0; a < p; a++) x += cm[a][k] * normal[a];
          aEta[c][j][k] = x;
          norm2 += x * x;
        }
        if (norm2 == 0) continue;
        if (!have) {
          double inv = 1 / Math.sqrt(norm2);
          for (int k = 0; k < r; k++) e[k] = aEta[c][j][k] * inv;
          have = true;
        } else {
          double dot = 0;
          for (int k = 0; k < r; k++) dot += aEta[c][j][k] * e[k];
          if (dot * dot < (1 - 1e-12) * norm2) return false; // not parallel: several kink directions
        }
      }
      if (!have) {
        for (int k = 0; k < r; k++) e[k] = k == 0 ? 1 : 0;
      }
      for (int j = 0; j < kinkCount; j++) {
        double dot = 0;
        for (int k = 0; k < r; k++) dot += aEta[c][j][k] * e[k];
        aDotE[c][j] = dot;
      }
      // orthonormal basis of e⊥: columns 1..r-1 of the Householder reflection H = I - 2 v vᵀ/|v|²,
      // v = e + sign(e_0) e_0-axis, which maps the first axis to ∓e
      double sg = e[0] >= 0 ? 1 : -1;
      double v0 = e[0] + sg;
      double vv = v0 * v0;
      for (int k = 1; k < r; k++) vv += e[k] * e[k];
      for (int i = 0; i < r; i++) {
        double vi = i == 0 ? v0 : e[i];
        for (int k = 1; k < r; k++) perp[c][i][k - 1] = (i == k ? 1 : 0) - 2 * vi * e[k] / vv;
      }
    }
    return true;
  }

  /**
   * The moments by pre-integration into the {@link MomentTable}: for each class and outer node ξ (r - 1 dims;
   * none at r = 1, outer null), the line η = P_c ξ + τ e_c is cut at the kinks τ_j = (off_cj - a_cj·P_c ξ)/(a_cj·e_c)
   * and each piece of [-L, L] gets the Gauss–Legendre points gx (weights gw, on [-1, 1]) with weight φ(τ).
   */
  void integrate(double[] u, RuleNodes outer, double[] gx, double[] gw) {
    moments.begin(u);
    int r = red.r;
    int nOut = outer == null ? 1 : outer.weights().length;
    int d = r - 1;
    double norm = 1 / Math.sqrt(2 * Math.PI);
    for (int c = 0; c < classes; c++) {
      double[] e = eDir[c];
      double[][] pc = perp[c];
      for (int o = 0; o < nOut; o++) {
        double wo = outer == null ? 1 : outer.weights()[o];
        for (int i = 0; i < r; i++) {
          double x = 0;
          for (int k = 0; k < d; k++) x += pc[i][k] * outer.nodes()[o * d + k];
          base[i] = x;
        }
        int cuts = 0;
        tau[cuts++] = -LINE_HALF_WIDTH;
        for (int j = 0; j < kinkCount; j++) {
          double ad = aDotE[c][j];
          if (ad == 0) continue;
          double x = kinkOff[c][j];
          for (int i = 0; i < r; i++) x -= aEta[c][j][i] * base[i];
          double t = x / ad;
          if (t > -LINE_HALF_WIDTH && t < LINE_HALF_WIDTH) tau[cuts++] = t;
        }
        tau[cuts++] = LINE_HALF_WIDTH;
        Arrays.sort(tau, 1, cuts - 1);
        for (int piece = 0; piece + 1 < cuts; piece++) {
          double half = 0.5 * (tau[piece + 1] - tau[piece]);
          if (half <= 0) continue;
          double mid = tau[piece] + half;
          for (int g = 0; g < gx.length; g++) {
            double t = mid + half * gx[g];
            double wt = wo * half * gw[g] * norm * Math.exp(-0.5 * t * t);
            for (int i = 0; i < r; i++) eta[i] = base[i] + t * e[i];
            moments.project(eta, 0);
            moments.classTerm(eta, 0, wt, 0, o, c);
          }
        }
      }
    }
    moments.end();
  }
}
