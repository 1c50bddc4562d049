package org.effdyn.model.committee;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.common.Activation;

/**
 * The committee-machine ODE on hidden-manifold inputs (docs/committee.md; Goldt et al., Phys. Rev. X
 * 2020, arXiv:1909.11500, as transcribed in appendix B of Bae &amp; Jeong 2024, arXiv:2405.00642, with
 * four corrections of that transcription, listed below and in docs/corrections.md), re-derived here in
 * matrix form. The spectrum of FFᵀ/N = Σ_τ ρ_τ ψ_τψ_τᵀ/D (|ψ_τ|² = D) is represented by nodes ρ_q
 * with weights w_q (Σ w_q = 1): either a quadrature of the Marchenko–Pastur law (N → ∞) or the D
 * empirical eigenvalues with weight 1/D (the exact finite-D spectrum). Per node the state holds the
 * densities r_km(ρ_q) (K × M) and σ_kl(ρ_q) (k ≤ l), with
 * \[ R_{km} = b \sum_q w_q r_{km}(\rho_q),\quad \Sigma_{kl} = \sum_q w_q \sigma_{kl}(\rho_q),\quad
 *    Q = (c - b^2)\Omega + b^2 \Sigma,\quad T = \sum_q w_q t(\rho_q), \]
 * plus Ω (K × K) and v (K). With z = (λ, ν) ~ N(0, C), C = [[Q, R], [Rᵀ, T]], a = (v, −v*),
 * Δ = Σ_j a_j g(z_j), s_{k,t} = E[g'(λ_k) z_t Δ] = Σ_j a_j I3(k, t, j), U_kl = E[Δ² g'(λ_k) g'(λ_l)]
 * and G_k = C^{-1} s_k (the Gaussian-regression coefficients of E[β F(z)] on z), d(ρ) = (c − b²)δ_r + b²ρ:
 * \[ \dot r_{km}(\rho) = -\frac{\eta}{\delta_r} v_k \Big[ d(\rho) \sum_j G_{kj} r_{jm}(\rho)
 *      + b\rho \sum_n G_{k,K+n}\, t_{nm}(\rho) \Big], \]
 * \[ \dot\sigma_{kl}(\rho) = -\frac{\eta}{\delta_r} v_k \Big[ d(\rho) \sum_j G_{kj} \sigma_{jl}(\rho)
 *      + b\rho \sum_n G_{k,K+n}\, r_{ln}(\rho) \Big] + (k \leftrightarrow l)
 *      + \eta^2 v_k v_l \big[(c - b^2)\rho + b^2\rho^2/\delta_r\big] U_{kl}, \]
 * \[ \dot\Omega_{kl} = -\eta v_k s_{k,l} - \eta v_l s_{l,k} + c\,\eta^2 v_k v_l U_{kl},\qquad
 *    \dot v_k = -\eta_v \sum_j a_j I_2(k, j). \]
 * Derivation (docs/committee.md): s_kτ = S_k·ψ_τ/√D, ω_mτ = W̃_m·ψ_τ/√D; one SGD step changes
 * s_kτ by −(η/√N) v_k Δ g'(λ_k) β_τ with β_τ = ψ_τ·FX/√(ND), and E[β_τ F(z)] = Cov(β_τ, z) C^{-1}
 * E[z F(z)] with Cov(β_τ, λ_j) = N^{-1/2} δ_r^{-1} d(ρ_τ) s_jτ, Cov(β_τ, ν_n) = N^{-1/2} δ_r^{-1} bρ_τ ω_nτ,
 * E β_τ² = (c − b²)ρ_τ + b²ρ_τ²/δ_r. Corrections of the printed appendix: the teacher term uses the
 * teacher density t(ρ), not the ρ-weighted matrix of (S37)/(S41), whose ρ is already in bρ; r is
 * normalized so that R = b Σ w r ((S38)–(S39) count the density p(ρ) twice); Q uses (S22) with a = 0
 * ((S42) disagrees with (S22) unless f is odd); (S46) is symmetrized in (k, l) and δ there is δ_r.
 *
 * Label noise y + σ₀ζ (ζ ~ N(0, 1)) leaves s unchanged and adds σ₀² J2(k, l) to U_kl (as σ₀² J2 enters
 * the plain committee's Q̇); ε_g stays noise-free.
 *
 * <p>Erf and linear: closed I2, I3, I4. ReLU: closed I2, I3, J2, and U = E[Θ(λ_k)Θ(λ_l)Δ²] as one
 * (K+M)-dimensional expectation on a fixed randomized-QMC rule ({@link ReluSecondOrder}; the drift then
 * has tiny jumps where a node crosses a kink, so use fixed-step or loose-tolerance solvers). Buffers are per thread; the drift is
 * allocation-free after a thread's first call. Cost per drift: K(K+M)² I3 and K²(K+M)² I4 closed
 * forms, one (K+M)² inversion, and O(n (K² + KM)(K + M)) for the n nodes.
 */
