package org.effdyn.model.committee;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.common.Activation;

/**
 * The committee-machine ODE (docs/committee.md; Saad–Solla 1995, Goldt et al. 2019, arXiv:1906.08632), in the
 * compact form: with z = (λ_1..λ_K, ν_1..ν_M) ~ N(0, C), C = [[Q, R], [Rᵀ, T]], and
 * a = (s_K v, −s_M v*) (s_K = 1/K, s_M = 1/M with output normalization, else 1), Δ = Σ_j a_j g(z_j):
 * \[ \dot R_{kn} = -\eta\,\tilde v_k \sum_j a_j I_3(k, n, j) - \kappa R_{kn}, \]
 * \[ \dot Q_{kl} = -\eta\,\tilde v_k \sum_j a_j I_3(k, l, j) - \eta\,\tilde v_l \sum_j a_j I_3(l, k, j)
 *    + \eta^2 \tilde v_k \tilde v_l \Big[\sum_{i,j} a_i a_j I_4(k, l, i, j) + \sigma_0^2 J_2(k, l)\Big]
 *    - 2\kappa Q_{kl}, \]
 * \[ \dot v_k = -\eta_v\, s_K \sum_j a_j I_2(k, j) \quad (0 \text{ when } \eta_v = 0), \]
 * with ṽ = s_K v and j, i running over all K + M units. Generalization error (noise-free labels):
 * ε_g = ½ Σ_{i,j} a_i a_j I_2(i, j).
 *
 * <p>Erf and linear use closed forms only. ReLU uses the closed I2, I3, J2 and computes the
 * η² bracket's Σ a_i a_j I4(k,l,i,j) = E[Θ(λ_k)Θ(λ_l) Δ²] for all k ≤ l at once as one
 * (K+M)-dimensional Gaussian expectation over a fixed rule ({@code GaussianRule.forDimension(K+M,
 * quadrature_nodes)}) with the symmetric root C^{1/2}; the integrand has kinks, so this part is
 * accurate to about 1e-3 relative (see {@code CommitteeOdeTest}), not to rounding.
 *
 * <p>Cost per drift: K(K+M)² I3 terms and K(K+1)/2 · (K+M)(K+M+1)/2 I4 terms (erf: one arcsin and
 * a square root each; 4896 for K = M = 8). Thread-safe (a workspace per thread), allocation-free
 * after a thread's first call.
 */
public final class CommitteeOde implements Dynamics {
  private final int k;
  private final int m;
  private final int p;
  private final Activation act;
  private final double[][] t;
  private final double[] vstar;
  private final double eta;
  private final double etaV;
  private final double noiseVar;
  private final double kappa;
  private final double sK;
  private final double sM;
  private final StateLayout layout;
  private final StateLayout.Block qB;
  private final StateLayout.Block rB;
  private final StateLayout.Block vB;
  private final GaussianRule rule;
  private final ThreadLocal<Work> work;

