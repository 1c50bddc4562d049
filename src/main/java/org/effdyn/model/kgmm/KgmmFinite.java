package org.effdyn.model.kgmm;

import org.effdyn.analysis.HasDomain;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasQuadratureError;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianExpectation;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.gauss.Integrand;

/**
 * Finite-λ ballistic limit of the k-GMM (docs/kgmm.md): Theorem 5.7 of Ben Arous, Gheissari, Huang,
 * Jagannath 2023 (arXiv:2310.03010) with the R⊥ equation corrected. With R = m m̄⁻¹ mᵀ + R⊥,
 * G ~ N(0, R/λ) in R^k and, for each class c,
 * π_c(a) = softmax_a(m_{·c} + G), P_a^c = E π_c(a), PP_ae^c = E π_c(a)π_c(e):
 * \[ \dot m_{ab} = p_a \bar m_{ab} - \beta m_{ab} - \sum_c p_c\big(\bar m_{cb} P_a^c + Q_a^{c,\mu_b}\big),
 *    \quad Q_a^{c,\mu_b} = \tfrac1\lambda\big(m_{ab}P_a^c - \textstyle\sum_e PP_{ae}^c m_{eb}\big), \]
 * \[ \dot R^\perp_{ab} = -2\beta R^\perp_{ab} - \sum_c p_c\big(Q_a^{c,b\perp} + Q_b^{c,a\perp}\big)
 *    + \tfrac{c_\delta}{\lambda}\Big[\sum_c p_c PP_{ab}^c - p_b P_a^b - p_a P_b^a + p_a\delta_{ab}\Big], \]
 * Q_a^{c,b⊥} = (1/λ)(R⊥_ab P_a^c - Σ_e PP_ae^c R⊥_eb) (Stein's lemma). The paper's eq. (5.6) prints
 * -β for -2β, +Q for -Q, p_a/p_b for p_c, Q depending on R⊥_bb alone, and a "Var" corrector; each is
 * wrong (docs/corrections.md) and {@code KgmmValidationTest} shows SGD follows this form and not the
 * printed one.
 *
 * <p>The k-dimensional integrals use one fixed {@link GaussianRule} per instance ({@link #defaultRule}:
 * tensor Gauss–Hermite or a Smolyak sparse grid, both exactly permutation invariant), so the drift is a
 * deterministic smooth function of u that commutes with class permutations (uniform p, m̄ = I); the
 * covariance root S^{1/2} is eigen-based, so R⊥ → 0 is fine. The drift reports its estimated quadrature
 * error ({@link #quadratureError}).
 * Thread-safe (a workspace per thread) and allocation-free after a thread's first call.
 */
public final class KgmmFinite implements Dynamics, HasDomain, HasQuadratureError {
  private final int k;
  private final double[] p;
  private final double[][] mbar;
  private final double[][] mbarInv;
  private final double lambda;
  private final double beta;
  private final double cDelta;
  private final StateLayout layout;
  private final StateLayout.Block rpBlock;
  private final GaussianRule rule;
  private final ThreadLocal<Work> work;
  private final Kgmm model;
  private volatile KgmmFinite companion;

  /**
   * With the model's default rule {@link #defaultRule}: tensor Gauss–Hermite while at least 5 points
   * per axis fit the budget (k &lt;= 5 at the default budget), else the Smolyak sparse grid of the largest
   * level within the budget (docs/kgmm.md has the measured convergence of both).
   */
  public KgmmFinite(Kgmm model) {
    this(model, defaultRule(model.k(), model.quadratureNodes()));
  }

  /**
   * The default k-dimensional rule for a node budget: {@code GaussianRule.forDimension(k, budget)}
   * where that is a tensor Gauss–Hermite rule, otherwise {@code GaussianRule.sparseGrid(k, budget)}.
   * Both are invariant under permutations of the coordinates, so with the permutation-equivariant
   * root S^{1/2} the drift commutes with class permutations (for p uniform and m̄ = I) up to rounding,
   * and the class-symmetric set stays invariant; randomized QMC is never chosen.
   */
  public static GaussianRule defaultRule(int k, int budget) {
    GaussianRule tensor = GaussianRule.forDimension(k, budget);
    return tensor.replicates() == 1 ? tensor : GaussianRule.sparseGrid(k, budget);
  }

  /** With a given k-dimensional rule. */
  public KgmmFinite(Kgmm model, GaussianRule rule) {
    if (Double.isInfinite(model.lambda())) {
      throw new IllegalArgumentException("lambda: the finite-lambda drift needs lambda < inf; use KgmmInfinite");
    }
    if (rule.dimension() != model.k()) {
      throw new IllegalArgumentException("quadrature rule has dimension " + rule.dimension() + ", need k = " + model.k());
    }
    this.k = model.k();
    this.p = model.p();
    this.mbar = model.mbar();
    this.mbarInv = org.hipparchus.linear.MatrixUtils.inverse(
        org.hipparchus.linear.MatrixUtils.createRealMatrix(mbar)).getData();
    this.lambda = model.lambda();
    this.beta = model.beta();
    this.cDelta = model.cDelta();
    this.layout = model.layout();
    this.rpBlock = layout.block("Rperp");
    this.rule = rule;
    this.model = model;
    this.work = ThreadLocal.withInitial(Work::new);
  }

  public GaussianRule rule() {
    return rule;
  }

