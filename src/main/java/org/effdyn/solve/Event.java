package org.effdyn.solve;

import org.effdyn.core.Check;

/**
 * An event: the named statistic crosses {@code level} (either direction). {@link Action#STOP} ends
 * the solve at the crossing; {@link Action#RECORD} records it and goes on. Crossing times are
 * located by a bracketing root finder on the dense output to {@code 1e-10} in t.
 */
public record Event(String name, String statistic, double level, Action action) {
  /** What to do at a crossing. */
  public enum Action { STOP, RECORD }

  public Event {
    if (statistic == null || statistic.isEmpty()) throw new IllegalArgumentException("event statistic must be given");
    Check.finite("event level", level);
    if (action == null) throw new IllegalArgumentException("event action must be given");
    if (name == null) name = statistic + "=" + level;
  }

  /** Stop when statistic reaches level. */
  public static Event stopWhen(String statistic, double level) {
    return new Event(null, statistic, level, Action.STOP);
  }

  /** Record every time statistic crosses level. */
  public static Event recordWhen(String statistic, double level) {
    return new Event(null, statistic, level, Action.RECORD);
  }
}
