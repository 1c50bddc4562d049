package org.effdyn.card;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a card's {@code params} map, checked against the model's {@link ParamSpec}s:
 * unknown names, missing required values and values of the wrong type are errors naming the
 * parameter and the value. Numbers may be written {@code .inf} (YAML) or {@code inf}.
 */
public final class Params {
  private final String model;
  private final Map<String, Object> values;

  public Params(String model, List<ParamSpec> specs, Map<String, ?> given) {
    this.model = model;
    Map<String, Object> v = new LinkedHashMap<>();
    Set<String> known = new TreeSet<>();
    for (ParamSpec s : specs) known.add(s.name());
    for (Map.Entry<String, ?> e : given.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new IllegalArgumentException("params." + e.getKey() + ": unknown parameter for model '"
            + model + "'; known: " + String.join(", ", known));
      }
      v.put(e.getKey(), e.getValue());
    }
    for (ParamSpec s : specs) {
      if (!v.containsKey(s.name())) {
        if (s.required()) {
          throw new IllegalArgumentException("params." + s.name() + ": required by model '" + model + "'");
        }
        v.put(s.name(), s.defaultValue());
      }
    }
    this.values = v;
  }

  /** A real parameter; accepts numbers and the strings inf, .inf, -inf, nan (to be rejected later). */
  public double real(String name) {
    Object o = values.get(name);
    if (o instanceof Number n) return n.doubleValue();
    if (o instanceof String s) {
      switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "inf", ".inf", "+inf", "+.inf", "infinity": return Double.POSITIVE_INFINITY;
        case "-inf", "-.inf", "-infinity": return Double.NEGATIVE_INFINITY;
        case "nan", ".nan": return Double.NaN;
        default:
          try {
            return Double.parseDouble(s.trim());
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
      }
    }
    throw new IllegalArgumentException("params." + name + ": must be a number, got '" + o + "'");
  }

  /** An integer parameter. */
  public int integer(String name) {
    Object o = values.get(name);
    if (o instanceof Integer || o instanceof Long || o instanceof Short) return ((Number) o).intValue();
    if (o instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
    throw new IllegalArgumentException("params." + name + ": must be an integer, got '" + o + "'");
  }

  /** A list of numbers, e.g. {@code p: [0.5, 0.3, 0.2]}. */
  public double[] vector(String name) {
    Object o = values.get(name);
    if (!(o instanceof java.util.List<?> l)) {
      throw new IllegalArgumentException("params." + name + ": must be a list of numbers, got '" + o + "'");
    }
    double[] v = new double[l.size()];
    for (int i = 0; i < v.length; i++) {
      if (!(l.get(i) instanceof Number n)) {
        throw new IllegalArgumentException("params." + name + "[" + (i + 1) + "]: must be a number, got '" + l.get(i) + "'");
      }
      v[i] = n.doubleValue();
    }
    return v;
  }

  /** A list of lists of numbers (rows), e.g. {@code mbar: [[1, 0.2], [0.2, 1]]}. */
  public double[][] matrix(String name) {
    Object o = values.get(name);
    if (!(o instanceof java.util.List<?> l)) {
      throw new IllegalArgumentException("params." + name + ": must be a list of rows, got '" + o + "'");
    }
    double[][] m = new double[l.size()][];
    for (int i = 0; i < m.length; i++) {
      if (!(l.get(i) instanceof java.util.List<?> row)) {
        throw new IllegalArgumentException("params." + name + " row " + (i + 1) + ": must be a list of numbers, got '" + l.get(i) + "'");
      }
      m[i] = new double[row.size()];
      for (int j = 0; j < m[i].length; j++) {
        if (!(row.get(j) instanceof Number n)) {
          throw new IllegalArgumentException("params." + name + "[" + (i + 1) + "," + (j + 1) + "]: must be a number, got '" + row.get(j) + "'");
        }
        m[i][j] = n.doubleValue();
      }
    }
    return m;
  }

  /** The model name, for messages. */
  public String model() {
    return model;
  }
}
