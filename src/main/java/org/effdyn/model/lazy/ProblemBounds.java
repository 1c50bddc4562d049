package org.effdyn.model.lazy;

import org.effdyn.core.Trajectory;

/**
 * The bounds of {@link LazyBounds} that need a whole {@link LazyProblem} rather than numbers: the smallest radius on
 * which (B3) holds at a horizon, and (B2) with the running maximum of |J_s − J0| along a trajectory.
 */
final class ProblemBounds {
  private ProblemBounds() {}

  /**
   * The smallest radius ρ with t ≤ αρ/(Lip(h; ρ)√(2R0)), NaN if none exists up to ρ = 1e12; by doubling and
   * bisection, returning a ρ on the valid side.
   */
  static double chizatRadius(LazyProblem pr, double t) {
    if (t == 0) return 0;
    double c = t * Math.sqrt(2 * pr.r0()) / pr.alpha();
    double hi = Math.max(c * pr.j0Norm(), 1e-300);
    int guard = 0;
    while (hi < c * pr.lipschitzH(hi)) {
      hi *= 2;
      if (++guard > 2000 || hi > 1e12) return Double.NaN;
    }
    double lo = hi / 2;
    if (lo < c * pr.lipschitzH(lo)) {
      for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid >= c * pr.lipschitzH(mid)) hi = mid; else lo = mid;
      }
    }
    return hi;
  }

  /** (B2) with S(t) the running maximum of {@code dJ} over the rows and V ≤ Vpath: S(t)(2√t + 3t Vpath(t))|r0|. */
  static double[] postRunningMax(LazyProblem pr, Trajectory tr) {
    double[] dj = tr.column("dJ");
    double[] vp = tr.column("Vpath");
    double[] out = new double[tr.size()];
    double s = 0;
    double r0Norm = pr.residualNorm0();
    for (int i = 0; i < out.length; i++) {
      s = Math.max(s, dj[i]);
      double t = tr.time(i);
      out[i] = s * (2 * Math.sqrt(t) + 3 * t * vp[i]) * r0Norm;
    }
    return out;
  }
}
