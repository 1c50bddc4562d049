package org.effdyn.model.xor;

import org.effdyn.analysis.HasDomain;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasQuadratureError;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianExpectation;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.gauss.Integrand;
import org.effdyn.model.common.Activation;
import org.hipparchus.special.Erf;

/**
 * Finite-λ ballistic limit of the XOR GMM (docs/xor.md; Ben Arous, Gheissari, Huang, Jagannath 2023,
 * arXiv:2310.03010, Prop. 5.15), u' = -f + g:
 * \[ \dot v_i = -(m_i^\mu A_i^\mu + m_i^\nu A_i^\nu + A^\perp_{ii} + \beta v_i),\qquad
 *    \dot m_i^\mu = -(v_i A_i^\mu + \beta m_i^\mu),\qquad \dot m_i^\nu = -(v_i A_i^\nu + \beta m_i^\nu), \]
 * \[ \dot R^\perp_{ij} = -(v_i A^\perp_{ij} + v_j A^\perp_{ji} + 2\beta R^\perp_{ij})
 *    + \tfrac{c_\delta}{\lambda} v_i v_j B_{ij}, \]
 * with, for ξ = (ξ_μ, ξ_ν, ξ') ~ N(0, I_{K+2}), L⊥ L⊥ᵀ = R⊥, and each class ϑ = (θ_μ, θ_ν) in
 * {(±1, 0), (0, ±1)} with label y_ϑ (1 for ±μ, 0 for ±ν):
 * \[ Y_\mu = \theta_\mu + \xi_\mu/\sqrt\lambda,\quad Y_\nu = \theta_\nu + \xi_\nu/\sqrt\lambda,\quad
 *    Z^\perp = L_\perp \xi'/\sqrt\lambda,\quad h_i = m_i^\mu Y_\mu + m_i^\nu Y_\nu + Z^\perp_i,\quad
 *    e = \sigma\big(\textstyle\sum_j v_j\,\mathrm{relu}(h_j)\big) - y_\vartheta, \]
 * \[ A_i^\mu = \tfrac14\textstyle\sum_\vartheta E[Y_\mu 1\{h_i \ge 0\} e],\quad
 *    A^\perp_{ij} = \tfrac14\sum_\vartheta E[Z^\perp_j 1\{h_i \ge 0\} e],\quad
 *    B_{ij} = \tfrac14\sum_\vartheta E[1\{h_i\ge0\}1\{h_j\ge0\} e^2]. \]
 *
 * <p><b>Reduction.</b> The (K+2)-dimensional ξ is the orthonormal-coordinate form of the Gaussian
 * reduction (docs/theory.md; eigen-based
 * L⊥, so a singular R⊥ at late times is fine). The four classes share one node (h^ϑ = noise + θ·m differs
 * by the shift ±m^μ or ±m^ν). Each node is used with its four reflections (ξ_μ, ξ_ν) → (±ξ_μ, ±ξ_ν), so the
 * integrals that vanish by symmetry vanish exactly: A^μ = A^ν = 0 at m = 0 (the invariant saddle,
 * docs/theory.md, stays invariant) and A^ν = 0 when m^ν = 0.
 *
 * <p><b>Pre-integration (conditioning) along the kink.</b> A plain rule on the indicators makes the drift
 * piecewise constant in u (nodes cross the planes h_i = 0), which stalls error-controlled solvers. Instead,
 * for the integrals carrying 1{h_i ≥ 0} (A_i^μ, A_i^ν, A⊥_i·, B_i·), each node ξ is replaced by the line
 * ξ + (t − t_0) u_i, u_i = (m_i^μ, m_i^ν, L⊥_i·)/(√λ s_i) the unit direction of h_i, s_i² = R_ii/λ
 * (R = m mᵀ + R⊥ the full Gram), t_0 = u_i·ξ, and t ~ N(0, 1) is integrated in one dimension: conditioning
 * on the orthogonal part is exact, and along the line every quantity is affine in t,
 * h_j(t) = h_j(ξ) + (R_ij/(λ s_i))(t − t_0), Y_μ(t) = Y_μ(ξ) + (m_i^μ/(λ s_i))(t − t_0),
 * Z⊥_j(t) = Z⊥_j(ξ) + (R⊥_ij/(λ s_i))(t − t_0), so A needs only ∫ e φ and ∫ t e φ over the half-line
 * h_i ≥ 0, i.e. t ≥ −θ·m_i/s_i, which does not depend on the node. That half-line is integrated with
 * Fejér's first rule in the probability scale p = P(N > t) ∈ (0, F(θ·m_i/s_i)) ({@link #LINE_POINTS}
 * points; nodes and weights computed once per drift from the exact tail), whose nodes move continuously
 * with u. For B_ij the second indicator 1{h_j ≥ 0} cuts the line at a node-dependent point; the cut is
 * resolved by spreading each point's weight over its cell of the rule (linear in t inside a cell). The
 * result: the drift is a continuous (Lipschitz) function of u for every node set; its derivative jumps
 * only by small amounts where a line point crosses a relu kink h_j = 0 (j ≠ i) or a cut crosses a cell
 * boundary (C⁰ and piecewise C¹, not C¹). The default Dormand–Prince solver then works at rtol 1e-6 and
 * 1e-8 (tested). The outer rule is randomized Sobol ({@link GaussianRule#quasiMonteCarlo}, 16 replicates,
 * seed {@link GaussianRule#DEFAULT_SEED}) of {@link XorGmm#quadratureNodes()} nodes in dimension K + 2.
 * Cost per node: 16 K lines of {@link #LINE_POINTS} points, each O(K) and one exponential, plus O(K² log n)
 * for the B cuts; measured accuracy and cost in docs/xor.md.
 *
 * <p>Thread-safe (a workspace per thread) and allocation-free after a thread's first call.
 */
