package org.effdyn.model.generic;

import org.effdyn.analysis.HasDomain;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasQuadratureError;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.GaussianRule;

/**
 * The ballistic limit of online SGD for any multi-index loss on an anchored Gaussian mixture, derived
 * from the loss's gradient alone. The derivation is EffDyn's own (no published source treats the
 * general case; docs/generic.md states it): one SGD step changes the statistics exactly, the
 * expectation over one unit of time gives the drift with its corrector, and a Gaussian reduction
 * turns every expectation into the smallest Gaussian integral, done by quadrature. State: the
 * statistics (m, R⊥, θ) of {@link StatisticsLayout}. With the moment table (E over class, noise and label noise)
 * \[ M_t = E[g\,t^T],\quad M_{Z} = E[g\,Z_\perp^T],\quad M_{gg} = E[g\,g^T],\quad M_\gamma = E[\gamma], \]
 * \[ h_m = \kappa(-M_t - \beta m),\quad
 *    h_{R^\perp} = \kappa\big(-(M_Z + M_Z^T) - 2\beta R^\perp + \tfrac{c_\delta}{\lambda} M_{gg}\big),\quad
 *    h_\theta = -\kappa\tfrac{c_\theta}{c_\delta}(M_\gamma + \beta_\theta\theta), \]
 * κ = 1 (BGJ time) or c_δ (teacher–student time). The corrector (c_δ/λ)M_gg is the only O(δ²) term
 * that survives; it vanishes at λ = ∞.
 *
 * <p><b>Reduction.</b> Given the class c, (s, t) is Gaussian with mean (m A_cᵀ, N̄ A_cᵀ) and
 * covariance Ω/λ, Ω = [[R, m], [mᵀ, N̄]], R = m N̄⁻¹ mᵀ + R⊥; Z⊥_b = ⟨Z, P x^b⟩ has Cov(Z⊥_b, s_e) = R⊥_eb/λ
 * and is uncorrelated with t. Every noise projection is written C η with η ~ N(0, I_r):
 * <ul>
 *   <li>{@link GenericOptions.Form#REGRESSION} (default): the integrated directions are s and the label
 *       anchors t_𝓛 (index set N); with Ω_NN = U diag(w) Uᵀ, C = Ω_{·,N} U₊ diag(w₊^{-1/2}) over the
 *       eigenvalues above 1e-12 max(1, w_max), so r = rank(Ω_NN) ≤ p + |𝓛|, and for the linear factors
 *       C η is their conditional mean given η (exact for the moment table, which is linear in them);</li>
 *   <li>{@link GenericOptions.Form#DIRECT}: the orthonormal coordinates of (x, ν): s-rows [α L_ν, L⊥],
 *       t-rows [L_ν, 0], Z⊥-rows [0, L⊥] with L_ν = chol(N̄), L⊥ the eigen root of R⊥ (zero eigenvalues
 *       dropped), r = q + rank(R⊥).</li>
 * </ul>
 * Then η is rotated ({@link GenericOptions.Root}) and integrated with the rule of
 * {@link GenericOptions#quadrature()} for dimension r, each label-noise variable with its own
 * Gauss–Hermite rule. Because t = t̄_c + C_t η exactly, only E_c[g] (per class) and E[g ηᵀ] are
 * accumulated per node: M_t = Σ_c p_c E_c[g] t̄_cᵀ + E[g ηᵀ] C_tᵀ and M_Z = E[g ηᵀ] C_Zᵀ. At λ = ∞ the
 * noise vanishes and the rule is one node per class (exact). {@link GenericOptions.Form#STEIN}
 * replaces E[g ηᵀ] by Gaussian integration by parts with the Hessian of ℓ (a cross-check).
 *
 * <p><b>Kinks.</b> For a loss with {@link HasKinks}, the AUTO quadrature uses randomized QMC;
 * when the labels are fixed per class and, in η-space, every kink hyperplane a_j·η = b_j − n_j·s̄_c has
 * the same normal direction e_c (one ReLU or hinge unit, or parallel units), it pre-integrates instead:
 * lines η = P_c ξ + τ e_c, cut at the kinks, {@value #LINE_POINTS}-point Gauss–Legendre per piece of
 * [−{@value #LINE_HALF_WIDTH}, {@value #LINE_HALF_WIDTH}] with weight φ(τ), and a Gauss–Hermite outer rule
 * on the r − 1 dimensions of ξ; the integrand is then smooth on every piece and the rule converges
 * exponentially. {@link #volatility} gives the volatility Σ.
 *
 * <p><b>Cost</b> per drift: C × nodes × [gradient + p(r + p/2) multiply-adds] + O((p + q)³).
 * <b>Errors.</b> A non-finite loss gradient at a node throws IllegalArgumentException naming the node,
 * class, (s, y, θ) and the state. {@link #drift(double[], double[], double[])} and {@link #report} give
 * the estimated quadrature error. Thread-safe (a workspace per thread); allocation-free after a thread's
 * first call at each integration dimension, except inside an AD gradient ({@link MultiIndexLoss#gradient}
 * not overridden), which allocates short-lived objects.
 *
 * <p><b>Pieces.</b> This class is the facade; the work is done, one job each, by the package-private
 * LimitSetup (the constants of the law, loss and options), QuadratureRules (rule choice and caches),
 * NoiseReduction (the reduction: the state, C and r) with EqualizedRoot (the rotation of η),
 * MomentTable (the moments over a rule), KinkLines (pre-integration along a kink), DriftAssembly
 * (h from the moments), QuadratureErrors (error estimates and reports) and Volatility (Σ), the
 * per-thread ones bundled in a
 * LimitWorkspace.
 */
