package org.effdyn.solve;

import java.util.Arrays;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;

/**
 * An integration failed. Carries the reason, the time and state where it happened (the last accepted
 * step, or the offending evaluation for a non-finite drift) and what the solve had cost so far.
 */
public final class IntegrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the solve stopped. */
  public enum Reason {
    /** The adaptive step fell below the minimum step. */
    STEP_BELOW_MINIMUM,
    /** A drift, diffusion or state value was NaN or infinite. */
    NON_FINITE_STATE,
    /** A state coordinate exceeded the blow-up bound. */
    BLOW_UP,
    /** The evaluation budget ran out. */
    TOO_MANY_EVALUATIONS
  }

  private final Reason reason;
  private final double t;
  private final double[] u;
  private final SolveStats stats;

  public IntegrationException(String method, Reason reason, double t, double[] u, StateLayout layout,
      SolveStats stats, String hint, Throwable cause) {
    super(message(method, reason, t, u, layout, stats, hint), cause);
    this.reason = reason;
    this.t = t;
    this.u = u.clone();
    this.stats = stats;
  }

  public Reason reason() {
    return reason;
  }

  /** Time of the failure (last accepted time, or the evaluation time for a non-finite drift). */
  public double time() {
    return t;
  }

  /** State at {@link #time()}. */
  public double[] state() {
    return u.clone();
  }

  public SolveStats stats() {
    return stats;
  }

  private static String message(String method, Reason reason, double t, double[] u, StateLayout layout,
      SolveStats stats, String hint) {
    StringBuilder s = new StringBuilder();
    s.append(method).append(": ").append(reason).append(" at t=").append(t).append(" (");
    if (layout != null && layout.size() == u.length) {
      int shown = Math.min(u.length, 12);
      for (int i = 0; i < shown; i++) {
        s.append(i == 0 ? "" : ", ").append(layout.name(i)).append('=').append(u[i]);
      }
      if (shown < u.length) s.append(", ...");
    } else {
      s.append("u=").append(Arrays.toString(u));
    }
    s.append("); ").append(stats.evaluations()).append(" evaluations, ")
        .append(stats.acceptedSteps()).append(" accepted steps.");
    if (hint != null && !hint.isEmpty()) s.append(" Likely: ").append(hint);
    return s.toString();
  }
}