public final class XorFinite implements Dynamics, HasDomain, HasQuadratureError {
  /** Default points of the one-dimensional rule along each line (Fejér's first rule in the probability scale). */
  public static final int LINE_POINTS = 12;
  /** Lines whose half-space has probability below this are skipped (their contribution is below it). */
  static final double MIN_MASS = 1e-14;

  private final int k;
  private final double lambda;
  private final double sqrtLambda;
  private final double beta;
  private final double cDelta;
  private final StateLayout layout;
  private final StateLayout.Block rp;
  private final GaussianRule rule;
  private final int outputs;
  private final int bOff;
  /** Fejér points per line, their abscissae on [-1, 1] and weights. */
  private final int n;
  private final double[] fejerX;
  private final double[] fejerW;
  private final ThreadLocal<Work> work;
  private final XorGmm model;
  /** Drifts on the companion outer rule and on half the line points, built on first use. */
  private volatile XorFinite[] companions;

  /** With the model's rule: RQMC, 16 replicates of quadratureNodes/16 Sobol points in dimension K + 2. */
  public XorFinite(XorGmm model) {
    this(model, GaussianRule.quasiMonteCarlo(model.hiddenUnits() + 2,
        Math.max(1, model.quadratureNodes() / GaussianRule.DEFAULT_REPLICATES), GaussianRule.DEFAULT_REPLICATES,
        GaussianRule.DEFAULT_SEED));
  }

  /** With a given rule of dimension K + 2. */
  public XorFinite(XorGmm model, GaussianRule rule) {
    this(model, rule, LINE_POINTS);
  }

