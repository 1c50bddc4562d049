package org.effdyn.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One value of a card at its dotted path ({@code solver.rtol}, {@code simulate.d[1]},
 * {@code params.mbar[0][1]}), read as a given type. Every failure names the path and the value as
 * written, through the section's {@link Origin}. Numbers may be written as YAML numbers or as text
 * ({@code .inf}, {@code inf}, {@code -inf}, {@code nan}, {@code 1e-3}).
 */
final class CardValue {
  private final JsonNode node;
  private final String path;
  private final Origin origin;

  CardValue(JsonNode node, String path, Origin origin) {
    this.node = node;
    this.path = path;
    this.origin = origin;
  }

  String path() {
    return path;
  }

  JsonNode node() {
    return node;
  }

  boolean isList() {
    return node.isArray();
  }

  boolean isNumber() {
    return node.isNumber();
  }

  /** An error about this value: {@code PATH: reason}. */
  RuntimeException error(String reason) {
    return origin.error(path, path, PlainValues.toJava(node), reason);
  }

  /** A real number; NaN and the infinities are allowed (see {@link #finite()}). */
  double real() {
    if (node.isNumber()) return node.doubleValue();
    if (node.isTextual()) {
      Double d = number(node.textValue());
      if (d != null) return d;
    }
    throw error("must be a number, got " + show(node));
  }

  /** A finite real. */
  double finite() {
    double v = real();
    if (!Double.isFinite(v)) throw error("must be finite, got " + v);
    return v;
  }

  /** A real in (0, inf). */
  double positive() {
    double v = real();
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw error("must be > 0 and finite, got " + v);
    return v;
  }

  /** An integer: an integral number (also written {@code 4.0} or as text), below 2^53 in magnitude if not integral-typed. */
  long longValue() {
    if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
    Double d = node.isFloatingPointNumber() ? Double.valueOf(node.doubleValue())
        : node.isTextual() ? number(node.textValue()) : null;
    if (d != null && d == Math.rint(d) && Math.abs(d) < 0x1p53) return d.longValue();
    throw error("must be an integer, got " + show(node));
  }

  /** A 32-bit integer. */
  int integer() {
    long v = longValue();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw error("must fit in 32 bits, got " + v);
    return (int) v;
  }

  /** A 32-bit integer &gt;= min. */
  int atLeast(int min) {
    int v = integer();
    if (v < min) throw error("must be >= " + min + ", got " + v);
    return v;
  }

  /** {@code true} or {@code false} (also as text, in any case). */
  boolean bool() {
    if (node.isBoolean()) return node.booleanValue();
    if (node.isTextual()) {
      String s = node.textValue().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true")) return true;
      if (s.equals("false")) return false;
    }
    throw error("must be true or false, got " + show(node));
  }

  /** A string. */
  String text() {
    if (!node.isTextual()) throw error("must be a string, got " + show(node));
    return node.textValue();
  }

  /** A single word: a string, or a number or boolean read as its text. */
  String word() {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) return node.asText();
    throw error("must be a word, got " + show(node));
  }

  /** A string that is one of {@code allowed}. */
  String choice(List<String> allowed) {
    String s = text();
    if (!allowed.contains(s)) throw error("must be one of " + String.join(", ", allowed) + "; got '" + s + "'");
    return s;
  }

  /** A mapping, as a section. */
  CardSection section() {
    if (!node.isObject()) throw error("must be a mapping ({key: value, ...}), got " + show(node));
    return new CardSection((ObjectNode) node, path, origin);
  }

  /** A list; its elements carry the paths {@code PATH[0]}, {@code PATH[1]}, ... */
  List<CardValue> items() {
    if (!node.isArray()) throw error("must be a list ([a, b, ...]), got " + show(node));
    return elements();
  }

  /** A list of numbers, e.g. {@code p: [0.5, 0.3, 0.2]}. */
  double[] reals() {
    if (!node.isArray()) throw error("must be a list of numbers, got " + show(node));
    List<CardValue> e = elements();
    double[] v = new double[e.size()];
    for (int i = 0; i < v.length; i++) v[i] = e.get(i).real();
    return v;
  }

  /** A list of rows of numbers, e.g. {@code mbar: [[1, 0.2], [0.2, 1]]}. */
  double[][] rows() {
    if (!node.isArray()) throw error("must be a list of rows, got " + show(node));
    List<CardValue> e = elements();
    double[][] m = new double[e.size()][];
    for (int i = 0; i < m.length; i++) m[i] = e.get(i).reals();
    return m;
  }

  private List<CardValue> elements() {
    List<CardValue> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) out.add(new CardValue(node.get(i), path + "[" + i + "]", origin));
    return out;
  }

  /** A number written as text ({@code .inf}, {@code -inf}, {@code nan}, {@code 2.5}), or null. */
  static Double number(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "inf", ".inf", "+inf", "+.inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-.inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan", ".nan":
        return Double.NaN;
      default:
        if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) && s.charAt(s.length() - 1) != '.') return null;
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return null;
        }
    }
  }

  /** A value as the user wrote it, for messages: {@code 'text'}, {@code 2.5}, {@code a list}. */
  static String show(JsonNode n) {
    if (n == null || n.isMissingNode()) return "nothing";
    if (n.isTextual()) return "'" + n.textValue() + "'";
    if (n.isObject()) return "a mapping";
    if (n.isArray()) return "a list";
    return n.asText();
  }
}
