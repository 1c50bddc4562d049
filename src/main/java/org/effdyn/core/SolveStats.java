package org.effdyn.core;

/**
 * What a solve cost: drift evaluations, accepted and rejected steps (rejected = -1 where the
 * method cannot tell, e.g. Gragg-Bulirsch-Stoer), and wall time in nanoseconds.
 */
public record SolveStats(long evaluations, long acceptedSteps, long rejectedSteps, long wallNanos) {
  public static final SolveStats NONE = new SolveStats(0, 0, 0, 0);
}
