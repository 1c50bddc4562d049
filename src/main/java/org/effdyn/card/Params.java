package org.effdyn.card;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;

/**
 * A model's parameters as a card gives them ({@code params}, with a variant's overrides merged),
 * checked against the model's {@link ParamSpec}s and read through the one section parser
 * ({@link CardSection}). Unknown names, missing required values and values of the wrong type are
 * {@link ParameterException}s naming {@code params.NAME} and the value; the card layer locates them
 * at the key's line. Numbers may be written {@code .inf} (YAML) or {@code inf}.
 */
public final class Params {
  private final String model;
  private final Map<String, ?> given;
  private final List<String> names;
  private final CardSection values;

  /** Checks {@code given} against {@code specs}: every name known, every required one given. */
  public Params(String model, List<ParamSpec> specs, Map<String, ?> given) {
    this.model = model;
    this.given = given;
    this.names = new ArrayList<>();
    for (ParamSpec s : specs) names.add(s.name());
    Set<String> known = new TreeSet<>(names);
    for (Map.Entry<String, ?> e : given.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new ParameterException("params." + e.getKey(), e.getValue(), "unknown parameter for model '" + model
            + "'; known: " + String.join(", ", known) + CardSection.suggestion(e.getKey(), names));
      }
    }
    Map<String, Object> v = new LinkedHashMap<>(given);
    for (ParamSpec s : specs) {
      if (!v.containsKey(s.name())) {
        if (s.required()) throw new ParameterException("params." + s.name(), null, "required by model '" + model + "'");
        v.put(s.name(), s.defaultValue());
      }
    }
    this.values = CardSection.of(v, "params");
  }

  /**
   * The factory's model built from {@code given}. A {@link ParameterException} that names one of the
   * model's parameters ({@code lambda}, thrown by a model constructor) is rethrown naming the card key
   * ({@code params.lambda}); other errors pass unchanged.
   */
  static Model create(ModelFactory factory, Map<String, ?> given) {
    Params p = new Params(factory.name(), factory.parameters(), given);
    try {
      return factory.build(p);
    } catch (ParameterException e) {
      if (e.field().startsWith("params.") || !p.names.contains(e.name())) throw e;
      throw new ParameterException("params." + e.field(), e.value(), e.reason(), e);
    }
  }

  /** True if the card gives the parameter (rather than leaving it to its default). */
  public boolean has(String name) {
    return given.containsKey(name);
  }

  /** A real; accepts numbers and the texts inf, .inf, -inf, nan (to be rejected by the model if need be). */
  public double real(String name) {
    return value(name).real();
  }

  /** A 32-bit integer. */
  public int integer(String name) {
    return value(name).integer();
  }

  /** A 64-bit integer (a seed). */
  public long longValue(String name) {
    return value(name).longValue();
  }

  /** true or false. */
  public boolean bool(String name) {
    return value(name).bool();
  }

  /** A word (an enum spelling, a loss name), as written. */
  public String word(String name) {
    return value(name).word();
  }

  /** A list of numbers, e.g. {@code p: [0.5, 0.3, 0.2]}. */
  public double[] vector(String name) {
    return value(name).reals();
  }

  /** A list of lists of numbers (rows), e.g. {@code mbar: [[1, 0.2], [0.2, 1]]}. */
  public double[][] matrix(String name) {
    return value(name).rows();
  }

  /** An error about a parameter: {@code params.NAME: reason}, with its value. */
  public ParameterException error(String name, String reason) {
    return new ParameterException("params." + name, given.get(name), reason);
  }

  /** The parameter as given (or its default), for readers of other shapes. */
  CardValue value(String name) {
    CardValue v = values.get(name);
    if (v == null) throw new IllegalArgumentException("model '" + model + "' has no parameter '" + name + "'");
    return v;
  }

  /** The parameters exactly as given. */
  public Map<String, ?> given() {
    return given;
  }

  /** The model name, for messages. */
  public String model() {
    return model;
  }
}
