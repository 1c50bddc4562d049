package org.effdyn.model.xor;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianExpectation;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.gauss.Integrand;

/**
 * Finite-λ ballistic limit of the XOR GMM, spec/models.md §3(d) (seed 003 Prop. 5.15), u' = -f + g:
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
 * <p><b>Reduction.</b> The (K+2)-dimensional ξ is the orthonormal-coordinate form of spec §0.3 (eigen-based
 * L⊥, so a singular R⊥ at late times is fine). The four classes share one node: h^ϑ = (noise part) + θ·m
 * differs only by the shift ±m^μ or ±m^ν, and Y_μ, Y_ν enter as θ plus the node's ξ_μ/√λ, ξ_ν/√λ, so
 * Σ_ϑ θ_μ E[1 e] is accumulated separately and the ξ-multipliers are contracted with the class sum
 * c_i = Σ_ϑ 1{h_i^ϑ ≥ 0} e^ϑ. Each node is used with its four reflections (ξ_μ, ξ_ν) → (±ξ_μ, ±ξ_ν)
 * (antithetic in the coordinates that carry the ±μ, ±ν symmetry), so the integrals that vanish by symmetry
 * vanish exactly: A^μ = A^ν = 0 at m = 0 (the invariant saddle of spec §0.4 stays invariant) and A^ν = 0
 * when m^ν = 0. One node costs (K+2)² (the root) + about 16(2K + K²/8) + K(K+2) operations and sixteen
 * exponentials.
 *
 * <p><b>Quadrature and accuracy.</b> The indicators make a tensor Gauss–Hermite rule converge slowly, so
 * the integrals use a fixed randomized Sobol rule ({@link GaussianRule#quasiMonteCarlo}, 16 replicates,
 * seed {@link GaussianRule#DEFAULT_SEED}) of {@link XorGmm#quadratureNodes()} nodes in dimension K + 2.
 * The drift is therefore a deterministic function of u, but piecewise constant on a scale of 1/N: nodes
 * cross the planes h_i = 0 as u moves. Error-controlled integrators at tight tolerances see those jumps and
 * shrink their step; solve with a fixed-step method (card {@code solver: {method: rk4, step: 0.02}}) or a
 * loose-tolerance adaptive one (rtol ≳ 1e-4). Measured sup drift error against 2^21 nodes (docs/xor.md):
 * 6e-4 at K = 4 and 3e-3 at K = 20 (λ = 4) with the default 8192 nodes, roughly N^{-1/2} to N^{-1}.
 *
 * <p>Thread-safe (a workspace per thread) and allocation-free after a thread's first call.
 */
public final class XorFinite implements Dynamics {
  private final int k;
  private final double lambda;
  private final double sqrtLambda;
  private final double beta;
  private final double cDelta;
  private final StateLayout layout;
  private final StateLayout.Block rp;
  private final GaussianRule rule;
  private final int outputs;
  private final ThreadLocal<Work> work;

  /** With the model's rule: RQMC, 16 replicates of quadratureNodes/16 Sobol points in dimension K + 2. */
  public XorFinite(XorGmm model) {
    this(model, GaussianRule.quasiMonteCarlo(model.hiddenUnits() + 2,
        Math.max(1, model.quadratureNodes() / GaussianRule.DEFAULT_REPLICATES), GaussianRule.DEFAULT_REPLICATES,
        GaussianRule.DEFAULT_SEED));
  }

  /** With a given rule of dimension K + 2. */
  public XorFinite(XorGmm model, GaussianRule rule) {
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
    this.outputs = 2 * k + k * (k + 2) + k * (k + 1) / 2;
    this.work = ThreadLocal.withInitial(Work::new);
  }

