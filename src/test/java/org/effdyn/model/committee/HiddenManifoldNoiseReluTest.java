package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.effdyn.core.StateLayout;
import org.effdyn.model.common.Activation;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/**
 * Oracles of label noise σ₀ and of the ReLU activation in {@link HiddenManifoldOde}
 * (docs/committee.md, hidden-manifold section), on a general state of a 3-node spectrum with f = sgn.
 */
class HiddenManifoldNoiseReluTest {
  static final int K = 2;
  static final int M = 1;
  static final double[] RHO = {0.3, 1.0, 2.2};
  static final double[] WEIGHT = {0.3, 0.4, 0.3};
  static final double DELTA_R = 0.5;
  static final double ETA = 0.5;
  static final double ETA_V = 0.3;
  static final double[] VSTAR = {1.2};
  static final double B = InputNonlinearity.SGN.b();
  static final double C = InputNonlinearity.SGN.c();

  static HiddenManifoldOde ode(Activation g, double sigma0) {
    double[][][] t = new double[RHO.length][][];
    for (int q = 0; q < RHO.length; q++) t[q] = new double[][] {{1 + 0.1 * q}};
    return new HiddenManifoldOde(K, M, g, B, C, DELTA_R, ETA, ETA_V, VSTAR, RHO, WEIGHT, t, sigma0, HiddenManifoldCommittee.DEFAULT_QUADRATURE_NODES);
  }

  /** A general state: Ω, σ(ρ) positive definite, r(ρ) ≠ 0, unequal v. */
  static double[] state(HiddenManifoldOde o) {
    StateLayout l = o.layout();
    double[] u = new double[l.size()];
    int om = l.block("Omega").offset(), v = l.block("v").offset(), r = l.block("r").offset(), s = l.block("sigma").offset();
    u[om] = 1.0;
    u[om + 1] = 0.2;
    u[om + 2] = 0.8;
    u[v] = 0.9;
    u[v + 1] = 0.6;
    for (int q = 0; q < RHO.length; q++) {
      u[r + q * K * M] = 0.3 * (1 + 0.2 * q);
      u[r + q * K * M + 1] = -0.1 * (1 + 0.3 * q);
      u[s + q * 3] = RHO[q] * 1.0 + 0.1;
      u[s + q * 3 + 1] = RHO[q] * 0.1;
      u[s + q * 3 + 2] = RHO[q] * 0.9 + 0.05;
    }
    return u;
  }

  /**
   * Label noise y + σ₀ζ adds σ₀²ζ² to Δ² and nothing to Δ on average, so the drift changes by the
   * closed form η² v_k v_l σ₀² J2(k, l) times c (Ω) and (c − b²)ρ + b²ρ²/δ_r (σ(ρ)), and not at all
   * in r and v; erf J2 = (2/π)(1 + Q_kk + Q_ll + Q_kk Q_ll − Q_kl²)^{-1/2}, ReLU J2 =
   * (π − arccos(Q_kl/√(Q_kk Q_ll)))/(2π). ε_g stays noise-free.
   */
  @Test
  void labelNoiseAddsTheClosedFormTerm() {
    for (Activation g : new Activation[] {Activation.ERF, Activation.RELU}) {
      double s0 = 0.7;
      HiddenManifoldOde clean = ode(g, 0), noisy = ode(g, s0);
      double[] u = state(clean);
      double[] d0 = new double[u.length], d1 = new double[u.length];
      clean.drift(u, d0);
      noisy.drift(u, d1);
      double[] red = new double[clean.reducedSize()], redNoisy = new double[clean.reducedSize()];
      clean.reduced(u, red);
      noisy.reduced(u, redNoisy);
      assertThat(redNoisy[red.length - 1]).as("eps_g noise-free").isEqualTo(red[red.length - 1]);
      double[][] q = {{red[0], red[1]}, {red[1], red[2]}};
      double[] v = {u[3], u[4]};
      StateLayout l = clean.layout();
      for (int k = 0; k < K; k++) {
        for (int j = k; j < K; j++) {
          double j2 = g == Activation.ERF
              ? 2 / Math.PI / Math.sqrt(1 + q[k][k] + q[j][j] + q[k][k] * q[j][j] - q[k][j] * q[k][j])
              : (Math.PI - Math.acos(q[k][j] / Math.sqrt(q[k][k] * q[j][j]))) / (2 * Math.PI);
          double base = ETA * ETA * v[k] * v[j] * s0 * s0 * j2;
          int o = HiddenManifoldOde.sym(K, k, j);
          assertThat(d1[l.block("Omega").offset() + o] - d0[l.block("Omega").offset() + o]).as(g + " dOmega").isCloseTo(C * base, within(1e-12));
          for (int n = 0; n < RHO.length; n++) {
            double e = ((C - B * B) * RHO[n] + B * B * RHO[n] * RHO[n] / DELTA_R) * base;
            int idx = l.block("sigma").offset() + n * 3 + o;
            assertThat(d1[idx] - d0[idx]).as(g + " dsigma node " + n).isCloseTo(e, within(1e-12));
          }
        }
      }
      for (int i = 0; i < l.block("sigma").offset(); i++) {
        if (i >= l.block("Omega").offset() && i < l.block("Omega").offset() + 3) continue;
        assertThat(d1[i]).as(g + " unchanged coordinate " + i).isEqualTo(d0[i]);
      }
    }
  }