public final class HiddenManifoldOde implements Dynamics {
  private final int k;
  private final int m;
  private final int p;
  private final int nodes;
  private final Activation act;
  private final double b;
  private final double c;
  private final double deltaR;
  private final double eta;
  private final double etaV;
  private final double[] vstar;
  private final double[] rho;
  private final double[] weight;
  private final double[][][] teacher;
  private final double[][] tMean;
  private final StateLayout layout;
  private final int omegaOff;
  private final int vOff;
  private final int rOff;
  private final int sOff;
  private final int symSize;
  private final ThreadLocal<Work> work;
  private final boolean printedTeacherTerm;
  private final double noiseVar;
  private final int quadratureNodes;
  private final GaussianRule rule;

  /**
   * Noiseless labels (σ₀ = 0); for erf and linear g.
   *
   * @param teacher the teacher density t_nm(ρ_q), [q][n][m]
   */
  public HiddenManifoldOde(int k, int m, Activation act, double b, double c, double deltaR, double eta, double etaV,
      double[] vstar, double[] rho, double[] weight, double[][][] teacher) {
    this(k, m, act, b, c, deltaR, eta, etaV, vstar, rho, weight, teacher, 0, HiddenManifoldCommittee.DEFAULT_QUADRATURE_NODES);
  }

  /**
   * @param teacher the teacher density t_nm(ρ_q), [q][n][m]
   * @param sigma0 σ₀ ≥ 0, the label noise of the training labels
   * @param quadratureNodes node budget of the ReLU U integral (unused for erf and linear)
   */
  public HiddenManifoldOde(int k, int m, Activation act, double b, double c, double deltaR, double eta, double etaV,
      double[] vstar, double[] rho, double[] weight, double[][][] teacher, double sigma0, int quadratureNodes) {
    this(k, m, act, b, c, deltaR, eta, etaV, vstar, rho, weight, teacher, sigma0, quadratureNodes, false);
  }

  private HiddenManifoldOde(int k, int m, Activation act, double b, double c, double deltaR, double eta, double etaV,
      double[] vstar, double[] rho, double[] weight, double[][][] teacher, double sigma0, int quadratureNodes,
      boolean printedTeacherTerm) {
    this.printedTeacherTerm = printedTeacherTerm;
    ActivationIntegrals.check(act);
    this.noiseVar = sigma0 * sigma0;
    this.quadratureNodes = quadratureNodes;
    // randomized QMC, not Gauss-Hermite: Θ(z_k)Θ(z_l)Δ² jumps across the oblique planes z_k = 0, where a
    // product Gauss-Hermite rule is biased by several per cent (docs/committee.md)
    this.rule = ActivationIntegrals.hasClosedFormI4(act) ? null
        : GaussianRule.quasiMonteCarlo(k + m, Math.max(1, quadratureNodes / GaussianRule.DEFAULT_REPLICATES),
            GaussianRule.DEFAULT_REPLICATES, GaussianRule.DEFAULT_SEED);
    this.k = k;
    this.m = m;
    this.p = k + m;
    this.nodes = rho.length;
    this.act = act;
    this.b = b;
    this.c = c;
    this.deltaR = deltaR;
    this.eta = eta;
    this.etaV = etaV;
    this.vstar = vstar.clone();
    this.rho = rho.clone();
    this.weight = weight.clone();
    this.teacher = teacher;
    this.symSize = k * (k + 1) / 2;
    this.layout = layout(k, m, nodes);
    this.omegaOff = layout.block("Omega").offset();
    this.vOff = layout.block("v").offset();
    this.rOff = layout.block("r").offset();
    this.sOff = layout.block("sigma").offset();
    this.tMean = new double[m][m];
    for (int q = 0; q < nodes; q++) for (int n = 0; n < m; n++) for (int l = 0; l < m; l++) tMean[n][l] += weight[q] * teacher[q][n][l];
    this.work = ThreadLocal.withInitial(Work::new);
  }

  /**
   * The same ODE with Bae &amp; Jeong's printed teacher term (S37)/(S41): the ρ-weighted teacher matrix
   * T_cal, i.e. ρ t(ρ) in place of t(ρ) inside the bracket that already carries bρ. For the test that
   * shows SGD follows the corrected form only ({@code HiddenManifoldValidationTest}).
   */
  HiddenManifoldOde withPrintedTeacherTerm() {
    return new HiddenManifoldOde(k, m, act, b, c, deltaR, eta, etaV, vstar, rho, weight, teacher, Math.sqrt(noiseVar), quadratureNodes, true);
  }

