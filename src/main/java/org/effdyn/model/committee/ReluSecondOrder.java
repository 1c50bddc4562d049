package org.effdyn.model.committee;

import org.effdyn.gauss.CovarianceRoot;
import org.effdyn.gauss.GaussianExpectation;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.gauss.Integrand;

/**
 * The η² bracket of the committee ODEs for g = ReLU (docs/committee.md): with z ~ N(0, C) over the
 * K students and M teachers, a the output weights and Δ = Σ_j a_j z_j⁺,
 * \[ U_{kl} = \sum_{i,j} a_i a_j I_4(k, l, i, j) = E[\Theta(z_k)\Theta(z_l)\,\Delta^2],\qquad k \le l, \]
 * all pairs at once as one (K+M)-dimensional Gaussian expectation over a fixed rule with the
 * symmetric root C^{1/2} (I4 has no elementary closed form for ReLU, see {@link ActivationIntegrals}).
 * The integrand jumps across the planes z_k = 0, so the accuracy depends on the rule: used by
 * {@link CommitteeOde} (the rule of {@code GaussianRule.forDimension}) and {@link HiddenManifoldOde}
 * (randomized QMC; docs/committee.md gives the measured errors of both). One instance per thread (mutable
 * buffers); allocation-free.
 */
final class ReluSecondOrder implements Integrand {
  private final int k;
  private final GaussianExpectation expectation;
  private final CovarianceRoot root;
  private final double[][] l;
  private final double[] acc;
  private double[] a;

  ReluSecondOrder(GaussianRule rule, int k, int p) {
    this.k = k;
    this.expectation = new GaussianExpectation(rule, k * (k + 1) / 2);
    this.root = new CovarianceRoot(p);
    this.l = new double[p][p];
    this.acc = new double[k * (k + 1) / 2];
  }

  /** u4[i][j] = U_ij for students i ≤ j, from the covariance c and the weights a (both read only). */
  void compute(double[][] c, double[] weights, double[][] u4) {
    this.a = weights;
    root.compute(c, "C = [[Q, R], [R^T, T]]", l);
    expectation.expectation(l, this, acc);
    int idx = 0;
    for (int i = 0; i < k; i++) for (int j = i; j < k; j++) u4[i][j] = acc[idx++];
  }

  @Override
  public void add(double[] z, double w, double[] out) {
    double delta = 0;
    for (int j = 0; j < a.length; j++) if (z[j] > 0) delta += a[j] * z[j];
    double wd = w * delta * delta;
    int idx = 0;
    for (int i = 0; i < k; i++) {
      if (z[i] <= 0) {
        idx += k - i;
        continue;
      }
      for (int j = i; j < k; j++, idx++) if (z[j] > 0) out[idx] += wd;
    }
  }
}
