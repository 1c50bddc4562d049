package org.effdyn.model.generic;

import java.util.Arrays;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasQuadratureError;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.gauss.SymmetricEigen;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The ballistic limit of online SGD for any multi-index loss on an anchored Gaussian mixture, derived
 * from the loss's gradient alone: spec/generic.md §11(c) (drift and corrector), §11(d) (reduction to
 * the smallest Gaussian integral), §11(h) (quadrature). State: the statistics (m, R⊥, θ) of
 * {@link StatisticsLayout}. With the moment table (E over class, noise and label noise)
 * \[ M_t = E[g\,t^T],\quad M_{Z} = E[g\,Z_\perp^T],\quad M_{gg} = E[g\,g^T],\quad M_\gamma = E[\gamma], \]
 * \[ h_m = \kappa(-M_t - \beta m),\quad
 *    h_{R^\perp} = \kappa\big(-(M_Z + M_Z^T) - 2\beta R^\perp + \tfrac{c_\delta}{\lambda} M_{gg}\big),\quad
 *    h_\theta = -\kappa\tfrac{c_\theta}{c_\delta}(M_\gamma + \beta_\theta\theta), \]
 * κ = 1 (BGJ time) or c_δ (teacher–student time). The corrector (c_δ/λ)M_gg is the only O(δ²) term
 * that survives; it vanishes at λ = ∞.
 *
 * <p><b>Reduction (§11(d)).</b> Given the class c, (s, t) is Gaussian with mean (m A_cᵀ, N̄ A_cᵀ) and
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
 * noise vanishes and the rule is one node per class (exact, §11(d)). {@link GenericOptions.Form#STEIN}
 * replaces E[g ηᵀ] by Gaussian integration by parts with the Hessian of ℓ (a cross-check).
 *
 * <p><b>Kinks (§11(g)).</b> For a loss with {@link HasKinks}, the AUTO quadrature uses randomized QMC;
 * when the labels are fixed per class and, in η-space, every kink hyperplane a_j·η = b_j − n_j·s̄_c has
 * the same normal direction e_c (one ReLU or hinge unit, or parallel units), it pre-integrates instead:
 * lines η = P_c ξ + τ e_c, cut at the kinks, {@value #LINE_POINTS}-point Gauss–Legendre per piece of
 * [−{@value #LINE_HALF_WIDTH}, {@value #LINE_HALF_WIDTH}] with weight φ(τ), and a Gauss–Hermite outer rule
 * on the r − 1 dimensions of ξ; the integrand is then smooth on every piece and the rule converges
 * exponentially. {@link #volatility} gives Σ of §11(e).
 *
 * <p><b>Cost</b> per drift: C × nodes × [gradient + p(r + p/2) multiply-adds] + O((p + q)³).
 * <b>Errors.</b> A non-finite loss gradient at a node throws IllegalArgumentException naming the node,
 * class, (s, y, θ) and the state. {@link #drift(double[], double[], double[])} and {@link #report} give
 * the estimated quadrature error. Thread-safe (a workspace per thread); allocation-free after a thread's
 * first call at each integration dimension, except inside an AD gradient ({@link MultiIndexLoss#gradient}
 * not overridden), which allocates short-lived objects.
 */
public final class GenericLimit implements Dynamics, HasQuadratureError {
  /** Relative eigenvalue cut of the rank decisions (as the prototype). */
  static final double RANK_TOL = 1e-12;
  /** Eigenvalues of R⊥ down to -1e-10 max(1, largest) are rounding (as {@link org.effdyn.gauss.CovarianceRoot}). */
  static final double PSD_TOLERANCE = 1e-10;

  private final AnchoredMixture law;
  private final MultiIndexLoss loss;
  private final GenericOptions options;
  private final StatisticsLayout stats;
  private final int p;
  private final int q;
  private final int k0;
  private final int classes;
  private final int ydim;
  private final int[] labelAnchors;
  private final int nN;
  private final int rMax;
  private final boolean kinked;
  private final boolean finite;
  private final double sqrtLambdaInv;
  private final double corrector;
  private final double invLambda;
  private final double kappa;
  private final double[] probs;
  private final double[][] means;
  private final double[][] tbar;
  private final double[][] nbar;
  private final double[][] nbarInv;
  private final double[][] lnu;
  /** Per-class labels when the label reads neither anchors nor noise (else null). */
  private final double[][] fixedLabels;
  private final double[] zetaNodes;
  private final double[] zetaWeights;
  private final int nZeta;
  private final RuleData[] rules;
  private final RuleData[] finerRules;
  private final int momentSize;
  /** True for {@link GenericOptions.Form#STEIN}: E[H] is accumulated as well. */
  private final boolean stein;
  private final ThreadLocal<Work> work;
  /** Kinks declared by the loss ({@link HasKinks}), 0 if none. */
  private final int kinkCount;
  /** Gauss–Legendre rule on [-1, 1] along a pre-integration line, and the finer one of the error estimate. */
  private final double[] glX;
  private final double[] glW;
  private final double[] glXFine;
  private final double[] glWFine;
  /** Outer Gauss–Hermite rules of the pre-integration, by r (dimension r - 1); and the finer ones. */
  private final RuleData[] outerRules;
  private final RuleData[] outerFineRules;

  /** Gauss–Legendre points per piece of a pre-integration line (prototype's n_gl). */
  static final int LINE_POINTS = 16;
  /** Pre-integration lines run over τ in [-L, L]; the N(0, 1) mass outside is 1.2e-15. */
  static final double LINE_HALF_WIDTH = 8;

  /** A rule's nodes copied into flat arrays for the hot loop. */
  private record RuleData(GaussianRule rule, double[] nodes, double[] weights, int replicates, int perReplicate) {
    static RuleData of(GaussianRule rule) {
      int r = rule.dimension();
      int n = rule.size();
      double[] x = new double[n * r];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = rule.weight(i);
        for (int j = 0; j < r; j++) x[i * r + j] = rule.node(i, j);
      }
      return new RuleData(rule, x, w, rule.replicates(), rule.replicateSize());
    }
  }

  /**
   * @param law the data law
   * @param loss the loss; its label dimension must match the law's
   * @param options SGD settings and engine choices
   * @throws IllegalArgumentException if the loss and the law disagree on the label dimension
   */
  public GenericLimit(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options) {
    this.law = java.util.Objects.requireNonNull(law, "law");
    this.loss = java.util.Objects.requireNonNull(loss, "loss");
    this.options = java.util.Objects.requireNonNull(options, "options");
    if (loss.labelDimension() != law.labels().dimension()) {
      throw new IllegalArgumentException("loss label dimension " + loss.labelDimension()
          + " differs from the label model's " + law.labels().dimension() + " (" + law.labels() + ")");
    }
    this.p = loss.p();
    this.q = law.anchorCount();
    this.k0 = loss.k0();
    this.stats = StatisticsLayout.of(p, q, k0);
    this.classes = law.classCount();
    this.ydim = loss.labelDimension();
    this.labelAnchors = law.labels().anchors();
    this.nN = p + labelAnchors.length;
    this.rMax = options.form() == GenericOptions.Form.DIRECT ? q + p : nN;
    this.kinked = loss instanceof HasKinks;
    this.finite = !law.noiseless();
    this.sqrtLambdaInv = finite ? 1 / Math.sqrt(law.lambda()) : 0;
    this.corrector = finite ? options.cDelta() / law.lambda() : 0;
    this.invLambda = finite ? 1 / law.lambda() : 0;
    this.kappa = options.timeFactor();
    this.probs = law.probs();
    this.means = law.means();
    this.nbar = law.nbar();
    this.nbarInv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(nbar)).getData();
    this.lnu = new CholeskyDecomposition(MatrixUtils.createRealMatrix(nbar), 1e-12, 1e-10).getL().getData();
    this.tbar = new double[classes][q];
    for (int c = 0; c < classes; c++) {
      for (int b = 0; b < q; b++) {
        double s = 0;
        for (int e = 0; e < q; e++) s += nbar[b][e] * means[c][e];
        tbar[c][b] = s;
      }
    }
    LabelModel lm = law.labels();
    this.nZeta = lm.noiseDimension();
    if (labelAnchors.length == 0 && nZeta == 0) {
      fixedLabels = new double[classes][ydim];
      for (int c = 0; c < classes; c++) lm.label(c, new double[q], new double[0], fixedLabels[c]);
    } else {
      fixedLabels = null;
    }
    if (nZeta > 0) {
      GaussianRule z = GaussianRule.gaussHermite(nZeta, options.labelNoisePoints());
      RuleData zd = RuleData.of(z);
      zetaNodes = zd.nodes();
      zetaWeights = zd.weights();
    } else {
      zetaNodes = new double[0];
      zetaWeights = new double[] {1.0};
    }
    this.rules = new RuleData[rMax + 1];
    this.finerRules = new RuleData[rMax + 1];
    this.stein = options.form() == GenericOptions.Form.STEIN;
    if (stein && (kinked || labelAnchors.length > 0)) {
      throw new IllegalArgumentException("form: stein needs a smooth loss (no HasKinks) and labels that do not read the"
          + " anchors (spec §11(d)); loss " + loss + ", label anchors " + Arrays.toString(labelAnchors)
          + ". Use regression");
    }
    this.momentSize = classes * p + p * rMax + p * p + k0 + (stein ? p * p : 0);
    this.kinkCount = kinked ? ((HasKinks) loss).kinkCount() : 0;
    double[][] gl = legendre(LINE_POINTS);
    double[][] glf = legendre((int) Math.ceil(1.4 * LINE_POINTS));
    this.glX = gl[0];
    this.glW = gl[1];
    this.glXFine = glf[0];
    this.glWFine = glf[1];
    this.outerRules = new RuleData[rMax + 1];
    this.outerFineRules = new RuleData[rMax + 1];
    this.work = ThreadLocal.withInitial(Work::new);
  }

  private static double[][] legendre(int n) {
    org.hipparchus.analysis.integration.gauss.GaussIntegrator g =
        new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory().legendre(n);
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      out[0][i] = g.getPoint(i);
      out[1][i] = g.getWeight(i);
    }
    return out;
  }

  /**
   * True if this engine pre-integrates along a kink (§11(g)) where the kinks share one direction: the
   * loss has {@link HasKinks}, the labels are fixed per class, and the quadrature is AUTO.
   */
  private boolean mayPreIntegrate() {
    return kinkCount > 0 && fixedLabels != null && options.quadrature().kind() == Quadrature.Kind.AUTO;
  }

  /**
   * The outer Gauss–Hermite rule (dimension r - 1 ≥ 1) of the pre-integration: the largest n ≤ 30 with
   * n^{r-1} (kinks + 1) · 16 ≤ budget, at least 3; finer: ⌈1.4 n⌉.
   */
  private synchronized RuleData outerRule(int r, boolean finer) {
    RuleData[] cache = finer ? outerFineRules : outerRules;
    if (cache[r] == null) {
      int perLine = (kinkCount + 1) * LINE_POINTS;
      double room = Math.max(1, options.quadrature().budget() / (double) perLine);
      int n = 3;
      for (int k = 3; k <= Quadrature.MAX_AUTO_POINTS; k++) if (Math.pow(k, r - 1) <= room) n = k;
      if (finer) n = (int) Math.ceil(1.4 * n);
      try {
        cache[r] = RuleData.of(GaussianRule.gaussHermite(r - 1, Math.min(64, n)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pre-integration cannot integrate over r - 1 = " + (r - 1)
            + " outer dimensions: " + e.getMessage(), e);
      }
    }
    return cache[r];
  }

  public AnchoredMixture law() {
    return law;
  }

  public MultiIndexLoss loss() {
    return loss;
  }

  public GenericOptions options() {
    return options;
  }

  /** The statistics layout (index helpers for m, R⊥, θ). */
  public StatisticsLayout statistics() {
    return stats;
  }

  @Override public StateLayout layout() {
    return stats.layout();
  }

  /** The rule used at integration dimension r ≥ 1 (built once, then cached). */
  public GaussianRule rule(int r) {
    return ruleData(r, false).rule();
  }

  private synchronized RuleData ruleData(int r, boolean finer) {
    RuleData[] cache = finer ? finerRules : rules;
    if (cache[r] == null) {
      GaussianRule base = options.quadrature().rule(r, kinked);
      if (finer) {
        if (base.replicates() > 1) throw new IllegalStateException("no finer rule for a randomized rule");
        try {
          cache[r] = RuleData.of(options.quadrature().finer(base));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("cannot estimate the Gauss-Hermite error in r = " + r
              + " dimensions: " + e.getMessage(), e);
        }
      } else {
        cache[r] = RuleData.of(base);
      }
    }
    return cache[r];
  }

  /** Writes h(u). */
  @Override public void drift(double[] u, double[] out) {
    Work w = work.get();
    w.prepare(u);
    if (w.pre) {
      w.integratePre(u, w.r == 1 ? null : outerRule(w.r, false), glX, glW);
    } else {
      w.integrate(u, w.r == 0 ? null : ruleData(w.r, false));
    }
    w.assembleTotal(out);
  }

  /**
   * Writes h(u) and, into err, an estimate of each coordinate's quadrature error: for a randomized rule
   * the standard error across its replicates (t-distributed with R − 1 degrees of freedom); for
   * Gauss–Hermite |h_n(u) − h_⌈1.4n⌉(u)| (§11(h); a second, larger integration: about 1.4^r times the
   * cost); 0 at λ = ∞. The label-noise rule's error is not included.
   */
  public void drift(double[] u, double[] out, double[] err) {
    Work w = work.get();
    w.prepare(u);
    if (w.r == 0) {
      w.integrate(u, null);
      w.assembleTotal(out);
      Arrays.fill(err, 0, stats.size(), 0.0);
      return;
    }
    int n = stats.size();
    if (w.pre) {
      w.integratePre(u, w.r == 1 ? null : outerRule(w.r, false), glX, glW);
      w.assembleTotal(out);
      w.integratePre(u, w.r == 1 ? null : outerRule(w.r, true), glXFine, glWFine);
      w.assembleTotal(w.hRep);
      for (int i = 0; i < n; i++) err[i] = Math.abs(w.hRep[i] - out[i]);
      return;
    }
    RuleData rd = ruleData(w.r, false);
    w.integrate(u, rd);
    w.assembleTotal(out);
    if (rd.replicates() > 1) {
      int reps = rd.replicates();
      Arrays.fill(err, 0, n, 0.0);
      // h is affine in the moments, so the replicate drifts' spread is the drift's error
      for (int k = 0; k < reps; k++) {
        w.assembleReplicate(k, rd, w.hRep);
        for (int i = 0; i < n; i++) {
          double d = w.hRep[i] - out[i];
          err[i] += d * d;
        }
      }
      for (int i = 0; i < n; i++) err[i] = Math.sqrt(err[i] / ((double) reps * (reps - 1)));
    } else {
      RuleData fine = ruleData(w.r, true);
      w.integrate(u, fine);
      w.assembleTotal(w.hRep);
      for (int i = 0; i < n; i++) err[i] = Math.abs(w.hRep[i] - out[i]);
    }
  }

  /** {@link #report(double[])}'s maxError: the largest estimated quadrature error of h(u). */
  @Override public double quadratureError(double[] u) {
    return report(u).maxError();
  }

  /** The integration dimension, rule and estimated error at u (runs {@link #drift(double[], double[], double[])}). */
  public QuadratureReport report(double[] u) {
    double[] h = new double[stats.size()];
    double[] e = new double[stats.size()];
    drift(u, h, e);
    int r = work.get().r;
    double max = 0;
    for (double x : e) max = Math.max(max, x);
    if (r == 0) return new QuadratureReport(0, "single node", zetaWeights.length, classes, 0, "exact");
    if (work.get().pre) {
      long outer = r == 1 ? 1 : outerRule(r, false).rule().size();
      return new QuadratureReport(r, "pre-integrated along the kink direction: "
          + (r == 1 ? "1 line" : "gauss-hermite outer " + outerRule(r, false).rule().description()) + " x up to "
          + (kinkCount + 1) + " pieces x gauss-legendre " + LINE_POINTS, outer * (kinkCount + 1) * LINE_POINTS, classes,
          max, "pre-integration vs 1.4x points");
    }
    GaussianRule rule = rule(r);
    return new QuadratureReport(r, rule.description(), (long) rule.size() * zetaWeights.length, classes, max,
        rule.replicates() > 1 ? "rqmc standard error" : "gauss-hermite n vs 1.4n");
  }

  /**
   * The volatility Σ(u) of the √d-rescaled statistics, spec/generic.md §11(e), in this layout's order:
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
    int n = stats.size();
    Work w = work.get();
    w.prepare(u);
    w.pre = false;
    if (w.vol == null) {
      w.volX = new double[n];
    }
    w.vol = new double[n + n * n];
    try {
      w.integrate(u, w.r == 0 ? null : ruleData(w.r, false));
      double[] v = w.vol;
      double f = kappa * options.cDelta();
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double c = v[n + i * n + j] - v[i] * v[j];
          sigma[i][j] = f * c;
          sigma[j][i] = f * c;
        }
      }
      if (w.r > 0) w.addConditionalCovariance(sigma, f);
    } finally {
      w.vol = null;
    }
  }

  /** The integration dimension r at u (0 at λ = ∞). */
  public int integrationDimension(double[] u) {
    Work w = work.get();
    w.prepare(u);
    return w.r;
  }

  @Override public String toString() {
    return "GenericLimit[p=" + p + ", q=" + q + ", k0=" + k0 + ", classes=" + classes + ", lambda=" + law.lambda()
        + ", " + options.form() + ", " + options.root() + ", " + options.quadrature() + ", loss=" + loss + "]";
  }

  /** Per-thread buffers. */
  private final class Work {
    final double[][] m = new double[p][q];
    final double[][] rp = new double[p][p];
    final double[] theta = new double[k0];
    final double[][] alpha = new double[p][q];
    final double[][] omegaNN = new double[nN][nN];
    /** Rows: s (p), t (q), Z⊥ (p); columns N (regression form). */
    final double[][] omegaExt = new double[2 * p + q][nN];
    final SymmetricEigen eigN = new SymmetricEigen(nN);
    final SymmetricEigen eigP = new SymmetricEigen(p);
    /** C: rows s (p), t (q), Z⊥ (p); r columns in use. */
    final double[][] cm = new double[2 * p + q][Math.max(rMax, nN)];
    final double[][] gram = new double[Math.max(rMax, nN)][Math.max(rMax, nN)];
    final boolean[] free = new boolean[Math.max(rMax, nN)];
    final double[][] sbar = new double[classes][p];
    final double[] sn = new double[p];
    final double[] tn = new double[q];
    final double[] s = new double[p];
    final double[] t = new double[q];
    final double[] y = new double[ydim];
    final double[] zeta = new double[nZeta];
    final double[] gs = new double[p];
    final double[] gth = new double[k0];
    /** Moments per replicate: [G1 (C × p) | Gη (p × rMax) | Ggg (p × p) | Gγ (k0)], each weight-summed. */
    double[] acc = new double[momentSize];
    final double[] total = new double[momentSize];
    final double[] hRep = new double[stats.size()];
    final double[] eta0 = new double[0];
    int r;
    double[] uRef;
    /** True if this state is pre-integrated along one kink direction (per class: e_c, P_c, a_cj, off_cj). */
    boolean pre;
    final double[][] eDir = new double[classes][rMax];
    final double[][][] perp = new double[classes][rMax][Math.max(rMax - 1, 0)];
    final double[][][] aEta = new double[classes][kinkCount][rMax];
    final double[][] aDotE = new double[classes][kinkCount];
    final double[][] kinkOff = new double[classes][kinkCount];
    final double[] normal = new double[p];
    final double[] base = new double[rMax];
    final double[] tau = new double[kinkCount + 2];
    final double[] eta = new double[rMax];

    /** Reads u and builds C and r. */
    void prepare(double[] u) {
      pre = false;
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < q; b++) m[a][b] = u[stats.m(a, b)];
        for (int b = 0; b < p; b++) rp[a][b] = u[stats.rperp(a, b)];
      }
      for (int j = 0; j < k0; j++) theta[j] = u[stats.theta(j)];
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < q; b++) {
          double x = 0;
          for (int e = 0; e < q; e++) x += m[a][e] * nbarInv[e][b];
          alpha[a][b] = x;
        }
      }
      for (int c = 0; c < classes; c++) {
        for (int a = 0; a < p; a++) {
          double x = 0;
          for (int b = 0; b < q; b++) x += m[a][b] * means[c][b];
          sbar[c][a] = x;
        }
      }
      if (!finite) {
        r = 0;
        return;
      }
      // R⊥ is a Gram matrix: PSD up to rounding (CovarianceRoot's tolerance); beyond that the state is invalid
      eigP.compute(rp);
      double bound = -PSD_TOLERANCE * Math.max(1, Math.abs(eigP.value(0)));
      if (eigP.value(p - 1) < bound) {
        throw new IllegalArgumentException("Rperp must be positive semidefinite, but has eigenvalue " + eigP.value(p - 1)
            + " < " + bound + "; state " + describe(u));
      }
      if (options.form() == GenericOptions.Form.DIRECT) buildDirect();
      else buildRegression();
      rotate();
      for (int i = 0; i < 2 * p + q; i++) for (int j = 0; j < r; j++) cm[i][j] *= sqrtLambdaInv;
      pre = r >= 1 && mayPreIntegrate() && planPreIntegration();
    }

    /**
     * §11(g): in η-space kink j of class c is a_cj·η = b_j - n_j·s̄_c with a_cj = C_sᵀ n_j. If, for every
     * class, all a_cj that are not zero are parallel, integrate along e_c = a_c/|a_c| piecewise (the
     * kinks cut the line at known τ) and over e_c⊥ with a smooth outer rule. Returns false otherwise.
     */
    boolean planPreIntegration() {
      HasKinks hk = (HasKinks) loss;
      for (int c = 0; c < classes; c++) {
        double[] e = eDir[c];
        boolean have = false;
        for (int j = 0; j < kinkCount; j++) {
          double b = hk.kink(j, fixedLabels[c], theta, normal);
          double off = b;
          for (int a = 0; a < p; a++) off -= normal[a] * sbar[c][a];
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

    /** Ω entry between rows i, j of (x^1..x^p, ν_1..ν_q). */
    double omega(int i, int j) {
      if (i < p && j < p) {
        double x = rp[i][j];
        for (int b = 0; b < q; b++) x += alpha[i][b] * m[j][b];
        return x;
      }
      if (i < p) return m[i][j - p];
      if (j < p) return m[j][i - p];
      return nbar[i - p][j - p];
    }

    /** Index in (x, ν) of integrated direction k of N. */
    int nRow(int k) {
      return k < p ? k : p + labelAnchors[k - p];
    }

    void buildRegression() {
      for (int k = 0; k < nN; k++) for (int l = 0; l < nN; l++) omegaNN[k][l] = omega(nRow(k), nRow(l));
      for (int l = 0; l < nN; l++) {
        int col = nRow(l);
        for (int i = 0; i < p + q; i++) omegaExt[i][l] = omega(i, col);
        // Cov(Z⊥_b, s_e) = R⊥_eb, Cov(Z⊥_b, t) = 0: P x^b is orthogonal to every anchor
        for (int b = 0; b < p; b++) omegaExt[p + q + b][l] = col < p ? rp[b][col] : 0;
      }
      eigN.compute(omegaNN);
      int rank = eigN.rank(RANK_TOL);
      boolean sym = options.root() == GenericOptions.Root.SYMMETRIC;
      // C = Ω_{·,N} U₊ diag(w₊^{-1/2}) [U₊ᵀ for the symmetric root, which keeps r = |N| fixed]
      for (int i = 0; i < 2 * p + q; i++) {
        for (int j = 0; j < rank; j++) {
          double x = 0;
          for (int l = 0; l < nN; l++) x += omegaExt[i][l] * eigN.vector(l, j);
          gram[0][j] = x / Math.sqrt(eigN.value(j));
        }
        if (sym) {
          for (int j = 0; j < nN; j++) {
            double x = 0;
            for (int l = 0; l < rank; l++) x += gram[0][l] * eigN.vector(j, l);
            cm[i][j] = x;
          }
        } else {
          for (int j = 0; j < rank; j++) cm[i][j] = gram[0][j];
        }
      }
      r = sym ? nN : rank;
    }

    void buildDirect() {
      int rank = eigP.rank(RANK_TOL);
      r = q + rank;
      for (int a = 0; a < p; a++) {
        for (int j = 0; j < q; j++) {
          double x = 0;
          for (int b = j; b < q; b++) x += alpha[a][b] * lnu[b][j];
          cm[a][j] = x;
        }
        for (int k = 0; k < rank; k++) {
          double lp = eigP.vector(a, k) * Math.sqrt(eigP.value(k));
          cm[a][q + k] = lp;
          cm[p + q + a][q + k] = lp;
        }
        for (int j = 0; j < q; j++) cm[p + q + a][j] = 0;
      }
      for (int b = 0; b < q; b++) {
        for (int j = 0; j < q; j++) cm[p + b][j] = lnu[b][j];
        for (int k = 0; k < rank; k++) cm[p + b][q + k] = 0;
      }
    }

    /** Rotates η (the columns of C), §11(h). */
    void rotate() {
      GenericOptions.Root root = options.root();
      if (r < 2 || root == GenericOptions.Root.PRINCIPAL) return;
      if (root == GenericOptions.Root.SYMMETRIC && options.form() == GenericOptions.Form.REGRESSION) return;
      // equalize the column norms of C_N (N = s rows and label-anchor t rows) by r - 1 Givens rotations
      double trace = 0;
      for (int i = 0; i < r; i++) {
        for (int j = i; j < r; j++) {
          double x = 0;
          for (int k = 0; k < nN; k++) {
            int row = nRow(k);
            x += cm[row][i] * cm[row][j];
          }
          gram[i][j] = x;
          gram[j][i] = x;
        }
        trace += gram[i][i];
        free[i] = true;
      }
      double target = trace / r;
      for (int left = r; left > 1; left--) {
        int hi = -1;
        int lo = -1;
        for (int i = 0; i < r; i++) {
          if (!free[i]) continue;
          if (hi < 0 || gram[i][i] > gram[hi][hi]) hi = i;
          if (lo < 0 || gram[i][i] < gram[lo][lo]) lo = i;
        }
        if (gram[hi][hi] - gram[lo][lo] <= 1e-14 * Math.max(1, target)) break;
        double a = gram[hi][hi];
        double b = gram[lo][lo];
        double c = gram[hi][lo];
        double rad = Math.hypot(0.5 * (a - b), c);
        double phi = Math.atan2(c, 0.5 * (a - b));
        double th = 0.5 * (phi + Math.acos(Math.max(-1, Math.min(1, (target - 0.5 * (a + b)) / rad))));
        double cs = Math.cos(th);
        double sn = Math.sin(th);
        // new column hi = cs col_hi + sn col_lo; new column lo = -sn col_hi + cs col_lo
        for (int i = 0; i < 2 * p + q; i++) {
          double x = cm[i][hi];
          double z = cm[i][lo];
          cm[i][hi] = cs * x + sn * z;
          cm[i][lo] = -sn * x + cs * z;
        }
        for (int i = 0; i < r; i++) {
          double x = gram[i][hi];
          double z = gram[i][lo];
          gram[i][hi] = cs * x + sn * z;
          gram[i][lo] = -sn * x + cs * z;
        }
        for (int j = 0; j < r; j++) {
          double x = gram[hi][j];
          double z = gram[lo][j];
          gram[hi][j] = cs * x + sn * z;
          gram[lo][j] = -sn * x + cs * z;
        }
        free[hi] = false;
      }
    }

    /** Accumulates the moments over the rule (or the single node at r = 0) into total (and per replicate). */
    void integrate(double[] u, RuleData rd) {
      uRef = u;
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

    /**
     * The moments by pre-integration (§11(g)): for each class and outer node ξ (r - 1 dims; none at r = 1),
     * the line η = P_c ξ + τ e_c is cut at the kinks τ_j = (off_cj - a_cj·P_c ξ)/(a_cj·e_c) and each piece of
     * [-8, 8] gets Gauss–Legendre points with weight φ(τ).
     */
    void integratePre(double[] u, RuleData outer, double[] gx, double[] gw) {
      uRef = u;
      if (acc.length < momentSize) acc = new double[momentSize];
      Arrays.fill(acc, 0, momentSize, 0.0);
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
              project(eta, 0);
              classTerm(eta, 0, wt, 0, o, c);
            }
          }
        }
      }
      System.arraycopy(acc, 0, total, 0, momentSize);
    }

    /** One node η = x[base .. base + r) with weight w, all classes and label-noise nodes. */
    void node(double[] x, int base, double w, int off, int index) {
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
      if (fixedLabels == null && labelAnchors.length > 0) {
        for (int b = 0; b < q; b++) {
          double v = 0;
          for (int j = 0; j < r; j++) v += cm[p + b][j] * x[base + j];
          tn[b] = v;
        }
      }
    }

    /** Accumulates class c at the projected node η = x[base .. base + r) with weight w (times p_c, ζ weights). */
    void classTerm(double[] x, int base, double w, int off, int index, int c) {
      boolean needT = fixedLabels == null && labelAnchors.length > 0;
      int etaOff = off + classes * p;
      int ggOff = etaOff + p * rMax;
      int thOff = ggOff + p * p;
      {
        double[] sb = sbar[c];
        for (int a = 0; a < p; a++) s[a] = sb[a] + sn[a];
        if (needT) for (int b = 0; b < q; b++) t[b] = tbar[c][b] + tn[b];
        for (int z = 0; z < zetaWeights.length; z++) {
          double[] yy;
          if (fixedLabels != null) {
            yy = fixedLabels[c];
          } else {
            for (int j = 0; j < nZeta; j++) zeta[j] = zetaNodes[z * nZeta + j];
            law.labels().label(c, t, zeta, y);
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
          if (vol != null) volTerm(x, base, wc, c);
        }
      }
    }

    /** Volatility accumulators E[X], E[X Xᵀ] (null unless {@link GenericLimit#volatility} is running). */
    double[] vol;
    double[] volX;
    final double[] tv = new double[q];
    final double[][] hess = new double[p][p];
    final double[] zpv = new double[p];

    /** Adds wc X and wc X Xᵀ at this node and class, X with the conditional means of (t, Z⊥) (§11(e)). */
    void volTerm(double[] x, int base, double wc, int c) {
      int nX = stats.size();
      double[] xv = volX;
      for (int b = 0; b < q; b++) {
        double v = tbar[c][b];
        for (int j = 0; j < r; j++) v += cm[p + b][j] * x[base + j];
        tv[b] = v;
      }
      for (int a = 0; a < p; a++) {
        double v = 0;
        for (int j = 0; j < r; j++) v += cm[p + q + a][j] * x[base + j];
        zpv[a] = v;
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < q; b++) xv[stats.m(a, b)] = gs[a] * tv[b];
        for (int e = a; e < p; e++) xv[stats.rperp(a, e)] = gs[a] * zpv[e] + gs[e] * zpv[a] - corrector * gs[a] * gs[e];
      }
      double ratio = options.cTheta() / options.cDelta();
      for (int j = 0; j < k0; j++) xv[stats.theta(j)] = ratio * gth[j];
      double[] v = vol;
      for (int i = 0; i < nX; i++) {
        double wi = wc * xv[i];
        v[i] += wi;
        int row = nX + i * nX;
        for (int j = i; j < nX; j++) v[row + j] += wi * xv[j];
      }
    }

    /**
     * Adds f E[G K Gᵀ] to sigma (§11(e)): K the conditional covariance of (t, Z⊥) given η; G's entries are
     * the g_a multiplying each linear factor, so only E[g_a g_e] (the moment Ggg, all classes) enters.
     */
    void addConditionalCovariance(double[][] sigma, double f) {
      int ggOff = classes * p + p * rMax;
      int nL = q + p; // linear factors: t_0..t_{q-1}, Z⊥_0..Z⊥_{p-1}
      for (int i = 0; i < nL; i++) {
        for (int j = 0; j < nL; j++) {
          double cov = i < q && j < q ? nbar[i][j] * sqrtLambdaInv * sqrtLambdaInv
              : i >= q && j >= q ? rp[i - q][j - q] * sqrtLambdaInv * sqrtLambdaInv : 0;
          int ri = i < q ? p + i : p + q + (i - q);
          int rj = j < q ? p + j : p + q + (j - q);
          for (int k = 0; k < r; k++) cov -= cm[ri][k] * cm[rj][k];
          kcov[i][j] = cov;
        }
      }
      int n = stats.size();
      // each coordinate X_i = sum over (g index, linear factor) pairs; list them: at most 2 terms
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          double add = 0;
          for (int ti = 0; ti < terms(i); ti++) {
            for (int tj = 0; tj < terms(j); tj++) {
              int ga = termG(i, ti);
              int gb = termG(j, tj);
              double egg = total[ggOff + Math.min(ga, gb) * p + Math.max(ga, gb)];
              add += egg * kcov[termL(i, ti)][termL(j, tj)];
            }
          }
          sigma[i][j] += f * add;
          if (j != i) sigma[j][i] += f * add;
        }
      }
    }

    final double[][] kcov = new double[q + p][q + p];

    /** Number of (g, linear factor) products in X_i: 1 for m, 2 for R⊥, 0 for θ. */
    int terms(int i) {
      if (i < p * q) return 1;
      return i < p * q + p * (p + 1) / 2 ? 2 : 0;
    }

    /** The g index of term k of X_i: m_ab → a; R⊥_ae → a (k = 0: g_a Z⊥_e) or e (k = 1: g_e Z⊥_a). */
    int termG(int i, int k) {
      if (i < p * q) return i / q;
      int[] ae = rperpPair(i);
      return k == 0 ? ae[0] : ae[1];
    }

    /** The linear factor of term k of X_i (0..q-1: t_b; q + e: Z⊥_e). */
    int termL(int i, int k) {
      if (i < p * q) return i % q;
      int[] ae = rperpPair(i);
      return q + (k == 0 ? ae[1] : ae[0]);
    }

    private final int[] pair = new int[2];

    int[] rperpPair(int i) {
      for (int a = 0; a < p; a++) {
        for (int e = a; e < p; e++) {
          if (stats.rperp(a, e) == i) {
            pair[0] = a;
            pair[1] = e;
            return pair;
          }
        }
      }
      throw new IllegalStateException("not an Rperp index: " + i);
    }

    void checkFinite(double[] x, int base, int index, int c, double[] yy) {
      boolean ok = true;
      for (int a = 0; a < p; a++) ok &= Double.isFinite(gs[a]);
      for (int j = 0; j < k0; j++) ok &= Double.isFinite(gth[j]);
      if (ok) return;
      double[] eta = Arrays.copyOfRange(x, base, base + r);
      throw new IllegalArgumentException("loss gradient is not finite at quadrature node " + index + " (eta = "
          + Arrays.toString(eta) + "), class " + c + ": s = " + Arrays.toString(s) + ", y = " + Arrays.toString(yy)
          + ", theta = " + Arrays.toString(theta) + ", dl/ds = " + Arrays.toString(gs) + ", dl/dtheta = "
          + Arrays.toString(gth) + "; state " + describe(uRef));
    }

    void assembleTotal(double[] out) {
      assemble(total, 0, 1.0, out);
    }

    void assembleReplicate(int k, RuleData rd, double[] out) {
      double rw = 0;
      for (int i = k * rd.perReplicate(); i < (k + 1) * rd.perReplicate(); i++) rw += rd.weights()[i];
      assemble(acc, k * momentSize, 1 / rw, out);
    }

    /** h from the moment vector mom[off ..] scaled by f (§11(c)). */
    void assemble(double[] mom, int off, double f, double[] out) {
      int etaOff = off + classes * p;
      int ggOff = etaOff + p * rMax;
      int thOff = ggOff + p * p;
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < q; b++) {
          double mt = 0;
          for (int c = 0; c < classes; c++) mt += mom[off + c * p + a] * tbar[c][b];
          if (stein) {
            // Stein: Cov(t_b, s_e) = m_eb/λ
            for (int e = 0; e < p; e++) mt += invLambda * mom[thOff + k0 + a * p + e] * m[e][b];
          } else {
            for (int j = 0; j < r; j++) mt += mom[etaOff + a * rMax + j] * cm[p + b][j];
          }
          out[stats.m(a, b)] = kappa * (-f * mt - options.beta() * m[a][b]);
        }
      }
      for (int a = 0; a < p; a++) {
        for (int e = a; e < p; e++) {
          double mz = 0;
          if (stein) {
            // Stein: Cov(Z⊥_b, s_f) = R⊥_fb/λ
            for (int f2 = 0; f2 < p; f2++) {
              mz += invLambda * (mom[thOff + k0 + a * p + f2] * rp[f2][e] + mom[thOff + k0 + e * p + f2] * rp[f2][a]);
            }
          } else {
            for (int j = 0; j < r; j++) {
              mz += mom[etaOff + a * rMax + j] * cm[p + q + e][j] + mom[etaOff + e * rMax + j] * cm[p + q + a][j];
            }
          }
          double gg = mom[ggOff + a * p + e];
          out[stats.rperp(a, e)] = kappa * (-f * mz - 2 * options.beta() * rp[a][e] + corrector * f * gg);
        }
      }
      double ratio = options.cTheta() / options.cDelta();
      for (int j = 0; j < k0; j++) {
        out[stats.theta(j)] = -kappa * ratio * (f * mom[thOff + j] + options.betaTheta() * theta[j]);
      }
    }
  }

  /** "m[1,1]=0.3, ..." for error messages. */
  private String describe(double[] u) {
    StringBuilder b = new StringBuilder();
    StateLayout l = stats.layout();
    for (int i = 0; i < l.size(); i++) b.append(i > 0 ? ", " : "").append(l.name(i)).append('=').append(u[i]);
    return b.toString();
  }
}
