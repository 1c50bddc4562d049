package org.effdyn.card;

import java.util.Locale;
import org.effdyn.core.Check;
import org.effdyn.model.lazy.Flow;

/** Card helpers shared by the lazy models' factories. */
final class LazyCards {
  private LazyCards() {}

  /** An enum parameter in its card spelling (case and blanks ignored), or its default. */
  static <E extends Enum<E>> E choice(Params q, String name, Class<E> type) {
    return Check.choice("params." + name, q.word(name).trim().toLowerCase(Locale.ROOT), type);
  }

  static Flow flow(Params q) {
    return Flow.parse(q.word("flow").trim().toLowerCase(Locale.ROOT));
  }
}