  /** With a given rule of dimension K + 2 and {@code linePoints} ≥ 2 points along each line. */
  public XorFinite(XorGmm model, GaussianRule rule, int linePoints) {
    if (linePoints < 2) throw new IllegalArgumentException("linePoints: must be at least 2; got " + linePoints);
    this.n = linePoints;
    this.fejerX = new double[n];
    this.fejerW = new double[n];
    // Fejér's first rule on [-1, 1]: x_q = cos((2q+1)π/(2n)), w_q = (2/n)(1 - 2 Σ_{j ≤ n/2} cos(2jθ_q)/(4j² - 1))
    for (int q = 0; q < n; q++) {
      double th = (2 * q + 1) * Math.PI / (2 * n);
      fejerX[q] = Math.cos(th);
      double sum = 0;
      for (int j = 1; j <= n / 2; j++) sum += Math.cos(2 * j * th) / (4.0 * j * j - 1);
      fejerW[q] = 2.0 / n * (1 - 2 * sum);
    }
    if (Double.isInfinite(model.lambda())) {
      throw new IllegalArgumentException("lambda: the finite-lambda drift needs lambda < inf; use XorInfinite");
    }
    this.k = model.hiddenUnits();
    if (rule.dimension() != k + 2) {
      throw new IllegalArgumentException("quadrature rule has dimension " + rule.dimension() + ", need K + 2 = " + (k + 2));
    }
    this.lambda = model.lambda();
    this.sqrtLambda = Math.sqrt(lambda);
    this.beta = model.beta();
    this.cDelta = model.cDelta();
    this.layout = model.layout();
    this.rp = layout.block("Rperp");
    this.rule = rule;
    this.outputs = 2 * k + k * k + k * (k + 1) / 2;
    this.bOff = 2 * k + k * k;
    this.model = model;
    this.work = ThreadLocal.withInitial(Work::new);
  }

  public GaussianRule rule() {
    return rule;
  }

  /**
   * The estimated quadrature error of the drift at u, the sum of the two error sources:
   * \( c \max_j |h_j - h^{o}_j| + \max_j |h_j - h^{\ell}_j| \), with h^o the drift on the outer rule's
   * {@link GaussianRule#companion()} (c = {@link GaussianRule#companionFactor()}, about 3 standard errors
   * for RQMC) and h^ℓ the drift with ⌈n/2⌉ line points instead of n (the line rule converges like
   * n^{-2}, so this difference is about 3 times the line error). Tested to exceed the true error against
   * a reference with 64 times the outer nodes and 4 times the line points (docs/xor.md). Costs three
   * drift evaluations.
   */
  @Override
  public double quadratureError(double[] u) {
    XorFinite[] c = companions;
    if (c == null) {
      GaussianRule outer = rule.companion();
      companions = c = new XorFinite[] {outer == null ? null : new XorFinite(model, outer, n),
          new XorFinite(model, rule, Math.max(2, (n + 1) / 2))};
    }
    double[] h = new double[u.length];
    double[] h2 = new double[u.length];
    drift(u, h);
    double outerErr = Double.NaN;
    if (c[0] != null) {
      c[0].drift(u, h2);
      outerErr = rule.companionFactor() * maxDiff(h, h2);
    }
    c[1].drift(u, h2);
    return outerErr + maxDiff(h, h2);
  }

