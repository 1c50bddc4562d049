package org.effdyn.model.lazy;

import java.util.Locale;
import org.effdyn.core.Check;

/**
 * Which of the three flows of docs/lazy.md a {@link LazyProblem} integrates. Every choice carries
 * the clock {@code clock} (= t, so derived columns can evaluate time-dependent bounds) and the linearized
 * flow {@code vbar}; the state layout is, in this order,
 * {@code clock, v[1..p], vbar[1..p], v1[1..p], Vpath, E} with the blocks the flow lacks left out.
 */
public enum Flow {
  /** Full (N1) and linearized (N2) flows, the path variation Vpath of (B2) and the energy E of (N3). */
  FULL(true, false),
  /** Linearized flow (N2) only. */
  LINEAR(false, false),
  /** Linearized flow (N2) and the first-order correction v1 of (F1). */
  CORRECTION(false, true),
  /** Everything: full, linearized, first-order correction, Vpath and E. */
  ALL(true, true);

  private final boolean full;
  private final boolean correction;

  Flow(boolean full, boolean correction) {
    this.full = full;
    this.correction = correction;
  }

  /** True if the state holds the full flow v (and Vpath, E). */
  public boolean hasFull() {
    return full;
  }

  /** True if the state holds the first-order correction v1. */
  public boolean hasCorrection() {
    return correction;
  }

  /** Card spelling, lower case. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the card spelling; the error names {@code params.flow} and the value. */
  public static Flow parse(String s) {
    return Check.choice("params.flow", s, Flow.class);
  }
}
