package org.effdyn.model.kgmm;

import org.effdyn.core.Check;
import org.effdyn.model.common.Softmax;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Known results of the k-GMM with orthonormal means (m̄ = I) (docs/kgmm.md).
 */
public final class KgmmOracles {
  private KgmmOracles() {}

  /**
   * The unique fixed point of the λ = ∞ flow (Ben Arous, Gheissari, Huang, Jagannath 2023, eq. (5.19),
   * Prop. 5.14): column b has
   * \[ m_{bb} = \frac{p_b}{\beta}(1 - q_b), \quad q_b = \frac{1}{1 + (k-1)e^{-k m_{bb}/(k-1)}}, \quad
   *    m_{ab} = -\frac{m_{bb}}{k-1}\ (a \ne b), \]
   * the root in (0, p_b/β) found by bracketing to 1e-15; R⊥ = 0. Returns m (k x k).
   */
  public static double[][] fixedPoint(Kgmm model) {
    if (!model.orthonormalMeans()) {
      throw new IllegalArgumentException("mbar: the closed-form fixed point needs orthonormal means");
    }
    int k = model.k();
    double[] p = model.p();
    double[][] m = new double[k][k];
    for (int b = 0; b < k; b++) {
      double mbb = diagonal(k, p[b], model.beta());
      for (int a = 0; a < k; a++) m[a][b] = a == b ? mbb : -mbb / (k - 1);
    }
    return m;
  }

  /** m_bb of {@link #fixedPoint} for class weight pb. k = 3, β = 0.1, p = 1/3: 1.013837. */
  public static double diagonal(int k, double pb, double beta) {
    Check.atLeast("k", k, 2);
    Check.positiveFinite("beta", beta);
    double top = pb / beta;
    return new BracketingNthOrderBrentSolver(1e-15, 1e-15, 5)
        .solve(1000, m -> m - top * (1 - q(k, m)), 0, top);
  }

  /** q = π̄_b(b) at the fixed point: 1/(1 + (k-1) exp(-k m_bb/(k-1))). */
  public static double q(int k, double mbb) {
    return 1 / (1 + (k - 1) * Math.exp(-k * mbb / (k - 1)));
  }

  /**
   * The distinct eigenvalues of d(dm/dt)/dm at the fixed point for p = 1/k (derived here;
   * {@code KgmmOraclesTest} checks them against the eigenvalues of {@link KgmmInfinite#jacobian}):
   * -β - q(1-q)/(k-1) (multiplicity k), -β - r/k with r = (1-q)/(k-1) (multiplicity k(k-2)) and -β
   * (multiplicity k), in that order; the R⊥ block adds -2β. k = 3, β = 0.1: -0.205822, -0.150692, -0.1.
   */
  public static double[] jacobianEigenvalues(int k, double beta) {
    double q = q(k, diagonal(k, 1.0 / k, beta));
    double r = (1 - q) / (k - 1);
    return new double[] {-beta - q * (1 - q) / (k - 1), -beta - r / k, -beta};
  }

  /**
   * dm_ab/dt at u = (0, I): p_a δ_ab - p_b/k, for any λ (there P_a^c = 1/k exactly, as the G_a are
   * i.i.d., and the Q-terms vanish).
   */
  public static double[][] initialDrift(Kgmm model) {
    int k = model.k();
    double[] p = model.p();
    double[][] h = new double[k][k];
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) h[a][b] = (a == b ? p[a] : 0) - p[b] / k;
    return h;
  }

  /**
   * The corrected energy of the λ = ∞ m-flow, dm/dt = -∇H (Ben Arous, Gheissari, Huang, Jagannath 2023,
   * Lemma 5.13, prints the log-sum-exp with its indices transposed; docs/corrections.md):
   * H(m) = -Σ_a p_a m_aa + Σ_c p_c log Σ_a e^{m_ac} + (β/2)||m||_F².
   */
  public static double energy(Kgmm model, double[][] m) {
    int k = model.k();
    double[] p = model.p();
    double h = 0;
    for (int a = 0; a < k; a++) {
      h -= p[a] * m[a][a];
      for (int b = 0; b < k; b++) h += 0.5 * model.beta() * m[a][b] * m[a][b];
    }
    for (int c = 0; c < k; c++) h += p[c] * Softmax.logSumExpOfColumn(m, c);
    return h;
  }
}
