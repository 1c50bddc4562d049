package org.effdyn.analysis;

import org.effdyn.core.Dynamics;
import org.effdyn.core.HasJacobian;

/**
 * The Jacobian J_ij = ∂h_i/∂u_j of a drift: analytic when the dynamics implements
 * {@link HasJacobian}, otherwise by central differences
 * \[ J_{ij} \approx \frac{h_i(u + s_j e_j) - h_i(u - s_j e_j)}{2 s_j}, \qquad
 *    s_j = \epsilon^{1/3} \max(1, |u_j|), \]
 * whose truncation error O(s²|h'''|) and rounding error O(ε|h|/s) balance at this step: about
 * 1e-10 relative for a smooth drift of size one (ε = 2.2e-16). The step is made exactly
 * representable ((u + s) - u) so the division uses the step actually taken.
 */
public final class Jacobians {
  private static final double CUBE_ROOT_EPS = Math.cbrt(Math.ulp(1.0));

  private Jacobians() {}

  /** True if the dynamics supplies an analytic Jacobian. */
  public static boolean analytic(Dynamics d) {
    return d instanceof HasJacobian;
  }

  /** A new n x n Jacobian at u (analytic if available). */
  public static double[][] at(Dynamics d, double[] u) {
    int n = d.dimension();
    double[][] j = new double[n][n];
    if (d instanceof HasJacobian h) {
      h.jacobian(u, j);
    } else {
      finiteDifference(d, u, j);
    }
    return j;
  }

  /**
   * Central-difference Jacobian at u into jac (n x n); u is not modified. Where the drift is undefined on
   * one side of u (it throws, or is not finite: u on the boundary of its domain, e.g. a Gram matrix with
   * a zero eigenvalue, where a step along an off-diagonal entry leaves the positive semidefinite cone on
   * one side) column j falls back to the second-order one-sided difference
   * (−3h(u) + 4h(u ± s e_j) − h(u ± 2s e_j))/(±2s), first forward, then backward; where both sides
   * leave the domain (a Gram matrix with two zero eigenvalues, perturbed off the diagonal) and the
   * dynamics declares it ({@link HasDomain}), the central difference of h∘P, P the projection onto it.
   *
   * @throws RuntimeException the drift's exception if it is undefined on both sides
   */
  public static void finiteDifference(Dynamics d, double[] u, double[][] jac) {
    int n = d.dimension();
    double[] x = u.clone();
    double[] fp = new double[n];
    double[] fm = new double[n];
    double[] f0 = null;
    for (int j = 0; j < n; j++) {
      double s = CUBE_ROOT_EPS * Math.max(1.0, Math.abs(u[j]));
      double up = u[j] + s;
      double dn = u[j] - s;
      RuntimeException failure = null;
      if (eval(d, x, j, up, fp) && eval(d, x, j, dn, fm)) {
        x[j] = u[j];
        double width = up - dn;
        for (int i = 0; i < n; i++) jac[i][j] = (fp[i] - fm[i]) / width;
        continue;
      }
      x[j] = u[j];
      if (f0 == null) {
        f0 = new double[n];
        d.drift(u, f0);
      }
      boolean done = false;
      for (int side : new int[] {1, -1}) {
        double s1 = u[j] + side * s, s2 = u[j] + 2 * side * s;
        if (eval(d, x, j, s1, fp) && eval(d, x, j, s2, fm)) {
          double width = 2 * (s1 - u[j]);
          for (int i = 0; i < n; i++) jac[i][j] = (-3 * f0[i] + 4 * fp[i] - fm[i]) / width;
          done = true;
          break;
        }
      }
      x[j] = u[j];
      if (!done && d instanceof HasDomain hd) { // on a face of the cone where both sides leave it: difference h∘P
        StateDomain dom = hd.domain();
        double[] xp = u.clone(), xm = u.clone();
        xp[j] = up;
        xm[j] = dn;
        dom.project(xp);
        dom.project(xm);
        try {
          d.drift(xp, fp);
          d.drift(xm, fm);
          for (int i = 0; i < n; i++) jac[i][j] = (fp[i] - fm[i]) / (up - dn);
          done = true;
        } catch (RuntimeException stillUndefined) {
          done = false;
        }
      }
      if (!done) {
        x[j] = up;
        d.drift(x, fp); // throws the drift's own exception, naming why it is undefined
        x[j] = dn;
        d.drift(x, fm);
        throw new IllegalStateException("drift not finite on either side of " + d.layout().name(j) + " = " + u[j]);
      }
    }
  }

  /** Sets x[j] = value, evaluates the drift into out; false if it throws or is not finite. */
  private static boolean eval(Dynamics d, double[] x, int j, double value, double[] out) {
    x[j] = value;
    try {
      d.drift(x, out);
    } catch (RuntimeException undefined) {
      return false;
    }
    for (double v : out) if (!Double.isFinite(v)) return false;
    return true;
  }
}