  public GaussianRule rule() {
    return rule;
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /**
   * Per-thread buffers and the integrand. Accumulator layout: E0μ_i at [i], E0ν_i at [K + i],
   * T_ia = E[c_i g_a] at [2K + i(K+2) + a] with g = (ξ_μ, ξ_ν, Z⊥), and the class sum of
   * E[1_i 1_j e²] at [2K + K(K+2) + packed(i, j)].
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
    final double[] base = new double[k];
    final double[] c = new double[k];
    final double[] cSum = new double[k];
    final double[] c0 = new double[k];
    final double[] c1 = new double[k];
    final boolean[][] on = new boolean[4][k];
    final int tOff = 2 * k;
    final int bOff = 2 * k + k * (k + 2);

    @Override
    public void add(double[] g, double w, double[] out) {
      // the four reflections (xi_mu, xi_nu) -> (s0 xi_mu, s1 xi_nu), weight w/4 each: the integrals vanish
      // exactly (not only up to quadrature) where they should by symmetry, e.g. A^mu = A^nu = 0 at m = 0
      double g0 = g[0] / sqrtLambda;
      double g1 = g[1] / sqrtLambda;
      double wq = 0.25 * w;
      for (int j = 0; j < k; j++) {
        cSum[j] = 0;
        c0[j] = 0;
        c1[j] = 0;
      }
      for (int r = 0; r < 4; r++) {
        double s0 = (r & 1) == 0 ? 1 : -1;
        double s1 = (r & 2) == 0 ? 1 : -1;
        for (int j = 0; j < k; j++) {
          base[j] = s0 * mmu[j] * g0 + s1 * mnu[j] * g1 + g[2 + j];
          c[j] = 0;
        }
        for (int cls = 0; cls < 4; cls++) {
          // classes: 0 = +mu, 1 = -mu (y = 1); 2 = +nu, 3 = -nu (y = 0)
          double[] m = cls < 2 ? mmu : mnu;
          double sgn = (cls & 1) == 0 ? 1 : -1;
          double s = 0;
          boolean[] act = on[cls];
          for (int j = 0; j < k; j++) {
            double hj = base[j] + sgn * m[j];
            act[j] = hj >= 0;
            if (act[j]) s += v[j] * hj;
          }
          double e = 1 / (1 + Math.exp(-s)) - (cls < 2 ? 1 : 0);
          double we = wq * e;
          int off = cls < 2 ? 0 : k;
          for (int j = 0; j < k; j++) {
            if (act[j]) {
              c[j] += e;
              out[off + j] += sgn * we;
            }
          }
          double we2 = we * e;
          for (int i = 0; i < k; i++) {
            if (!act[i]) continue;
            int row = bOff + i * k - i * (i - 1) / 2 - i;
            for (int j = i; j < k; j++) if (act[j]) out[row + j] += we2;
          }
        }
        for (int j = 0; j < k; j++) {
          cSum[j] += c[j];
          c0[j] += s0 * c[j];
          c1[j] += s1 * c[j];
        }
      }
      int r = k + 2;
      for (int i = 0; i < k; i++) {
        int row = tOff + i * r;
        out[row] += wq * c0[i] * g[0];
        out[row + 1] += wq * c1[i] * g[1];
        double wc = wq * cSum[i];
        if (wc == 0) continue;
        for (int a = 2; a < r; a++) out[row + a] += wc * g[a];
      }
    }
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
    for (double[] row : w.l) java.util.Arrays.fill(row, 0.0);
    w.l[0][0] = 1;
    w.l[1][1] = 1;
    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) w.l[2 + i][2 + j] = w.lperp[i][j] / sqrtLambda;
    w.expectation.expectation(w.l, w, w.acc);
  }

  private double aMu(Work w, int i) {
    return 0.25 * (w.acc[i] + w.acc[w.tOff + i * (k + 2)] / sqrtLambda);
  }

  private double aNu(Work w, int i) {
    return 0.25 * (w.acc[k + i] + w.acc[w.tOff + i * (k + 2) + 1] / sqrtLambda);
  }

  /** A⊥_ij = ¼ Σ_ϑ E[Z⊥_j 1{h_i ≥ 0} e]. */
  private double aPerp(Work w, int i, int j) {
    return 0.25 * w.acc[w.tOff + i * (k + 2) + 2 + j];
  }

  private double b(Work w, int i, int j) {
    int a = Math.min(i, j), c = Math.max(i, j);
    return 0.25 * w.acc[w.bOff + a * k - a * (a - 1) / 2 + (c - a)];
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
}
