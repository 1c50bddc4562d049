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
 * @param multiplicity 1 for a hyperbolic point; for a non-hyperbolic one the number of distinct real roots
 *                  it splits into when h is perturbed by a small constant (the largest over the sign
 *                  patterns tried; a lower bound on the algebraic multiplicity, equal to it when every
 *                  perturbed root is real, e.g. 2 at a fold, 4 at the tensor PCA origin); 0 when not
 *                  computed (more than {@link FixedPointFinder#MULTIPLICITY_MAX_DIMENSION} coordinates)
 */
public record FixedPoint(double[] state, double residual, Stability stability, boolean analyticJacobian, int hits,
    int multiplicity) {
  public FixedPoint {
    state = state.clone();
  }

  /** A point of multiplicity 1 (hyperbolic) or not yet determined (non-hyperbolic: 0). */
  public FixedPoint(double[] state, double residual, Stability stability, boolean analyticJacobian, int hits) {
    this(state, residual, stability, analyticJacobian, hits, stability.kind() == Stability.Kind.NON_HYPERBOLIC ? 0 : 1);
  }

  /** This point with another hit count and multiplicity. */
  FixedPoint with(int newHits, int newMultiplicity) {
    return new FixedPoint(state, residual, stability, analyticJacobian, newHits, newMultiplicity);
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
    if (multiplicity > 1) b.append(", multiplicity ").append(multiplicity);
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
