package org.effdyn.model.lazy;

import org.effdyn.core.Check;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;

/**
 * One lazy-training problem (Boix-Adsera, Littwin 2023, arXiv:2305.13141, eqs. (1)–(3); docs/lazy.md):
 * a model h with its initial Jacobian J0, the (effective) target y* and the scale α. Gives the flows
 * ({@link LazyFlowDynamics}) as one {@link Dynamics} per {@link Flow}, the derived columns below (with
 * the bounds of {@link LazyBounds}), the linearized flow in closed form, and solves on arbitrary
 * (e.g. log-spaced) output times.
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
 *       {@code bound_dK} = 2|J0|Lρ_t + L²ρ_t² (B5), {@code lin_err} = |r̄_ode − r̄_closed form| (a
 *       solver check);</li>
 *   <li>first-order correction: {@code r1} = |r1|, {@code gap_pred} = |r1|/α,
 *       {@code gap_w_pred} = |v1|/α².</li>
 * </ul>
 * For a running-maximum S (the sharper form of B2) use {@link #postBoundRunningMax(Trajectory)}.
 *
 * <p>The work is split: the package-private LinearizedFlow holds J0, K0, the SVD and the closed form,
 * LazyFlowDynamics the ODE systems, LazyColumns the derived columns, ProblemBounds the problem-dependent
 * bounds, LazyFlowSolver the solve on explicit output times.
 */
public final class LazyProblem {
  /** DOP853 with rtol 1e-11, atol 1e-12 in the rescaled coordinates. */
  public static final OdeOptions DEFAULT_OPTIONS = OdeOptions.defaults().withTolerances(1e-11, 1e-12);

  private final DifferentiableModel h;
  private final double alpha;
  private final double[] yStar;
  private final int n;
  private final int p;
  private final LinearizedFlow lin;
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
    this.lin = new LinearizedFlow(h, this.yStar, alpha);
    double ss = 0;
    for (double y : yStar) ss += y * y;
    this.r0 = ss / 2;
    this.r0Norm = Math.sqrt(ss);
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
  public double j0Norm() { return lin.j0Norm; }

  /** J0 (copy), n × p. */
  public double[][] j0() {
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) c[i] = lin.j0[i].clone();
    return c;
  }

  /** K0 = J0 J0^T (copy). */
  public double[][] k0() {
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) c[i] = lin.k0[i].clone();
    return c;
  }

  /** Eigenvalues of K0, ascending (clipped at 0). */
  public double[] k0Eigenvalues() { return lin.eig.clone(); }

  /** Rank of J0 used by the closed form. */
  public int rank() { return lin.rank(); }

  /** L_ball(ρ): an upper bound on Lip(Dh) on B(w0, ρ), (L2); exact for the quadratic models. */
  public double lipschitz(double rho) { return h.ballLipschitz(rho); }

  /** Lip(h) on B(w0, ρ) ≤ |J0| + L_ball(ρ) ρ. */
  public double lipschitzH(double rho) { return lin.j0Norm + h.ballLipschitz(rho) * rho; }

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
    return new LazyFlowDynamics(this, flow, layout(flow), lin.j0);
  }

  /** Derived columns for this flow (see the class comment). */
  public DerivedColumns columns(Flow flow) {
    return new LazyColumns(this, lin, flow);
  }

  /**
   * Linearized flow in closed form (thin SVD J0 = U S V^T): r̄(t) = U e^{−S²t} U^T y* + (I − UU^T) y*,
   * v̄(t) = V diag(−expm1(−s_i² t)/s_i) U^T y*. Exact for every t ≥ 0.
   */
  public void linearClosedForm(double t, double[] rbarOut, double[] vbarOut) {
    lin.closedForm(t, rbarOut, vbarOut);
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
    return lin.residual(vbar);
  }

  /** First-order residual r1 = −J0 v1 − q(v̄)/2 (F1). */
  public double[] firstOrderResidual(double[] vbar, double[] v1) {
    double[] q = new double[n];
    h.secondOrder(vbar, new double[n], q, new double[p]);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < p; k++) s += lin.j0[i][k] * v1[k];
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
    return ProblemBounds.chizatRadius(this, t);
  }

  /**
   * Solves a flow from 0 on explicit output times (times[0] = 0, strictly increasing; e.g.
   * {@link LazySweep#logGrid}), one integrator run per output interval, and appends the derived columns.
   *
   * @throws IllegalArgumentException for bad times
   */
  public Trajectory solve(Flow flow, double[] times, OdeOptions options) {
    return LazyFlowSolver.solve(this, flow, times, options);
  }

  /** Solves with {@link #DEFAULT_OPTIONS}. */
  public Trajectory solve(Flow flow, double[] times) {
    return solve(flow, times, DEFAULT_OPTIONS);
  }

  /**
   * (B2) with S(t) the running maximum of {@code dJ} over the trajectory's rows and V ≤ Vpath:
   * S(t)(2√t + 3t Vpath(t))|r0|. Needs a trajectory of a flow with the full part and its derived columns.
   */
  public double[] postBoundRunningMax(Trajectory tr) {
    return ProblemBounds.postRunningMax(this, tr);
  }
}