  private static double maxDiff(double[] a, double[] b) {
    double e = 0;
    for (int j = 0; j < a.length; j++) e = Math.max(e, Math.abs(a[j] - b[j]));
    return e;
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /**
   * Per-thread buffers and the integrand. Accumulator layout: the class-and-reflection sums of
   * Y_μ 1{h_i ≥ 0} e at [i], of Y_ν 1{h_i ≥ 0} e at [K + i], of Z⊥_j 1{h_i ≥ 0} e at [2K + iK + j], and
   * of 1{h_i ≥ 0} 1{h_j ≥ 0} e² at [2K + K² + packed(i, j)] (i ≤ j); each already pre-integrated along
   * the direction of h_i (see the class comment).
   */
  private final class Work implements Integrand {
    final GaussianExpectation expectation = new GaussianExpectation(rule, outputs);
    final CovarianceRoot root = new CovarianceRoot(k);
    final double[][] rperp = new double[k][k];
    final double[][] lperp = new double[k][k];
    final double[][] l = new double[k + 2][k + 2];
    final double[] acc = new double[outputs];
    final double[] v = new double[k];
    final double[] mmu = new double[k];
    final double[] mnu = new double[k];
    final double[] noise = new double[k];
    final double[] hx = new double[k];
    final double[] t0 = new double[k];
    final double[] sumI0 = new double[k];
    final double[] sumI1 = new double[k];
    final double[] e2 = new double[n];
    final double[] cum = new double[n + 1];
    // per drift: the line through a node along the direction of h_i (a unit vector u_i of xi-space)
    final double[] s = new double[k];           // s_i = sd of h_i = sqrt(R_ii / lambda)
    final double[][] slope = new double[k][k];  // d h_j / dt along u_i = R_ij / (lambda s_i)
    final double[][] pslope = new double[k][k]; // d Z_perp_j / dt along u_i = Rperp_ij / (lambda s_i)
    final double[] dmu = new double[k];         // d Y_mu / dt = m_i^mu / (lambda s_i)
    final double[] dnu = new double[k];
    final double[][] mass = new double[4][k];   // P(h_i >= 0) on the line = F(theta.m_i / s_i)
    final double[][][] tq = new double[4][k][n];      // line nodes t (decreasing in the node index)
    final double[][][] wq = new double[4][k][n];      // their weights (mass w_k^Fejer / 2)
    final double[][][] tau = new double[4][k][n + 1]; // cell boundaries, tau_0 = +inf, tau_n = a

    void prepare() {
      for (int i = 0; i < k; i++) {
        double rii = mmu[i] * mmu[i] + mnu[i] * mnu[i] + rperp[i][i];
        s[i] = rii > 0 ? Math.sqrt(rii / lambda) : 0;
        for (int j = 0; j < k; j++) {
          double rij = mmu[i] * mmu[j] + mnu[i] * mnu[j] + rperp[i][j];
          slope[i][j] = s[i] > 0 ? rij / (lambda * s[i]) : 0;
          pslope[i][j] = s[i] > 0 ? rperp[i][j] / (lambda * s[i]) : 0;
        }
        dmu[i] = s[i] > 0 ? mmu[i] / (lambda * s[i]) : 0;
        dnu[i] = s[i] > 0 ? mnu[i] / (lambda * s[i]) : 0;
        for (int cls = 0; cls < 4; cls++) {
          double sh = (cls & 1) == 0 ? 1 : -1;
          sh *= cls < 2 ? mmu[i] : mnu[i];
          double ms = s[i] > 0 ? upperTail(-sh / s[i]) : (sh >= 0 ? 1 : 0);
          if (ms < MIN_MASS) ms = 0; // contributes below 1e-14
          mass[cls][i] = ms;
          if (ms == 0) continue;
          double[] t = tq[cls][i], w = wq[cls][i], b = tau[cls][i];
          for (int q = 0; q < n; q++) {
            t[q] = upperQuantile(ms * 0.5 * (1 - fejerX[q]));
            w[q] = 0.5 * ms * fejerW[q];
          }
          b[0] = Double.POSITIVE_INFINITY;
          for (int q = 1; q < n; q++) b[q] = upperQuantile(ms * 0.5 * (1 - 0.5 * (fejerX[q - 1] + fejerX[q])));
          b[n] = ms >= 1 ? Double.NEGATIVE_INFINITY : -sh / s[i];
        }
      }
    }

    /** ∫ over t ≥ tb of the e² measure of the line (cells spread uniformly; the last one by exp). */
    double upper(double[] b, double tb) {
      if (tb <= b[n]) return cum[n];
      if (tb >= b[1]) return e2[0] * Math.exp(-(tb - b[1]));
      int lo = 1, hi = n; // b[lo] > tb >= b[hi]... find q with b[q] > tb >= b[q + 1]
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (b[mid] > tb) lo = mid; else hi = mid;
      }
      int q = lo;
      double width = b[q] - b[q + 1];
      double frac = Double.isInfinite(width) ? 1 - Math.exp(-(b[q] - tb)) : (b[q] - tb) / width;
      return cum[q] + e2[q] * frac;
    }

    @Override
    public void add(double[] g, double w, double[] out) {
      // the four reflections (xi_mu, xi_nu) -> (s0 xi_mu, s1 xi_nu), weight w/4 each: the integrals vanish
      // exactly (not only up to quadrature) where they should by symmetry, e.g. A^mu = A^nu = 0 at m = 0
      double g0 = g[0] / sqrtLambda;
      double g1 = g[1] / sqrtLambda;
      double w4 = 0.25 * w;
      int r2 = 2 * k;
      for (int r = 0; r < 4; r++) {
        double s0 = (r & 1) == 0 ? 1 : -1;
        double s1 = (r & 2) == 0 ? 1 : -1;
        for (int j = 0; j < k; j++) {
          noise[j] = s0 * mmu[j] * g0 + s1 * mnu[j] * g1 + g[2 + j];
          t0[j] = s[j] > 0 ? noise[j] / s[j] : 0;
          sumI0[j] = 0;
          sumI1[j] = 0;
        }
        for (int cls = 0; cls < 4; cls++) {
          // classes: 0 = +mu, 1 = -mu (y = 1); 2 = +nu, 3 = -nu (y = 0)
          double[] m = cls < 2 ? mmu : mnu;
          double sgn = (cls & 1) == 0 ? 1 : -1;
          double y = cls < 2 ? 1 : 0;
          double thMu = cls < 2 ? sgn : 0, thNu = cls < 2 ? 0 : sgn;
          for (int j = 0; j < k; j++) hx[j] = noise[j] + sgn * m[j];
          for (int i = 0; i < k; i++) {
            double ms = mass[cls][i];
            if (ms == 0) continue;
            double[] t = tq[cls][i], wt = wq[cls][i], sl = slope[i];
            double ti = t0[i];
            double i0 = 0, i1 = 0;
            cum[0] = 0;
            for (int q = 0; q < n; q++) {
              double dt = t[q] - ti;
              double a = 0;
              for (int j = 0; j < k; j++) {
                double h = hx[j] + sl[j] * dt;
                if (h > 0) a += v[j] * h;
              }
              double e = Activation.sigmoid(a) - y;
              double we = wt[q] * e;
              i0 += we;
              i1 += we * t[q];
              e2[q] = we * e;
              cum[q + 1] = cum[q] + e2[q];
            }
            // Y_mu(t) = theta_mu + s0 xi_mu / sqrt(lambda) + dmu_i (t - t0_i)
            out[i] += w4 * ((thMu + s0 * g0 - dmu[i] * ti) * i0 + dmu[i] * i1);
            out[k + i] += w4 * ((thNu + s1 * g1 - dnu[i] * ti) * i0 + dnu[i] * i1);
            sumI0[i] += i0;
            sumI1[i] += i1;
            int row = bOff + i * k - i * (i - 1) / 2 - i;
            out[row + i] += w4 * cum[n];
            double[] b = tau[cls][i];
            for (int j = i + 1; j < k; j++) {
              // 1{h_j >= 0} on the line: h_j = hx_j + slope_ij (t - t0_i)
              double c = sl[j];
              double part;
              if (c > 0) {
                part = upper(b, ti - hx[j] / c);
              } else if (c < 0) {
                part = cum[n] - upper(b, ti - hx[j] / c);
              } else {
                part = hx[j] >= 0 ? cum[n] : 0;
              }
              out[row + j] += w4 * part;
            }
          }
        }
        for (int i = 0; i < k; i++) {
          if (sumI0[i] == 0 && sumI1[i] == 0) continue;
          double[] ps = pslope[i];
          int row = r2 + i * k;
          double ti = t0[i];
          for (int j = 0; j < k; j++) out[row + j] += w4 * ((g[2 + j] - ps[j] * ti) * sumI0[i] + ps[j] * sumI1[i]);
        }
      }
    }
  }

