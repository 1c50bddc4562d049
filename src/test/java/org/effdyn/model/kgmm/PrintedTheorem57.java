package org.effdyn.model.kgmm;

import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianExpectation;
import org.effdyn.gauss.GaussianRule;

/**
 * Theorem 5.7 of Ben Arous, Gheissari, Huang, Jagannath 2023 (arXiv:2310.03010) exactly as printed, for
 * tests only: the m equation (which is right) and the
 * printed R⊥ equation (5.6)
 * \[ \dot R^\perp_{ab} = -\beta R^\perp_{ab} + \sum_c \big(p_a Q_a^{c,b\perp} + p_b Q_b^{c,a\perp}\big)
 *    - \sum_c \frac{c_\delta p_c}{\lambda^2}\mathrm{Var}(\pi_c(a)\pi_c(b)) + \frac{c_\delta p_a}{\lambda}1_{a=b}, \]
 * reading "Q_a^{c,R_bb}" as the full Q_a^{c,b⊥}. Orthonormal means only. Not thread-safe.
 */
final class PrintedTheorem57 implements Dynamics {
  private final Kgmm g;
  private final int k;
  private final StateLayout layout;
  private final GaussianExpectation ex;
  private final CovarianceRoot root;
  private final double[] acc;

  PrintedTheorem57(Kgmm g) {
    this.g = g;
    this.k = g.k();
    this.layout = g.layout();
    GaussianRule rule = GaussianRule.forDimension(k, g.quadratureNodes());
    // per class: P_a (k), PP_ae (k^2), E[(pi_a pi_e)^2] (k^2)
    this.ex = new GaussianExpectation(rule, k * (k + 2 * k * k));
    this.root = new CovarianceRoot(k);
    this.acc = new double[k * (k + 2 * k * k)];
  }

  @Override
  public StateLayout layout() {
    return layout;
  }

  @Override
  public void drift(double[] u, double[] out) {
    double lambda = g.lambda(), beta = g.beta(), c = g.cDelta();
    double[] p = g.p();
    double[][] m = layout.matrix("m", u);
    double[][] rp = layout.matrix("Rperp", u);
    double[][] cov = new double[k][k];
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) {
      for (int e = 0; e < k; e++) cov[a][b] += m[a][e] * m[b][e];
      cov[a][b] = (cov[a][b] + rp[a][b]) / lambda;
    }
    double[][] l = new double[k][k];
    root.compute(cov, "R/lambda", l);
    int s = k + 2 * k * k;
    double[] pi = new double[k];
    ex.expectation(l, (gv, w, o) -> {
      for (int cl = 0; cl < k; cl++) {
        double z = 0;
        for (int a = 0; a < k; a++) z += pi[a] = Math.exp(m[a][cl] + gv[a]);
        for (int a = 0; a < k; a++) pi[a] /= z;
        for (int a = 0; a < k; a++) {
          o[cl * s + a] += w * pi[a];
          for (int e = 0; e < k; e++) {
            double q = pi[a] * pi[e];
            o[cl * s + k + a * k + e] += w * q;
            o[cl * s + k + k * k + a * k + e] += w * q * q;
          }
        }
      }
    }, acc);
    // m: the (correct) printed eq. (5.5)
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) {
      double v = (a == b ? p[a] : 0) - beta * m[a][b];
      for (int cl = 0; cl < k; cl++) {
        double q = m[a][b] * acc[cl * s + a];
        for (int e = 0; e < k; e++) q -= acc[cl * s + k + a * k + e] * m[e][b];
        v -= p[cl] * ((cl == b ? acc[cl * s + a] : 0) + q / lambda);
      }
      out[a * k + b] = v;
    }
    StateLayout.Block blk = layout.block("Rperp");
    for (int a = 0; a < k; a++) for (int b = a; b < k; b++) {
      double v = -beta * rp[a][b] + (a == b ? c * p[a] / lambda : 0);
      for (int cl = 0; cl < k; cl++) {
        double qab = rp[a][b] * acc[cl * s + a], qba = rp[b][a] * acc[cl * s + b];
        for (int e = 0; e < k; e++) {
          qab -= acc[cl * s + k + a * k + e] * rp[e][b];
          qba -= acc[cl * s + k + b * k + e] * rp[e][a];
        }
        double mean = acc[cl * s + k + a * k + b];
        double var = acc[cl * s + k + k * k + a * k + b] - mean * mean;
        v += (p[a] * qab + p[b] * qba) / lambda - c * p[cl] / (lambda * lambda) * var;
      }
      out[blk.index(a, b)] = v;
    }
  }
}