public final class GenericLimit implements Dynamics, HasQuadratureError, HasDomain {
  /** Gauss–Legendre points per piece of a pre-integration line. */
  static final int LINE_POINTS = QuadratureRules.LINE_POINTS;
  /** Pre-integration lines run over τ in [-L, L]; the N(0, 1) mass outside is 1.2e-15. */
  static final double LINE_HALF_WIDTH = KinkLines.LINE_HALF_WIDTH;

  private final LimitSetup setup;
  private final QuadratureRules rules;
  private final QuadratureErrors errors;
  private final ThreadLocal<LimitWorkspace> work;

  /**
   * @param law the data law
   * @param loss the loss; its label dimension must match the law's
   * @param options SGD settings and engine choices
   * @throws IllegalArgumentException if the loss and the law disagree on the label dimension
   */
  public GenericLimit(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options) {
    this.setup = new LimitSetup(law, loss, options);
    this.rules = new QuadratureRules(setup);
    this.errors = new QuadratureErrors(setup, rules);
    this.work = ThreadLocal.withInitial(() -> new LimitWorkspace(setup));
  }

  public AnchoredMixture law() {
    return setup.law;
  }

  public MultiIndexLoss loss() {
    return setup.loss;
  }

  public GenericOptions options() {
    return setup.options;
  }

  /** The statistics layout (index helpers for m, R⊥, θ). */
  public StatisticsLayout statistics() {
    return setup.stats;
  }

  @Override public StateLayout layout() {
    return setup.stats.layout();
  }

  /** The rule used at integration dimension r ≥ 1 (built once, then cached). */
  public GaussianRule rule(int r) {
    return rules.rule(r, false).rule();
  }

  /** Writes h(u). */
  @Override public void drift(double[] u, double[] out) {
    LimitWorkspace w = work.get();
    w.prepare(u);
    w.integrate(u, rules, false);
    w.drift.total(out);
  }

  /**
   * Writes h(u) and, into err, an estimate of each coordinate's quadrature error: for a randomized rule
   * the standard error across its replicates (t-distributed with R − 1 degrees of freedom); for
   * Gauss–Hermite |h_n(u) − h_{n'}(u)| with the coarser n' = n − max(2, ⌊n/4⌋), and Smolyak
   * |h_ℓ − h_{ℓ−1}| (the coarser rule's error: an upper estimate, tested); for the pre-integration
   * against 1.4× the points; 0 at λ = ∞. The label-noise rule's error is not included.
   */
  public void drift(double[] u, double[] out, double[] err) {
    errors.drift(work.get(), u, out, err);
  }

  /** {@link #report(double[])}'s maxError: the largest estimated quadrature error of h(u). */
  @Override public double quadratureError(double[] u) {
    return report(u).maxError();
  }

  /** The integration dimension, rule and estimated error at u (runs {@link #drift(double[], double[], double[])}). */
  public QuadratureReport report(double[] u) {
    return errors.report(work.get(), u);
  }

  /**
   * The volatility Σ(u) of the √d-rescaled statistics (docs/generic.md), in this layout's order:
   * \[ \Sigma = \kappa\, c_\delta\, \mathrm{Cov}(X),\quad X_{m,ab} = g_a t_b,\quad
   *    X_{R^\perp,ab} = g_a Z^\perp_b + g_b Z^\perp_a - \tfrac{c_\delta}{\lambda} g_a g_b,\quad
   *    X_\theta = \tfrac{c_\theta}{c_\delta}\gamma, \]
   * the covariance over class, noise and label noise. In the regression form the linear factors are
   * conditional means given η, so E[X Xᵀ] gains E[G K Gᵀ] with K the conditional covariance of (t, Z⊥)
   * given η, K = diag(N̄, R⊥)/λ − C Cᵀ, and G linear in g, hence E[G K Gᵀ] needs only E[g gᵀ]. Meaningful
   * at a point where the rescaled drift vanishes to O(d^{-1/2}) (an OU limit); the ballistic Σ is O(1/d).
   * Uses the rule of {@link #rule} (never pre-integration). Allocates its accumulators (not a hot path).
   *
   * @param sigma output, size × size (symmetric)
   */
  public void volatility(double[] u, double[][] sigma) {
    LimitWorkspace w = work.get();
    w.prepare(u);
    w.pre = false;
    w.volatility.compute(u, rules, sigma);
  }

  /** The integration dimension r at u (0 at λ = ∞). */
  public int integrationDimension(double[] u) {
    LimitWorkspace w = work.get();
    w.prepare(u);
    return w.r();
  }

  @Override public String toString() {
    GenericOptions options = setup.options;
    return "GenericLimit[p=" + setup.p + ", q=" + setup.q + ", k0=" + setup.k0 + ", classes=" + setup.classes
        + ", lambda=" + setup.law.lambda() + ", " + options.form() + ", " + options.root() + ", "
        + options.quadrature() + ", loss=" + setup.loss + "]";
  }

  /** R⊥ positive semidefinite: the Gram matrix of the weights' parts orthogonal to the means. */
  @Override
  public org.effdyn.analysis.StateDomain domain() {
    return org.effdyn.analysis.StateDomain.of(layout(), java.util.List.of(), java.util.List.of("Rperp"));
  }
}