  /**
   * P(N(0,1) > t), allocation-free (Hipparchus's erfc allocates): the erf series for |t| < 2√2, else the
   * continued fraction erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) by modified Lentz;
   * relative accuracy ~1e-13 (tested against Hipparchus).
   */
  static double upperTail(double t) {
    if (Double.isNaN(t)) return t;
    if (t < 0) return 1 - upperTail(-t);
    double x = t / Math.sqrt(2);
    if (x < 2) {
      double term = x, sum = x, x2 = x * x;
      for (int j = 1; j < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); j++) {
        term *= -x2 / j;
        sum += term / (2 * j + 1);
      }
      return 0.5 * (1 - 2 / Math.sqrt(Math.PI) * sum);
    }
    if (x > 27) return 0;
    double tiny = 1e-300, f = x, c = x, d = 0;
    for (int j = 1; j < 500; j++) {
      double a = 0.5 * j;
      d = x + a * d;
      d = d == 0 ? tiny : d;
      c = x + a / c;
      c = c == 0 ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return 0.5 * Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
  }

  /** t with P(N(0,1) > t) = q, for 0 < q < 1: erfcInv and two Newton steps on erfc (tail-accurate). */
  static double upperQuantile(double q) {
    double t = Math.sqrt(2) * Erf.erfcInv(2 * q);
    for (int it = 0; it < 2 && Double.isFinite(t); it++) {
      double f = upperTail(t) - q;
      t += f / (Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI));
    }
    return t;
  }

  @Override
  public void drift(double[] u, double[] out) {
    Work w = work.get();
    integrate(w, u);
    assemble(w, u, out);
  }

  /**
   * The integrals at u: a[0..K) = A_i^μ, a[K..2K) = A_i^ν, then A⊥_ij at [2K + iK + j], then B_ij at
   * [2K + K² + iK + j] (full matrices). For tests and benchmarks; allocates its result.
   */
  public double[] integrals(double[] u) {
    Work w = work.get();
    integrate(w, u);
    double[] a = new double[2 * k + 2 * k * k];
    for (int i = 0; i < k; i++) {
      a[i] = aMu(w, i);
      a[k + i] = aNu(w, i);
      for (int j = 0; j < k; j++) {
        a[2 * k + i * k + j] = aPerp(w, i, j);
        a[2 * k + k * k + i * k + j] = b(w, i, j);
      }
    }
    return a;
  }

  private void integrate(Work w, double[] u) {
    for (int i = 0; i < k; i++) {
      w.v[i] = u[i];
      w.mmu[i] = u[k + i];
      w.mnu[i] = u[2 * k + i];
      for (int j = 0; j < k; j++) w.rperp[i][j] = u[rp.index(i, j)];
    }
    w.root.compute(w.rperp, "Rperp", w.lperp);
    w.prepare();
    for (double[] row : w.l) java.util.Arrays.fill(row, 0.0);
    w.l[0][0] = 1;
    w.l[1][1] = 1;
    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) w.l[2 + i][2 + j] = w.lperp[i][j] / sqrtLambda;
    w.expectation.expectation(w.l, w, w.acc);
  }

  private double aMu(Work w, int i) {
    return 0.25 * w.acc[i];
  }

  private double aNu(Work w, int i) {
    return 0.25 * w.acc[k + i];
  }

  /** A⊥_ij = ¼ Σ_ϑ E[Z⊥_j 1{h_i ≥ 0} e]. */
  private double aPerp(Work w, int i, int j) {
    return 0.25 * w.acc[2 * k + i * k + j];
  }

  private double b(Work w, int i, int j) {
    int a = Math.min(i, j), c = Math.max(i, j);
    return 0.25 * w.acc[bOff + a * k - a * (a - 1) / 2 + (c - a)];
  }

  private void assemble(Work w, double[] u, double[] out) {
    for (int i = 0; i < k; i++) {
      double v = u[i], mm = u[k + i], mn = u[2 * k + i];
      double am = aMu(w, i), an = aNu(w, i);
      out[i] = -(mm * am + mn * an + aPerp(w, i, i) + beta * v);
      out[k + i] = -(v * am + beta * mm);
      out[2 * k + i] = -(v * an + beta * mn);
    }
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        int idx = rp.index(i, j);
        out[idx] = -(u[i] * aPerp(w, i, j) + u[j] * aPerp(w, j, i) + 2 * beta * u[idx])
            + cDelta / lambda * u[i] * u[j] * b(w, i, j);
      }
    }
  }

  /** R⊥ positive semidefinite: the Gram matrix of the weights' parts orthogonal to the means. */
  @Override
  public org.effdyn.analysis.StateDomain domain() {
    return org.effdyn.analysis.StateDomain.of(layout, java.util.List.of(), java.util.List.of("Rperp"));
  }
}