  /**
   * ReLU drift with label noise against Monte Carlo of its defining expectations: z = (λ, ν) ~ N(0, C)
   * with C from the state, ζ ~ N(0, 1) independent, Δ = Σ_j a_j z_j⁺ − σ₀ζ, and per draw
   * s_{k,t} = Δ Θ(λ_k) z_t, U_kl = Δ² Θ(λ_k)Θ(λ_l), I2 = z_k⁺ z_j⁺, assembled into Ω̇, v̇, ṙ(ρ), σ̇(ρ) by
   * the equations of docs/committee.md (G_k = C⁻¹ s_k). 4·10⁵ draws; tolerance 5 standard errors plus
   * 2e-3 relative for the randomized-QMC U integral (measured worst: 1.8 standard errors).
   */
  @Test
  void reluDriftMatchesMonteCarlo() {
    double s0 = 0.5;
    HiddenManifoldOde o = ode(Activation.RELU, s0);
    double[] u = state(o);
    double[] drift = new double[u.length];
    o.drift(u, drift);
    double[] red = new double[o.reducedSize()];
    o.reduced(u, red);
    int p = K + M;
    double[][] cov = new double[p + 1][p + 1];
    cov[0][0] = red[0];
    cov[0][1] = cov[1][0] = red[1];
    cov[1][1] = red[2];
    cov[0][2] = cov[2][0] = red[3];
    cov[1][2] = cov[2][1] = red[4];
    double tMean = 0;
    for (int q = 0; q < RHO.length; q++) tMean += WEIGHT[q] * (1 + 0.1 * q);
    cov[2][2] = tMean;
    cov[3][3] = 1; // ζ
    double[][] inv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(new double[][] {
        {cov[0][0], cov[0][1], cov[0][2]}, {cov[1][0], cov[1][1], cov[1][2]}, {cov[2][0], cov[2][1], cov[2][2]}})).getData();
    double[] a = {u[3], u[4], -VSTAR[0]};
    StateLayout l = o.layout();
    int om = l.block("Omega").offset(), vo = l.block("v").offset(), ro = l.block("r").offset(), so = l.block("sigma").offset();
    double[][] s = new double[K][p];
    double[][] uu = new double[K][K];
    double[][] g = new double[K][p];
    double[][] mc = MonteCarlo.estimate(cov, u.length, 400_000, 29, (z, out) -> {
      double delta = -s0 * z[p];
      for (int j = 0; j < p; j++) delta += a[j] * Math.max(z[j], 0);
      for (int k = 0; k < K; k++) {
        double th = z[k] > 0 ? 1 : 0;
        for (int t = 0; t < p; t++) s[k][t] = delta * th * z[t];
        for (int j = 0; j < K; j++) uu[k][j] = delta * delta * th * (z[j] > 0 ? 1 : 0);
      }
      for (int k = 0; k < K; k++) {
        for (int t = 0; t < p; t++) {
          double sum = 0;
          for (int j = 0; j < p; j++) sum += inv[t][j] * s[k][j];
          g[k][t] = sum;
        }
      }
      for (int k = 0; k < K; k++) {
        for (int j = k; j < K; j++) out[om + HiddenManifoldOde.sym(K, k, j)] = -ETA * a[k] * s[k][j] - ETA * a[j] * s[j][k] + C * ETA * ETA * a[k] * a[j] * uu[k][j];
        double dv = 0;
        for (int j = 0; j < p; j++) dv += a[j] * Math.max(z[j], 0) * Math.max(z[k], 0);
        out[vo + k] = -ETA_V * dv;
      }
      for (int q = 0; q < RHO.length; q++) {
        double d = (C - B * B) * DELTA_R + B * B * RHO[q];
        double tq = 1 + 0.1 * q;
        for (int k = 0; k < K; k++) {
          double sum = 0;
          for (int j = 0; j < K; j++) sum += g[k][j] * u[ro + q * K * M + j];
          out[ro + q * K * M + k] = -ETA / DELTA_R * a[k] * (d * sum + B * RHO[q] * g[k][K] * tq);
        }
        for (int k = 0; k < K; k++) {
          for (int j = k; j < K; j++) {
            double v = 0;
            for (int[] kl : new int[][] {{k, j}, {j, k}}) {
              int x = kl[0], y = kl[1];
              double sum = 0;
              for (int i = 0; i < K; i++) sum += g[x][i] * u[so + q * 3 + HiddenManifoldOde.sym(K, i, y)];
              v += -ETA / DELTA_R * a[x] * (d * sum + B * RHO[q] * g[x][K] * u[ro + q * K * M + y]);
            }
            out[so + q * 3 + HiddenManifoldOde.sym(K, k, j)] = v + ETA * ETA * a[k] * a[j] * ((C - B * B) * RHO[q] + B * B * RHO[q] * RHO[q] / DELTA_R) * uu[k][j];
          }
        }
      }
    });
    double worst = 0;
    for (int i = 0; i < u.length; i++) {
      worst = Math.max(worst, Math.abs(drift[i] - mc[0][i]) / mc[1][i]);
      assertThat(drift[i]).as("coordinate " + i).isCloseTo(mc[0][i], within(5 * mc[1][i] + 2e-3 * Math.abs(mc[0][i])));
    }
    System.out.printf("committee-hmf relu + sigma0 drift vs Monte Carlo (4e5 draws): worst |ode - mc| = %.2f standard errors%n", worst);
  }
}