  public CommitteeOde(Committee model) {
    this.k = model.hiddenUnits();
    this.m = model.teacherUnits();
    this.p = k + m;
    this.act = model.activation();
    this.t = model.teacherGram();
    this.vstar = model.vstar();
    this.eta = model.eta();
    this.etaV = model.etaV();
    this.noiseVar = model.sigma0() * model.sigma0();
    this.kappa = model.kappa();
    this.sK = model.studentScale();
    this.sM = model.teacherScale();
    this.layout = model.layout();
    this.qB = layout.block("Q");
    this.rB = layout.block("R");
    this.vB = layout.block("v");
    this.rule = ActivationIntegrals.hasClosedFormI4(act) ? null : GaussianRule.forDimension(p, model.quadratureNodes());
    this.work = ThreadLocal.withInitial(Work::new);
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  /** The rule of the ReLU I4 integral, or null for erf and linear (closed forms). */
  public GaussianRule rule() {
    return rule;
  }

  /** Per-thread buffers, and the ReLU η² integral. */
  private final class Work {
    final double[][] c = new double[p][p];
    final double[] a = new double[p];
    final double[][] s = new double[k][p];
    final double[][] rs = new double[k][p];
    final double[] l1 = new double[p];
    final double[][] u4 = new double[k][k];
    final ReluSecondOrder relu = rule == null ? null : new ReluSecondOrder(rule, k, p);
  }

  /** Fills C and a from u. */
  private void load(Work w, double[] u) {
    double[][] c = w.c;
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) c[i][j] = c[j][i] = u[qB.index(i, j)];
      for (int n = 0; n < m; n++) c[i][k + n] = c[k + n][i] = u[rB.index(i, n)];
      w.a[i] = sK * u[vB.index(i, 0)];
    }
    for (int n = 0; n < m; n++) {
      for (int q = 0; q < m; q++) c[k + n][k + q] = t[n][q];
      w.a[k + n] = -sM * vstar[n];
    }
  }

  @Override
  public void drift(double[] u, double[] out) {
    Work w = work.get();
    load(w, u);
    double[][] c = w.c;
    double[] a = w.a;
    firstOrder(w);
    secondOrder(w, u);
    for (int i = 0; i < k; i++) {
      double ei = eta * a[i];
      for (int n = 0; n < m; n++) {
        int idx = rB.index(i, n);
        out[idx] = -ei * w.s[i][k + n] - kappa * u[idx];
      }
      for (int j = i; j < k; j++) {
        int idx = qB.index(i, j);
        double v = -ei * w.s[i][j] - eta * a[j] * w.s[j][i];
        double bracket = w.u4[i][j];
        if (noiseVar > 0) bracket += noiseVar * ActivationIntegrals.j2(act, c[i][i], c[i][j], c[j][j]);
        out[idx] = v + eta * eta * a[i] * a[j] * bracket - 2 * kappa * u[idx];
      }
      double dv = 0;
      if (etaV > 0) {
        for (int j = 0; j < p; j++) dv += a[j] * ActivationIntegrals.i2(act, c[i][i], c[i][j], c[j][j]);
        dv *= -etaV * sK;
      }
      out[vB.index(i, 0)] = dv;
    }
  }

  /** s[i][t] = Σ_j a_j I3(i, t, j) for students i and all units t. */
  private void firstOrder(Work w) {
    double[][] c = w.c;
    double[] a = w.a;
    if (act == Activation.ERF) {
      // I3(i,t,j) = (2/pi)(C_tj (1+C_ii) - C_it C_ij) / ((1+C_ii) sqrt(Lambda3_ij)): the denominator
      // depends on (i, j) only
      for (int i = 0; i < k; i++) {
        double ai = 1 + c[i][i];
        for (int j = 0; j < p; j++) {
          double l3 = ai * (1 + c[j][j]) - c[i][j] * c[i][j];
          w.rs[i][j] = a[j] * (2 / Math.PI) / (ai * Math.sqrt(l3));
        }
        for (int tt = 0; tt < p; tt++) {
          double sum = 0;
          double cit = c[i][tt];
          for (int j = 0; j < p; j++) sum += w.rs[i][j] * (c[tt][j] * ai - cit * c[i][j]);
          w.s[i][tt] = sum;
        }
      }
      return;
    }
    for (int i = 0; i < k; i++) {
      for (int tt = 0; tt < p; tt++) {
        double sum = 0;
        for (int j = 0; j < p; j++) sum += a[j] * ActivationIntegrals.i3(act, c[i][i], c[i][tt], c[i][j], c[tt][j], c[j][j]);
        w.s[i][tt] = sum;
      }
    }
  }

  /** u4[i][j] = Σ_{a,b} a_a a_b I4(i, j, a, b) for students i ≤ j. */
  private void secondOrder(Work w, double[] u) {
    double[][] c = w.c;
    double[] a = w.a;
    switch (act) {
      case LINEAR -> {
        double q = 0;
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) q += a[i] * a[j] * c[i][j];
        for (int i = 0; i < k; i++) for (int j = i; j < k; j++) w.u4[i][j] = q;
      }
      case ERF -> {
        for (int i = 0; i < k; i++) {
          double ai = 1 + c[i][i];
          for (int j = i; j < k; j++) {
            double bj = 1 + c[j][j];
            double cij = c[i][j];
            double l4 = ai * bj - cij * cij;
            for (int e = 0; e < p; e++) {
              double cie = c[i][e], cje = c[j][e];
              w.l1[e] = Math.sqrt(l4 * (1 + c[e][e]) - cje * cje * ai - cie * cie * bj + 2 * cij * cie * cje);
            }
            double sum = 0;
            for (int e = 0; e < p; e++) {
              double cie = c[i][e], cje = c[j][e];
              double inner = 0;
              for (int f = e; f < p; f++) {
                double cif = c[i][f], cjf = c[j][f];
                double l0 = l4 * c[e][f] - cje * cjf * ai - cie * cif * bj + cij * cie * cjf + cij * cif * cje;
                double v = a[f] * ActivationIntegrals.asin(l0 / (w.l1[e] * w.l1[f]));
                inner += f == e ? v : 2 * v;
              }
              sum += a[e] * inner;
            }
            w.u4[i][j] = sum * (4 / (Math.PI * Math.PI)) / Math.sqrt(l4);
          }
        }
      }
      case RELU -> w.relu.compute(c, a, w.u4);
    }
  }

  /**
   * ε_g(u) = ½ Σ_{i,j} a_i a_j I_2(i, j) over all K + M units (noise-free test labels; add σ₀²/2
   * for noisy ones).
   */
  public double generalizationError(double[] u) {
    Work w = work.get();
    load(w, u);
    double[][] c = w.c;
    double[] a = w.a;
    double e = 0;
    for (int i = 0; i < p; i++) {
      e += 0.5 * a[i] * a[i] * ActivationIntegrals.i2(act, c[i][i], c[i][i], c[i][i]);
      for (int j = i + 1; j < p; j++) e += a[i] * a[j] * ActivationIntegrals.i2(act, c[i][i], c[i][j], c[j][j]);
    }
    return e;
  }
}
