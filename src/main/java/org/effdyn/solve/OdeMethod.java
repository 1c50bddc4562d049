package org.effdyn.solve;

import org.effdyn.core.ParameterException;

/** Integration methods of {@link OdeSolver}, with their scenario-card spellings. */
public enum OdeMethod {
  /**
   * Dormand-Prince 8(5,3), adaptive; the default. Hipparchus evaluates 16 stages per attempt (12, plus 3
   * for the dense output, plus the FSAL stage), so 15 new evaluations.
   */
  DORMAND_PRINCE_853("dormand-prince-853", true, 15),
  /** Dormand-Prince 5(4), adaptive, 6 stages + FSAL. */
  DORMAND_PRINCE_54("dormand-prince-54", true, 6),
  /** Gragg-Bulirsch-Stoer extrapolation, adaptive step and order. */
  GRAGG_BULIRSCH_STOER("gragg-bulirsch-stoer", true, -1),
  /** Classical Runge-Kutta, order 4, fixed step. */
  RK4("rk4", false, 4),
  /** Explicit Euler, order 1, fixed step: what most existing tools use, kept for comparison. */
  EULER("euler", false, 1);

  private final String key;
  private final boolean adaptive;
  private final int evaluationsPerAttempt;

  OdeMethod(String key, boolean adaptive, int evaluationsPerAttempt) {
    this.key = key;
    this.adaptive = adaptive;
    this.evaluationsPerAttempt = evaluationsPerAttempt;
  }

  /** Card spelling. */
  public String key() {
    return key;
  }

  /** True for error-controlled methods (rtol/atol apply); false for fixed-step ones. */
  public boolean adaptive() {
    return adaptive;
  }

  /** New drift evaluations per step attempt, or -1 where it varies (GBS). */
  public int evaluationsPerAttempt() {
    return evaluationsPerAttempt;
  }

  /** Parses a card spelling; the error lists the valid ones. */
  public static OdeMethod parse(String s) {
    StringBuilder known = new StringBuilder();
    for (OdeMethod m : values()) {
      if (m.key.equals(s)) return m;
      known.append(known.length() == 0 ? "" : ", ").append(m.key);
    }
    throw new ParameterException("solver.method", s, "must be one of " + known + "; got '" + s + "'");
  }
}
