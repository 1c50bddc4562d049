package org.effdyn.card;

import java.util.Locale;
import java.util.Map;
import org.effdyn.model.lazy.Flow;

/** Card helpers shared by the lazy models' factories. */
final class LazyCards {
  private LazyCards() {}

  /** A text parameter (enum spelling), or its default. */
  static String text(Map<String, ?> given, String name, String def) {
    Object o = given.get(name);
    if (o == null) return def;
    if (!(o instanceof String s)) {
      throw new IllegalArgumentException("params." + name + ": must be a word, got '" + o + "'");
    }
    return s.trim().toLowerCase(Locale.ROOT);
  }

  static Flow flow(Map<String, ?> given) {
    return Flow.parse(text(given, "flow", "all"));
  }

  /** Prefixes a constructor's message with {@code params.} unless it already names the card key. */
  static IllegalArgumentException params(IllegalArgumentException e) {
    String m = e.getMessage();
    return m != null && m.startsWith("params.") ? e : new IllegalArgumentException("params." + m, e);
  }
}