  /** Layout: Omega (K × K, k ≤ l), v (K), r (nodes × KM, column k·M + m), sigma (nodes × K(K+1)/2, packed k ≤ l). */
  public static StateLayout layout(int k, int m, int nodes) {
    return StateLayout.builder().symmetric("Omega", k).vector("v", k).matrix("r", nodes, k * m)
        .matrix("sigma", nodes, k * (k + 1) / 2).build();
  }

  /** Packed index of (i ≤ j) in a K(K+1)/2 row-major upper triangle. */
  static int sym(int k, int i, int j) {
    if (i > j) {
      int t = i;
      i = j;
      j = t;
    }
    return i * k - i * (i - 1) / 2 + (j - i);
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /** Node count. */
  public int nodes() {
    return nodes;
  }

  private final class Work {
    final double[][] cov = new double[p][p];
    final double[][] inv = new double[p][p];
    final double[][] lu = new double[p][p];
    final double[] a = new double[p];
    final double[][] s = new double[k][p];
    final double[][] g = new double[k][p];
    final double[][] u4 = new double[k][k];
    final double[][] omega = new double[k][k];
    final ReluSecondOrder relu = rule == null ? null : new ReluSecondOrder(rule, k, p);
  }

  /** Fills Ω, C (from Q, R, T) and a from u. */
  private void load(Work w, double[] u) {
    double[][] cv = w.cov;
    for (int i = 0; i < k; i++) for (int j = i; j < k; j++) w.omega[i][j] = w.omega[j][i] = u[omegaOff + sym(k, i, j)];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double sig = 0;
        int col = sym(k, i, j);
        for (int q = 0; q < nodes; q++) sig += weight[q] * u[sOff + q * symSize + col];
        cv[i][j] = cv[j][i] = (c - b * b) * w.omega[i][j] + b * b * sig;
      }
      for (int n = 0; n < m; n++) {
        double r = 0;
        for (int q = 0; q < nodes; q++) r += weight[q] * u[rOff + q * k * m + i * m + n];
        cv[i][k + n] = cv[k + n][i] = b * r;
      }
      w.a[i] = u[vOff + i];
    }
    for (int n = 0; n < m; n++) {
      for (int l = 0; l < m; l++) cv[k + n][k + l] = tMean[n][l];
      w.a[k + n] = -vstar[n];
    }
  }

  @Override
  public void drift(double[] u, double[] out) {
    Work w = work.get();
    load(w, u);
    double[][] cv = w.cov;
    double[] a = w.a;
    for (int i = 0; i < k; i++) {
      for (int t = 0; t < p; t++) {
        double sum = 0;
        for (int j = 0; j < p; j++) sum += a[j] * ActivationIntegrals.i3(act, cv[i][i], cv[i][t], cv[i][j], cv[t][j], cv[j][j]);
        w.s[i][t] = sum;
      }
      if (w.relu != null) continue;
      for (int l = i; l < k; l++) {
        double sum = 0;
        for (int e = 0; e < p; e++) {
          for (int f = 0; f < p; f++) {
            sum += a[e] * a[f] * ActivationIntegrals.i4(act, cv[i][i], cv[i][l], cv[l][l], cv[i][e], cv[i][f], cv[l][e], cv[l][f], cv[e][e], cv[e][f], cv[f][f]);
          }
        }
        w.u4[i][l] = w.u4[l][i] = sum;
      }
    }
    if (w.relu != null) {
      w.relu.compute(cv, a, w.u4);
      for (int i = 0; i < k; i++) for (int l = i + 1; l < k; l++) w.u4[l][i] = w.u4[i][l];
    }
    if (noiseVar > 0) {
      // label noise y + σ₀ζ: Δ² gains σ₀²ζ² (the cross term has mean 0), so U_kl += σ₀² J2(k, l)
      for (int i = 0; i < k; i++) {
        for (int l = i; l < k; l++) {
          double j2 = noiseVar * ActivationIntegrals.j2(act, cv[i][i], cv[i][l], cv[l][l]);
          w.u4[i][l] += j2;
          if (l != i) w.u4[l][i] += j2;
        }
      }
    }
    invert(w);
    for (int i = 0; i < k; i++) {
      for (int t = 0; t < p; t++) {
        double sum = 0;
        for (int j = 0; j < p; j++) sum += w.inv[t][j] * w.s[i][j];
        w.g[i][t] = sum;
      }
    }
    // Omega and v
    for (int i = 0; i < k; i++) {
      for (int l = i; l < k; l++) {
        out[omegaOff + sym(k, i, l)] = -eta * a[i] * w.s[i][l] - eta * a[l] * w.s[l][i] + c * eta * eta * a[i] * a[l] * w.u4[i][l];
      }
      double dv = 0;
      if (etaV > 0) {
        for (int j = 0; j < p; j++) dv += a[j] * ActivationIntegrals.i2(act, cv[i][i], cv[i][j], cv[j][j]);
        dv *= -etaV;
      }
      out[vOff + i] = dv;
    }
    // per node
    double pre = eta / deltaR;
    for (int q = 0; q < nodes; q++) {
      double rq = rho[q];
      double d = (c - b * b) * deltaR + b * b * rq;
      double br = b * rq;
      double brT = printedTeacherTerm ? br * rq : br;
      double[][] tq = teacher[q];
      int rBase = rOff + q * k * m;
      int sBase = sOff + q * symSize;
      for (int i = 0; i < k; i++) {
        double[] gi = w.g[i];
        double f = -pre * a[i];
        for (int n = 0; n < m; n++) {
          double sum = 0;
          for (int j = 0; j < k; j++) sum += gi[j] * u[rBase + j * m + n];
          double sumT = 0;
          for (int l = 0; l < m; l++) sumT += gi[k + l] * tq[l][n];
          out[rBase + i * m + n] = f * (d * sum + brT * sumT);
        }
      }
      double second = eta * eta * ((c - b * b) * rq + b * b * rq * rq / deltaR);
      for (int i = 0; i < k; i++) {
        for (int l = i; l < k; l++) {
          double v = half(u, w, i, l, rBase, sBase, d, br, pre) + half(u, w, l, i, rBase, sBase, d, br, pre);
          out[sBase + sym(k, i, l)] = v + second * a[i] * a[l] * w.u4[i][l];
        }
      }
    }
  }

  /** −(η/δ_r) v_i [d Σ_j G_ij σ_jl + bρ Σ_n G_{i,K+n} r_ln]. */
  private double half(double[] u, Work w, int i, int l, int rBase, int sBase, double d, double br, double pre) {
    double[] gi = w.g[i];
    double sum = 0;
    for (int j = 0; j < k; j++) sum += gi[j] * u[sBase + sym(k, j, l)];
    double sumR = 0;
    for (int n = 0; n < m; n++) sumR += gi[k + n] * u[rBase + l * m + n];
    return -pre * w.a[i] * (d * sum + br * sumR);
  }

  /** inv = C^{-1} by Gauss–Jordan with partial pivoting (p is small). */
  private void invert(Work w) {
    double[][] a = w.lu;
    double[][] inv = w.inv;
    for (int i = 0; i < p; i++) {
      System.arraycopy(w.cov[i], 0, a[i], 0, p);
      for (int j = 0; j < p; j++) inv[i][j] = i == j ? 1 : 0;
    }
    for (int col = 0; col < p; col++) {
      int piv = col;
      for (int r = col + 1; r < p; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
      if (a[piv][col] == 0) throw new IllegalStateException("C = [[Q, R], [R^T, T]] is singular");
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      t = inv[col];
      inv[col] = inv[piv];
      inv[piv] = t;
      double di = 1 / a[col][col];
      for (int j = 0; j < p; j++) {
        a[col][j] *= di;
        inv[col][j] *= di;
      }
      for (int r = 0; r < p; r++) {
        if (r == col) continue;
        double f = a[r][col];
        if (f == 0) continue;
        for (int j = 0; j < p; j++) {
          a[r][j] -= f * a[col][j];
          inv[r][j] -= f * inv[col][j];
        }
      }
    }
  }

  /**
   * The reduced statistics of a state: out = (Q packed k ≤ l, R row-major K × M, v, eps_g), length
   * K(K+1)/2 + KM + K + 1. ε_g = ½ Σ_{i,j} a_i a_j I2(i, j) (noise-free labels, Bae &amp; Jeong (S48)).
   */
  public void reduced(double[] u, double[] out) {
    Work w = work.get();
    load(w, u);
    double[][] cv = w.cov;
    int o = 0;
    for (int i = 0; i < k; i++) for (int j = i; j < k; j++) out[o++] = cv[i][j];
    for (int i = 0; i < k; i++) for (int n = 0; n < m; n++) out[o++] = cv[i][k + n];
    for (int i = 0; i < k; i++) out[o++] = w.a[i];
    double e = 0;
    for (int i = 0; i < p; i++) {
      e += 0.5 * w.a[i] * w.a[i] * ActivationIntegrals.i2(act, cv[i][i], cv[i][i], cv[i][i]);
      for (int j = i + 1; j < p; j++) e += w.a[i] * w.a[j] * ActivationIntegrals.i2(act, cv[i][i], cv[i][j], cv[j][j]);
    }
    out[o] = e;
  }

  /** Length of {@link #reduced}'s output. */
  public int reducedSize() {
    return symSize + k * m + k + 1;
  }
}
