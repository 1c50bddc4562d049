package org.effdyn.analysis;

import org.effdyn.core.StateLayout;

/**
 * A fixed point h(u*) = 0 of a limit.
 *
 * @param state     u*, in the dynamics' layout
 * @param residual  max_i |h_i(u*)|
 * @param stability eigenvalues of the Jacobian there, classification and unstable directions
 * @param analyticJacobian true if the Jacobian came from {@link org.effdyn.core.HasJacobian},
 *                  false if from central differences
 * @param hits      how many Newton starts converged to it
 */
public record FixedPoint(double[] state, double residual, Stability stability, boolean analyticJacobian, int hits) {
  public FixedPoint {
    state = state.clone();
  }

  @Override
  public double[] state() {
    return state.clone();
  }

  /** Coordinate i. */
  public double get(int i) {
    return state[i];
  }

  /** The classification. */
  public Stability.Kind kind() {
    return stability.kind();
  }

  /** {@code m=1, r2perp=1 (stable-node, residual 1e-16, max Re mu = -8)} */
  public String describe(StateLayout layout) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < state.length; i++) {
      if (i > 0) b.append(", ");
      b.append(layout.name(i)).append('=').append(fmt(state[i]));
    }
    b.append(" (").append(kind().key()).append(", max Re mu = ").append(fmt(stability.maxRealPart()));
    if (stability.unstableCount() > 0) b.append(", ").append(stability.unstableCount()).append(" unstable");
    b.append(", residual ").append(String.format(java.util.Locale.ROOT, "%.1e", residual)).append(')');
    return b.toString();
  }

  static String fmt(double x) {
    if (x == 0) return "0";
    double a = Math.abs(x);
    return a >= 1e-4 && a < 1e6 ? String.format(java.util.Locale.ROOT, "%.6g", x).replaceAll("\\.?0+$", "")
        : String.format(java.util.Locale.ROOT, "%.4e", x);
  }
}
