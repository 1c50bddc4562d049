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

  /** Central-difference Jacobian at u into jac (n x n); u is not modified. */
  public static void finiteDifference(Dynamics d, double[] u, double[][] jac) {
    int n = d.dimension();
    double[] x = u.clone();
    double[] fp = new double[n];
    double[] fm = new double[n];
    for (int j = 0; j < n; j++) {
      double s = CUBE_ROOT_EPS * Math.max(1.0, Math.abs(u[j]));
      double up = u[j] + s;
      double dn = u[j] - s;
      x[j] = up;
      d.drift(x, fp);
      x[j] = dn;
      d.drift(x, fm);
      x[j] = u[j];
      double width = up - dn;
      for (int i = 0; i < n; i++) jac[i][j] = (fp[i] - fm[i]) / width;
    }
  }
}
