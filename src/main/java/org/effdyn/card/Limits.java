package org.effdyn.card;

import java.util.Locale;

/**
 * The resource limits a run is held to unless the user forces it ({@code --force}): a card's size
 * ({@link YamlTree#MAX_BYTES}), the number of statistics of a limit, and the estimated work of a run.
 * Every shipped card and validation case is far below them; they exist to refuse, in a second and
 * with a reason, a run that would take hours or exhaust memory (a committee with K = M = 5000 has
 * 37.5 million statistics and a drift of about 10^16 operations).
 */
public final class Limits {
  /** Most statistics a limit may have. Building the layout alone is linear in it, the drift usually quadratic. */
  public static final long MAX_STATE = 1_000_000;

  /**
   * Most estimated floating-point work of one run, limit and SGD each: 10^13 operations are an
   * hour or more of one core.
   */
  public static final double MAX_WORK = 1e13;

  private Limits() {}

  /** A count in engineering notation for messages: {@code 3.75e+07}. */
  public static String amount(double x) {
    return x < 1e6 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2e", x);
  }
}
