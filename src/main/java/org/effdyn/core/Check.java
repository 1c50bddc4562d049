package org.effdyn.core;

/**
 * Argument checks that name the field (as the user typed it in a scenario card) and the value: each
 * failure is a {@link ParameterException} with message {@code FIELD: must ..., got VALUE}. Each check
 * rejects NaN, because every comparison with NaN is false.
 */
public final class Check {
  private Check() {}

  /** Requires 0 &lt; x &lt; inf. */
  public static double positiveFinite(String name, double x) {
    if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
      throw new ParameterException(name, x, "must be > 0 and finite, got " + x);
    }
    return x;
  }

  /** Requires 0 &lt;= x &lt; inf. */
  public static double nonNegativeFinite(String name, double x) {
    if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
      throw new ParameterException(name, x, "must be >= 0 and finite, got " + x);
    }
    return x;
  }

  /** Requires 0 &lt; x, allowing +inf (for an SNR lambda = inf, say). */
  public static double positiveOrInfinite(String name, double x) {
    if (!(x > 0)) {
      throw new ParameterException(name, x, "must be > 0 (or .inf), got " + x);
    }
    return x;
  }

  /** Requires x finite. */
  public static double finite(String name, double x) {
    if (!Double.isFinite(x)) {
      throw new ParameterException(name, x, "must be finite, got " + x);
    }
    return x;
  }

  /** Requires x &gt;= min. */
  public static int atLeast(String name, int x, int min) {
    if (x < min) {
      throw new ParameterException(name, x, "must be >= " + min + ", got " + x);
    }
    return x;
  }

  /** Requires every entry finite; names the first offending index. */
  public static double[] allFinite(String name, double[] x) {
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new ParameterException(name + "[" + i + "]", x[i], "must be finite, got " + x[i]);
      }
    }
    return x;
  }

  /** Requires an array of the given length. */
  public static double[] length(String name, double[] x, int n) {
    if (x == null || x.length != n) {
      throw new ParameterException(name, x, "must have length " + n + ", got " + (x == null ? "null" : x.length));
    }
    return x;
  }

  /**
   * Parses a card spelling of an enum constant: its name in lower case with '_' written '-'
   * (case and surrounding blanks are ignored). The error names the field and lists every spelling,
   * taken from the enum itself so the message cannot go stale.
   */
  public static <E extends Enum<E>> E choice(String name, Object value, Class<E> type) {
    String s = value == null ? "" : String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
    StringBuilder known = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      String key = key(e);
      if (key.equals(s)) return e;
      if (known.length() > 0) known.append(", ");
      known.append(key);
    }
    throw new ParameterException(name, value, "must be one of " + known + "; got '" + value + "'");
  }

  /** The card spelling of an enum constant, as {@link #choice} reads it. */
  public static String key(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