  /**
   * The estimated quadrature error of the drift at u: \( c \max_j |h_j(u) - h'_j(u)| \), h' the drift
   * on {@link GaussianRule#companion()} (Smolyak level ℓ − 1, Gauss–Hermite n − 1, or an independent
   * RQMC replica) and c = {@link GaussianRule#companionFactor()}. Tested to exceed the true error
   * against references with 30× more nodes (docs/kgmm.md). Costs two drift evaluations; NaN when the
   * rule has no companion.
   */
  @Override
  public double quadratureError(double[] u) {
    KgmmFinite c = companion;
    if (c == null) {
      GaussianRule cr = rule.companion();
      if (cr == null) return Double.NaN;
      companion = c = new KgmmFinite(model, cr);
    }
    double[] h = new double[u.length];
    double[] h2 = new double[u.length];
    drift(u, h);
    c.drift(u, h2);
    double e = 0;
    for (int j = 0; j < h.length; j++) e = Math.max(e, Math.abs(h[j] - h2[j]));
    return rule.companionFactor() * e;
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /** Per-thread buffers; also the integrand over all classes at once. */
  private final class Work implements Integrand {
    final GaussianExpectation expectation = new GaussianExpectation(rule, k * (k + k * k));
    final CovarianceRoot root = new CovarianceRoot(k);
    final double[][] m = new double[k][k];
    final double[][] rp = new double[k][k];
    final double[][] cov = new double[k][k];
    final double[][] l = new double[k][k];
    final double[][] tmp = new double[k][k];
    final double[] acc = new double[k * (k + k * k)];
    final double[] pi = new double[k];
    final double[] eg = new double[k];
    final double[][] em = new double[k][k];

    // acc layout per class c (stride k + k^2): P_a^c at [c*s + a], PP_ae^c at [c*s + k + a*k + e].
    // exp(m_ac + g_a) = exp(m_ac) exp(g_a): the k^2 factors exp(m_ac - max_e m_ec) are computed once
    // per drift (in integrate), so a node costs k exponentials instead of k^2.
    @Override
    public void add(double[] g, double w, double[] out) {
      int s = k + k * k;
      double gmax = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < k; a++) gmax = Math.max(gmax, g[a]);
      for (int a = 0; a < k; a++) eg[a] = Math.exp(g[a] - gmax);
      for (int c = 0; c < k; c++) {
        double z = 0;
        for (int a = 0; a < k; a++) z += pi[a] = em[a][c] * eg[a];
        double inv = 1 / z;
        int base = c * s;
        for (int a = 0; a < k; a++) {
          double pa = pi[a] * inv;
          pi[a] = pa;
          double wpa = w * pa;
          out[base + a] += wpa;
          int row = base + k + a * k;
          for (int e = 0; e <= a; e++) out[row + e] += wpa * pi[e];
        }
      }
    }

    double pp(int c, int a, int e) {
      int s = k + k * k;
      return a >= e ? acc[c * s + k + a * k + e] : acc[c * s + k + e * k + a];
    }

    double pm(int c, int a) {
      return acc[c * (k + k * k) + a];
    }
  }

  @Override
  public void drift(double[] u, double[] out) {
    Work w = work.get();
    integrate(w, u);
    assemble(w, out);
  }

  private void integrate(Work w, double[] u) {
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) w.m[a][b] = u[a * k + b];
      for (int b = 0; b < k; b++) w.rp[a][b] = u[rpBlock.index(a, b)];
    }
    // R = m mbar^{-1} m^T + R_perp, covariance R / lambda
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double s = 0;
        for (int e = 0; e < k; e++) s += w.m[a][e] * mbarInv[e][b];
        w.tmp[a][b] = s;
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double s = 0;
        for (int e = 0; e < k; e++) s += w.tmp[a][e] * w.m[b][e];
        w.cov[a][b] = (s + w.rp[a][b]) / lambda;
      }
    }
    for (int c = 0; c < k; c++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < k; a++) max = Math.max(max, w.m[a][c]);
      for (int a = 0; a < k; a++) w.em[a][c] = Math.exp(w.m[a][c] - max);
    }
    w.root.compute(w.cov, "R/lambda", w.l);
    w.expectation.expectation(w.l, w, w.acc);
  }

  private void assemble(Work w, double[] out) {
    double[][] m = w.m;
    double[][] rp = w.rp;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double s = p[a] * mbar[a][b] - beta * m[a][b];
        for (int c = 0; c < k; c++) {
          double pac = w.pm(c, a);
          double q = m[a][b] * pac;
          for (int e = 0; e < k; e++) q -= w.pp(c, a, e) * m[e][b];
          s -= p[c] * (mbar[c][b] * pac + q / lambda);
        }
        out[a * k + b] = s;
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        double s = -2 * beta * rp[a][b];
        double corr = (a == b ? p[a] : 0) - p[b] * w.pm(b, a) - p[a] * w.pm(a, b);
        for (int c = 0; c < k; c++) {
          double qab = rp[a][b] * w.pm(c, a);
          double qba = rp[b][a] * w.pm(c, b);
          for (int e = 0; e < k; e++) {
            qab -= w.pp(c, a, e) * rp[e][b];
            qba -= w.pp(c, b, e) * rp[e][a];
          }
          s -= p[c] * (qab + qba) / lambda;
          corr += p[c] * w.pp(c, a, b);
        }
        out[rpBlock.index(a, b)] = s + cDelta / lambda * corr;
      }
    }
  }

  /** R⊥ positive semidefinite: the Gram matrix of the weights' parts orthogonal to the means. */
  @Override
  public org.effdyn.analysis.StateDomain domain() {
    return org.effdyn.analysis.StateDomain.of(layout, java.util.List.of(), java.util.List.of("Rperp"));
  }
}
