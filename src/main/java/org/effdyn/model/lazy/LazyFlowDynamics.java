package org.effdyn.model.lazy;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;

/**
 * The flows of docs/lazy.md in rescaled weights, as one ODE system (blocks per {@link Flow}):
 * \[ \dot{clock} = 1,\quad \dot v = J(w_0 + v/α)^T r,\ r = y^* − α[h(w_0 + v/α) − h(w_0)] \quad (N1) \]
 * \[ \dot{\bar v} = J_0^T \bar r,\ \bar r = y^* − J_0 \bar v \quad (N2) \]
 * \[ \dot v_1 = J_0^T r_1 + H(\bar r)\bar v,\ r_1 = −J_0 v_1 − q(\bar v)/2 \quad (F1) \]
 * \[ \dot V_{path} = L_{loc}(w)\,|\dot v|/α \ (B2),\qquad \dot E = |\dot v|^2 \ (N3). \]
 * The drift allocates nothing (per-thread scratch).
 */
final class LazyFlowDynamics implements Dynamics {
  private final LazyProblem pr;
  private final DifferentiableModel h;
  private final StateLayout layout;
  private final double[][] j0;
  private final double[] yStar;
  private final double alpha;
  private final int n;
  private final int p;
  private final int offV;
  private final int offVbar;
  private final int offV1;
  private final int offVpath;
  private final boolean full;
  private final boolean corr;
  private final ThreadLocal<double[][]> work;

  LazyFlowDynamics(LazyProblem pr, Flow flow, StateLayout layout, double[][] j0) {
    this.pr = pr;
    this.h = pr.model();
    this.layout = layout;
    this.j0 = j0;
    this.yStar = pr.yStar();
    this.alpha = pr.alpha();
    this.n = pr.n();
    this.p = pr.p();
    this.full = flow.hasFull();
    this.corr = flow.hasCorrection();
    this.offV = full ? layout.block("v").offset() : -1;
    this.offVbar = layout.block("vbar").offset();
    this.offV1 = corr ? layout.block("v1").offset() : -1;
    this.offVpath = full ? layout.indexOf("Vpath") : -1;
    int nn = n;
    int pp = p;
    // scratch: v, vbar, v1, r, rbar, r1, grad, q, hv
    this.work = ThreadLocal.withInitial(() -> new double[][] {
        new double[pp], new double[pp], new double[pp], new double[nn], new double[nn], new double[nn],
        new double[pp], new double[nn], new double[pp]});
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  @Override
  public void drift(double[] u, double[] out) {
    double[][] w = work.get();
    double[] vbar = w[1];
    double[] rbar = w[4];
    out[0] = 1.0;
    System.arraycopy(u, offVbar, vbar, 0, p);
    for (int i = 0; i < n; i++) {
      double s = 0;
      double[] row = j0[i];
      for (int k = 0; k < p; k++) s += row[k] * vbar[k];
      rbar[i] = yStar[i] - s;
    }
    transposeTimes(rbar, out, offVbar);
    if (full) {
      double[] v = w[0];
      double[] r = w[3];
      double[] grad = w[6];
      System.arraycopy(u, offV, v, 0, p);
      double lloc = h.fullDrift(v, alpha, yStar, r, grad);
      double g2 = 0;
      for (int k = 0; k < p; k++) {
        out[offV + k] = grad[k];
        g2 += grad[k] * grad[k];
      }
      out[offVpath] = lloc * Math.sqrt(g2) / alpha;
      out[offVpath + 1] = g2;
    }
    if (corr) {
      double[] v1 = w[2];
      double[] r1 = w[5];
      double[] q = w[7];
      double[] hv = w[8];
      System.arraycopy(u, offV1, v1, 0, p);
      h.secondOrder(vbar, rbar, q, hv);
      for (int i = 0; i < n; i++) {
        double s = 0;
        double[] row = j0[i];
        for (int k = 0; k < p; k++) s += row[k] * v1[k];
        r1[i] = -s - q[i] / 2;
      }
      transposeTimes(r1, out, offV1);
      for (int k = 0; k < p; k++) out[offV1 + k] += hv[k];
    }
  }

  /** out[off + k] = (J0^T r)_k. */
  private void transposeTimes(double[] r, double[] out, int off) {
    for (int k = 0; k < p; k++) out[off + k] = 0;
    for (int i = 0; i < n; i++) {
      double ri = r[i];
      double[] row = j0[i];
      for (int k = 0; k < p; k++) out[off + k] += row[k] * ri;
    }
  }

  LazyProblem problem() {
    return pr;
  }
}
