package org.effdyn.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.effdyn.core.ParameterException;

/**
 * A mapping of a card (the whole card, a section such as {@code solver}, or
 * {@code variants[1].params}) with typed getters for its keys. This is the one parser of every card
 * section, scenario and validation case alike: unknown keys are detected against the valid ones,
 * required keys and defaults are explicit, and every error names the file, line, dotted field path
 * and value in one format, {@code FILE:LINE: FIELD: REASON} (see {@link CardValue} for the types).
 */
final class CardSection {
  private final ObjectNode node;
  private final String path;
  private final Origin origin;

  CardSection(ObjectNode node, String path, Origin origin) {
    this.node = node;
    this.path = path;
    this.origin = origin;
  }

  /** The whole card. */
  static CardSection root(YamlTree y) {
    return new CardSection((ObjectNode) y.root(), "", y.origin());
  }

  /** Plain values without a file at {@code path} (a model's parameters); errors are ParameterExceptions. */
  static CardSection of(Map<String, ?> values, String path) {
    return new CardSection((ObjectNode) PlainValues.toNode(values), path, Origin.VALUES);
  }

  /** Dotted path of this section ({@code ""} for the whole card). */
  String path() {
    return path;
  }

  /** Dotted path of one of its keys. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return node.has(key);
  }

  boolean isEmpty() {
    return node.isEmpty();
  }

  /** The keys, in card order. */
  List<String> keys() {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The section as plain Java values (Integer, Long, Double, String, Boolean, null, List, Map). */
  @SuppressWarnings("unchecked")
  Map<String, Object> toJava() {
    return (Map<String, Object>) PlainValues.toJava(node);
  }

  /** Rejects a key not in {@code valid}, listing the valid ones and a close spelling. */
  CardSection allow(List<String> valid) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!valid.contains(k)) {
        throw error(k, "unknown key '" + k + "'; valid keys" + (path.isEmpty() ? "" : " of " + path) + ": "
            + String.join(", ", valid) + suggestion(k, valid));
      }
    }
    return this;
  }

  /** The value of key, or null if the card does not give it. */
  CardValue get(String key) {
    JsonNode n = node.get(key);
    return n == null ? null : new CardValue(n, path(key), origin);
  }

  /** The value of key; if the card does not give it, an error naming the key with {@code reason}. */
  CardValue require(String key, String reason) {
    CardValue v = get(key);
    if (v == null) throw missing(key, reason);
    return v;
  }

  /** The nested section at key, or null if the card does not give it. */
  CardSection section(String key) {
    CardValue v = get(key);
    return v == null ? null : v.section();
  }

  double real(String key, double dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.real();
  }

  double finite(String key, double dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.finite();
  }

  double positive(String key, double dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.positive();
  }

  int integer(String key, int dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.integer();
  }

  int atLeast(String key, int min, int dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.atLeast(min);
  }

  long longValue(String key, long dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.longValue();
  }

  boolean bool(String key, boolean dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.bool();
  }

  String text(String key, String dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.text();
  }

  String word(String key, String dflt) {
    CardValue v = get(key);
    return v == null ? dflt : v.word();
  }

  /** An error about this section itself. */
  RuntimeException error(String reason) {
    return origin.error(path, path, null, reason);
  }

  /** An error about key, at its line. */
  RuntimeException error(String key, String reason) {
    JsonNode n = node.get(key);
    return origin.error(path(key), path(key), n == null ? null : PlainValues.toJava(n), reason);
  }

  /** An error about a key the card does not give, at the line of this section. */
  RuntimeException missing(String key, String reason) {
    return origin.error(path, path(key), null, reason);
  }

  /**
   * Runs a constructor that validates this section's values (a {@code TimeGrid}, {@code OdeOptions},
   * ...): a {@link ParameterException} naming a field of this section is reported at that field,
   * any other IllegalArgumentException at the section.
   */
  <T> T build(Supplier<T> body) {
    try {
      return body.get();
    } catch (ScenarioException e) {
      throw e;
    } catch (ParameterException e) {
      String f = e.field();
      if (f.equals(path) || f.startsWith(path + ".") || f.startsWith(path + "[")) {
        throw origin.error(f, f, e.value(), e.reason());
      }
      throw origin.error(path, path, null, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw origin.error(path, path, null, String.valueOf(e.getMessage()));
    }
  }

  /** {@code " (did you mean 'x'?)"} for a close spelling among {@code valid}, else {@code ""}. */
  static String suggestion(String key, List<String> valid) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String v : valid) {
      int d = distance(key.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    return best != null && bestD <= Math.max(1, Math.min(2, key.length() / 3)) ? " (did you mean '" + best + "'?)" : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
