package org.effdyn.model.lazy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * One lazy-training problem of ntk.md §10.1: a model h with its initial Jacobian J0, the (effective)
 * target y* and the scale α. Gives the flows (§10.2–10.3) as one {@link Dynamics} per {@link Flow}, the
 * derived columns of §10.4 (with the bounds of §10.5), the linearized flow in closed form, and solves on
 * arbitrary (e.g. log-spaced) output times.
 *
 * <p>Precomputed at construction: J0 (n × p), K0 = J0 J0^T, its eigenvalues, the thin SVD
 * J0 = U S V^T (rank by Hipparchus' default threshold), |J0|, R0 = |y*|²/2. A singular K0 needs no
 * inverse anywhere: the closed form of the linearized flow uses the thin SVD, and the part of y*
 * outside range(J0) simply never decays (r̄ → (I − UU^T) y*); 1/λ_min(K0) is then reported as +∞.
 *
 * <p>Derived columns (after the state; which appear depends on the flow; t is the state's clock):
 * <ul>
 *   <li>full flow: {@code gap} = |r − r̄|, {@code gap_rel} = gap/|r0|, {@code gap_w} = |v − v̄|/α,
 *       {@code move_w} = |v|/α, {@code dK} = |K_t − K0|_op, {@code dK_rel} = dK/|K0|_op,
 *       {@code dJ} = |J_t − J0|_op, {@code R} = |r|²/2, {@code bound_post} = (B2) with
 *       S ≤ V ≤ Vpath, i.e. Vpath (2√t + 3t Vpath)|r0| (sup_{s≤t}|J_s − J0| ≤ the total variation
 *       because J starts at J0), {@code agap_t} = α·gap/t (0 at t = 0), {@code energy_err} =
 *       E − (R0 − R) (identity (N3), zero up to the solver's error);</li>
 *   <li>always: {@code move_wbar} = |v̄|/α, {@code Rbar}, {@code kappa} = t L √R0/α with
 *       L = L_ball(ρ_t), ρ_t = √(t R0)/α (the smallest radius (B1) allows, so (B1) is valid at every t),
 *       {@code bound_thm12} (B1), {@code bound_sharp} (B1'), {@code bound_chizat} (B3, re-derived
 *       constant, on the smallest radius ρ with t ≤ αρ/(Lip(h; ρ)√(2R0)); NaN where no radius
 *       exists: outside its validity range), {@code bound_move} = √(tR0)/α (B4),
 *       {@code bound_dK} = 2|J0|Lρ_t + L²ρ_t² (B5), {@code lin_err} = |r̄_ode − r̄_closed form| (O7);</li>
 *   <li>first-order correction: {@code r1} = |r1|, {@code gap_pred} = |r1|/α,
 *       {@code gap_w_pred} = |v1|/α².</li>
 * </ul>
 * For a running-maximum S (the sharper B2 of the spec) use {@link #postBoundRunningMax(Trajectory)}.
 */
public final class LazyProblem {
  /** DOP853 with rtol 1e-11, atol 1e-12 in the rescaled coordinates (the spec's §10.10 settings). */
  public static final OdeOptions DEFAULT_OPTIONS = OdeOptions.defaults().withTolerances(1e-11, 1e-12);

  private final DifferentiableModel h;
  private final double alpha;
  private final double[] yStar;
  private final int n;
  private final int p;
  private final double[][] j0;
  private final double[][] k0;
  private final double k0Norm;
  private final double j0Norm;
  private final double[] eig;
  private final double[] sv;
  private final double[][] uMat;
  private final double[][] vMat;
  private final double[] proj;
  private final double[] perp;
  private final double r0;
  private final double r0Norm;

  /**
   * @param h     the model
   * @param yStar the target the residual starts from, r(0) = y* (for a centred model the labels;
   *              uncentred: y* − αh(w0)), length n, finite
   * @param alpha the scale α &gt; 0, finite
   */
  public LazyProblem(DifferentiableModel h, double[] yStar, double alpha) {
    Check.positiveFinite("alpha", alpha);
    this.h = h;
    this.n = h.n();
    this.p = h.p();
    Check.length("target", yStar, n);
    Check.allFinite("target", yStar);
    this.yStar = yStar.clone();
    this.alpha = alpha;
    this.j0 = new double[n][p];
    h.jacobian(new double[p], alpha, j0);
    this.k0 = gram(j0);
    RealMatrix k = MatrixUtils.createRealMatrix(k0);
    double[] e = new EigenDecompositionSymmetric(k).getEigenvalues();
    Arrays.sort(e);
    for (int i = 0; i < e.length; i++) e[i] = Math.max(0, e[i]);
    this.eig = e;
    this.k0Norm = e[e.length - 1];
    this.j0Norm = Math.sqrt(k0Norm);
    SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(j0));
    int rank = svd.getRank();
    double[] s = svd.getSingularValues();
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    this.sv = Arrays.copyOf(s, rank);
    this.uMat = new double[n][rank];
    this.vMat = new double[p][rank];
    for (int c = 0; c < rank; c++) {
      for (int i = 0; i < n; i++) uMat[i][c] = u.getEntry(i, c);
      for (int i = 0; i < p; i++) vMat[i][c] = v.getEntry(i, c);
    }
    this.proj = new double[rank];
    this.perp = yStar.clone();
    for (int c = 0; c < rank; c++) {
      double sum = 0;
      for (int i = 0; i < n; i++) sum += uMat[i][c] * yStar[i];
      proj[c] = sum;
      for (int i = 0; i < n; i++) perp[i] -= uMat[i][c] * sum;
    }
    double ss = 0;
    for (double y : yStar) ss += y * y;
    this.r0 = ss / 2;
    this.r0Norm = Math.sqrt(ss);
  }

  static double[][] gram(double[][] j) {
    int n = j.length;
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++)
      for (int b = a; b < n; b++) {
        double s = 0;
        for (int k = 0; k < j[a].length; k++) s += j[a][k] * j[b][k];
        g[a][b] = s;
        g[b][a] = s;
      }
    return g;
  }

  /** Spectral norm of a symmetric matrix. */
  static double symmetricNorm(double[][] m) {
    if (m.length == 1) return Math.abs(m[0][0]);
    double[] e = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues();
    double best = 0;
    for (double x : e) best = Math.max(best, Math.abs(x));
    return best;
  }

  public DifferentiableModel model() { return h; }

  public double alpha() { return alpha; }

  public double[] yStar() { return yStar.clone(); }

  public int n() { return n; }

  public int p() { return p; }

  /** R0 = |r(0)|²/2 = |y*|²/2. */
  public double r0() { return r0; }

  /** |r(0)|. */
  public double residualNorm0() { return r0Norm; }

  /** |J0| (spectral). */
  public double j0Norm() { return j0Norm; }

  /** J0 (copy), n × p. */
  public double[][] j0() {
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) c[i] = j0[i].clone();
    return c;
  }

  /** K0 = J0 J0^T (copy). */
  public double[][] k0() {
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) c[i] = k0[i].clone();
    return c;
  }

  /** Eigenvalues of K0, ascending (clipped at 0). */
  public double[] k0Eigenvalues() { return eig.clone(); }

  /** Rank of J0 used by the closed form. */
  public int rank() { return sv.length; }

  /** L_ball(ρ): an upper bound on Lip(Dh) on B(w0, ρ), (L2); exact for the quadratic models. */
  public double lipschitz(double rho) { return h.ballLipschitz(rho); }

  /** Lip(h) on B(w0, ρ) ≤ |J0| + L_ball(ρ) ρ (§10.5). */
  public double lipschitzH(double rho) { return j0Norm + h.ballLipschitz(rho) * rho; }

  /** ρ_t = √(t R0)/α, the radius (B4) keeps both flows in. */
  public double radius(double t) { return Math.sqrt(t * r0) / alpha; }

  /** State layout of a flow: {@code clock, v[1..p], vbar[1..p], v1[1..p], Vpath, E} (see {@link Flow}). */
  public StateLayout layout(Flow flow) {
    StateLayout.Builder b = StateLayout.builder().scalar("clock");
    if (flow.hasFull()) b.vector("v", p);
    b.vector("vbar", p);
    if (flow.hasCorrection()) b.vector("v1", p);
    if (flow.hasFull()) b.scalar("Vpath").scalar("E");
    return b.build();
  }

  /** The ODE system of this flow; its initial state is 0. */
  public Dynamics dynamics(Flow flow) {
    return new LazyFlowDynamics(this, flow, layout(flow), j0);
  }

  /** Derived columns of §10.4 for this flow (see the class comment). */
  public DerivedColumns columns(Flow flow) {
    return new Columns(flow);
  }

  /**
   * Linearized flow in closed form (§10.2, O7): r̄(t) = U e^{−S²t} U^T y* + (I − UU^T) y*,
   * v̄(t) = V diag(−expm1(−s_i² t)/s_i) U^T y*. Exact for every t ≥ 0.
   */
  public void linearClosedForm(double t, double[] rbarOut, double[] vbarOut) {
    System.arraycopy(perp, 0, rbarOut, 0, n);
    Arrays.fill(vbarOut, 0.0);
    for (int c = 0; c < sv.length; c++) {
      double s = sv[c];
      double decay = Math.exp(-s * s * t) * proj[c];
      double grow = -Math.expm1(-s * s * t) / s * proj[c];
      for (int i = 0; i < n; i++) rbarOut[i] += uMat[i][c] * decay;
      for (int i = 0; i < p; i++) vbarOut[i] += vMat[i][c] * grow;
    }
  }

  /** Full residual r = y* − α[h(w0 + v/α) − h(w0)] at v. */
  public double[] residual(double[] v) {
    double[] r = new double[n];
    h.scaledIncrement(v, alpha, r);
    for (int i = 0; i < n; i++) r[i] = yStar[i] - r[i];
    return r;
  }

  /** Linear residual r̄ = y* − J0 v̄. */
  public double[] linearResidual(double[] vbar) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < p; k++) s += j0[i][k] * vbar[k];
      r[i] = yStar[i] - s;
    }
    return r;
  }

  /** First-order residual r1 = −J0 v1 − q(v̄)/2 (F1). */
  public double[] firstOrderResidual(double[] vbar, double[] v1) {
    double[] q = new double[n];
    h.secondOrder(vbar, new double[n], q, new double[p]);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < p; k++) s += j0[i][k] * v1[k];
      r[i] = -s - q[i] / 2;
    }
    return r;
  }

  /**
   * The smallest radius ρ with t ≤ αρ/(Lip(h; ρ)√(2R0)), on which the Chizat-type bound (B3) holds at
   * horizon t; NaN if none exists up to ρ = 1e12 (t beyond (B3)'s validity range). Found by doubling and
   * bisection, returning a ρ on the valid side.
   */
  public double chizatRadius(double t) {
    if (t == 0) return 0;
    double c = t * Math.sqrt(2 * r0) / alpha;
    double hi = Math.max(c * j0Norm, 1e-300);
    int guard = 0;
    while (hi < c * lipschitzH(hi)) {
      hi *= 2;
      if (++guard > 2000 || hi > 1e12) return Double.NaN;
    }
    double lo = hi / 2;
    if (lo < c * lipschitzH(lo)) {
      for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid >= c * lipschitzH(mid)) hi = mid; else lo = mid;
      }
    }
    return hi;
  }

  /**
   * Solves a flow from 0 on explicit output times (times[0] = 0, strictly increasing; e.g.
   * {@link LazySweep#logGrid}), one integrator run per output interval, and appends the derived columns.
   *
   * @throws IllegalArgumentException for bad times
   */
  public Trajectory solve(Flow flow, double[] times, OdeOptions options) {
    checkTimes(times);
    Dynamics dyn = dynamics(flow);
    OdeSolver solver = new OdeSolver(options);
    double[][] states = new double[times.length][];
    double[] u = new double[dyn.dimension()];
    states[0] = u.clone();
    long ev = 0, acc = 0, rej = 0, nanos = 0;
    for (int i = 1; i < times.length; i++) {
      Trajectory seg = solver.solve(dyn, u, new TimeGrid(times[i - 1], times[i], 2));
      u = seg.finalState();
      u[0] = times[i]; // the clock is exact
      states[i] = u.clone();
      ev += seg.stats().evaluations();
      acc += seg.stats().acceptedSteps();
      rej += Math.max(0, seg.stats().rejectedSteps());
      nanos += seg.stats().wallNanos();
    }
    Trajectory t = new Trajectory(dyn.layout(), times, states, new SolveStats(ev, acc, rej, nanos));
    return columns(flow).appendTo(t);
  }

  /** Solves with {@link #DEFAULT_OPTIONS}. */
  public Trajectory solve(Flow flow, double[] times) {
    return solve(flow, times, DEFAULT_OPTIONS);
  }

  static void checkTimes(double[] times) {
    if (times == null || times.length < 2) throw new IllegalArgumentException("times: need at least 2 output times");
    if (times[0] != 0) throw new IllegalArgumentException("times[0] must be 0, got " + times[0]);
    for (int i = 1; i < times.length; i++) {
      if (!(times[i] > times[i - 1]) || !Double.isFinite(times[i])) {
        throw new IllegalArgumentException("times must be finite and strictly increasing; times[" + i + "] = "
            + times[i] + " after " + times[i - 1]);
      }
    }
  }

  /**
   * (B2) with S(t) the running maximum of {@code dJ} over the trajectory's rows and V ≤ Vpath:
   * S(t)(2√t + 3t Vpath(t))|r0|. Needs a trajectory of a flow with the full part and its derived columns.
   */
  public double[] postBoundRunningMax(Trajectory tr) {
    double[] dj = tr.column("dJ");
    double[] vp = tr.column("Vpath");
    double[] out = new double[tr.size()];
    double s = 0;
    for (int i = 0; i < out.length; i++) {
      s = Math.max(s, dj[i]);
      double t = tr.time(i);
      out[i] = s * (2 * Math.sqrt(t) + 3 * t * vp[i]) * r0Norm;
    }
    return out;
  }

  /** The derived columns; see the class comment. */
  private final class Columns implements DerivedColumns {
    private final Flow flow;
    private final StateLayout layout;
    private final List<String> names;

    Columns(Flow flow) {
      this.flow = flow;
      this.layout = layout(flow);
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
      double t = u[0];
      int k = 0;
      double[] vbar = block(u, "vbar");
      double[] rbar = linearResidual(vbar);
      double rho = radius(t);
      double lip = lipschitz(rho);
      double kappa = t * lip * Math.sqrt(r0) / alpha;
      double gap = Double.NaN;
      double[] v = null;
      double[] r = null;
      if (flow.hasFull()) {
        v = block(u, "v");
        r = residual(v);
        gap = dist(r, rbar);
        out[k++] = gap;
        out[k++] = gap / r0Norm;
        out[k++] = dist(v, vbar) / alpha;
        out[k++] = norm(v) / alpha;
      }
      out[k++] = norm(vbar) / alpha;
      if (flow.hasFull()) {
        double[][] jt = new double[n][p];
        h.jacobian(v, alpha, jt);
        double[][] kt = gram(jt);
        double[][] dj = new double[n][p];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) kt[i][j] -= k0[i][j];
          for (int j = 0; j < p; j++) dj[i][j] = jt[i][j] - j0[i][j];
        }
        double dk = symmetricNorm(kt);
        out[k++] = dk;
        out[k++] = k0Norm > 0 ? dk / k0Norm : Double.NaN;
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
      double rc = chizatRadius(t);
      out[k++] = Double.isNaN(rc) ? Double.NaN
          : LazyBounds.chizat(t, lipschitzH(rc), lipschitz(rc), r0, alpha);
      out[k++] = rho;
      out[k++] = 2 * j0Norm * lip * rho + lip * lip * rho * rho;
      if (flow.hasCorrection()) {
        double[] v1 = block(u, "v1");
        double r1 = norm(firstOrderResidual(vbar, v1));
        out[k++] = r1;
        out[k++] = r1 / alpha;
        out[k++] = norm(v1) / (alpha * alpha);
      }
      if (flow.hasFull()) {
        out[k++] = t > 0 ? alpha * gap / t : 0.0;
        out[k++] = u[layout.indexOf("E")] - (r0 - dot(r, r) / 2);
      }
      double[] rc0 = new double[n];
      linearClosedForm(t, rc0, new double[p]);
      out[k] = dist(rbar, rc0);
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double dist(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
