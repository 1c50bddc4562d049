package org.effdyn.model.lazy;

import static org.effdyn.model.lazy.LazyVectors.dist;
import static org.effdyn.model.lazy.LazyVectors.dot;
import static org.effdyn.model.lazy.LazyVectors.gram;
import static org.effdyn.model.lazy.LazyVectors.norm;
import static org.effdyn.model.lazy.LazyVectors.symmetricNorm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.StateLayout;

/**
 * The derived columns for one flow of a {@link LazyProblem} (gaps, movements, kernel change, R, κ
 * and the bounds of {@link LazyBounds}; the list is in {@link LazyProblem}'s class comment), computed
 * from the state row.
 */
final class LazyColumns implements DerivedColumns {
  private final LazyProblem pr;
  private final LinearizedFlow lin;
  private final Flow flow;
  private final StateLayout layout;
  private final List<String> names;

  LazyColumns(LazyProblem pr, LinearizedFlow lin, Flow flow) {
    this.pr = pr;
    this.lin = lin;
    this.flow = flow;
    this.layout = pr.layout(flow);
    List<String> l = new ArrayList<>();
    if (flow.hasFull()) l.addAll(List.of("gap", "gap_rel", "gap_w", "move_w"));
    l.add("move_wbar");
    if (flow.hasFull()) l.addAll(List.of("dK", "dK_rel", "dJ", "R"));
    l.addAll(List.of("Rbar", "kappa", "bound_thm12", "bound_sharp"));
    if (flow.hasFull()) l.add("bound_post");
    l.addAll(List.of("bound_chizat", "bound_move", "bound_dK"));
    if (flow.hasCorrection()) l.addAll(List.of("r1", "gap_pred", "gap_w_pred"));
    if (flow.hasFull()) l.addAll(List.of("agap_t", "energy_err"));
    l.add("lin_err");
    this.names = List.copyOf(l);
  }

  @Override
  public List<String> names() {
    return names;
  }

  private double[] block(double[] u, String name) {
    StateLayout.Block b = layout.block(name);
    return Arrays.copyOfRange(u, b.offset(), b.offset() + b.size());
  }

  @Override
  public void compute(double[] u, double[] out) {
    int n = pr.n();
    int p = pr.p();
    double alpha = pr.alpha();
    double r0 = pr.r0();
    double r0Norm = pr.residualNorm0();
    double t = u[0];
    int k = 0;
    double[] vbar = block(u, "vbar");
    double[] rbar = lin.residual(vbar);
    double rho = pr.radius(t);
    double lip = pr.lipschitz(rho);
    double kappa = t * lip * Math.sqrt(r0) / alpha;
    double gap = Double.NaN;
    double[] v = null;
    double[] r = null;
    if (flow.hasFull()) {
      v = block(u, "v");
      r = pr.residual(v);
      gap = dist(r, rbar);
      out[k++] = gap;
      out[k++] = gap / r0Norm;
      out[k++] = dist(v, vbar) / alpha;
      out[k++] = norm(v) / alpha;
    }
    out[k++] = norm(vbar) / alpha;
    if (flow.hasFull()) {
      double[][] jt = new double[n][p];
      pr.model().jacobian(v, alpha, jt);
      double[][] kt = gram(jt);
      double[][] dj = new double[n][p];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) kt[i][j] -= lin.k0[i][j];
        for (int j = 0; j < p; j++) dj[i][j] = jt[i][j] - lin.j0[i][j];
      }
      double dk = symmetricNorm(kt);
      out[k++] = dk;
      out[k++] = lin.k0Norm > 0 ? dk / lin.k0Norm : Double.NaN;
      out[k++] = Math.sqrt(symmetricNorm(gram(dj)));
      out[k++] = dot(r, r) / 2;
    }
    out[k++] = dot(rbar, rbar) / 2;
    out[k++] = kappa;
    out[k++] = LazyBounds.thm12(kappa, r0);
    out[k++] = LazyBounds.sharp(kappa, r0);
    if (flow.hasFull()) {
      double vp = u[layout.indexOf("Vpath")];
      out[k++] = vp * (2 * Math.sqrt(t) + 3 * t * vp) * r0Norm;
    }
    double rc = ProblemBounds.chizatRadius(pr, t);
    out[k++] = Double.isNaN(rc) ? Double.NaN
        : LazyBounds.chizat(t, pr.lipschitzH(rc), pr.lipschitz(rc), r0, alpha);
    out[k++] = rho;
    out[k++] = 2 * lin.j0Norm * lip * rho + lip * lip * rho * rho;
    if (flow.hasCorrection()) {
      double[] v1 = block(u, "v1");
      double r1 = norm(pr.firstOrderResidual(vbar, v1));
      out[k++] = r1;
      out[k++] = r1 / alpha;
      out[k++] = norm(v1) / (alpha * alpha);
    }
    if (flow.hasFull()) {
      out[k++] = t > 0 ? alpha * gap / t : 0.0;
      out[k++] = u[layout.indexOf("E")] - (r0 - dot(r, r) / 2);
    }
    double[] rc0 = new double[n];
    lin.closedForm(t, rc0, new double[p]);
    out[k] = dist(rbar, rc0);
  }
}
