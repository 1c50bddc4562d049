package org.effdyn.card;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;

/**
 * Reads the model of a scenario card or validation case: {@code model} (a {@link ModelRegistry}
 * name), {@code regime}, and {@code params} (with a variant's overrides) built into a model. A bad
 * parameter is reported at the card key it came from, by the field of its {@link ParameterException}.
 */
final class ModelReader {
  private static final List<String> REGIMES = List.of(Regime.BALLISTIC.key(), Regime.DIFFUSIVE.key());

  private ModelReader() {}

  /** The factory named by {@code model}. */
  static ModelFactory factory(CardSection root) {
    CardValue m = root.require("model", "required; known models: " + knownModels());
    String name = m.text();
    try {
      return ModelRegistry.get(name);
    } catch (IllegalArgumentException e) {
      throw m.error("unknown model '" + name + "'; known: " + knownModels());
    }
  }

  /** {@code regime}: ballistic (the default) or diffusive. */
  static Regime regime(CardSection root) {
    CardValue r = root.get("regime");
    return r == null ? Regime.BALLISTIC : Regime.parse(r.choice(REGIMES));
  }

  /**
   * The model built from the card's {@code params} overridden by a variant's.
   *
   * @param base     the card's {@code params}, or null
   * @param variant  the variant's path ({@code variants[1]}), or null for a card without variants
   * @param vParams  the variant's {@code params}, or null
   * @param label    the variant's label, for messages
   */
  static Model build(ModelFactory factory, YamlTree y, CardSection base, String variant, CardSection vParams,
      String label) {
    Map<String, Object> merged = new LinkedHashMap<>();
    if (base != null) merged.putAll(base.toJava());
    if (vParams != null) merged.putAll(vParams.toJava());
    try {
      return factory.create(merged);
    } catch (IllegalArgumentException e) {
      throw locate(e, y, variant, vParams, label);
    }
  }

  /**
   * A model's error at the card key its field names: {@code params.NAME}, or
   * {@code variants[i].params.NAME} when the variant gives NAME; an error that names no parameter
   * is reported at {@code params} with its whole message.
   */
  private static ScenarioException locate(IllegalArgumentException e, YamlTree y, String variant,
      CardSection vParams, String label) {
    String key = null;
    String reason = String.valueOf(e.getMessage());
    if (e instanceof ParameterException p && p.field().startsWith("params.")) {
      key = p.field().substring("params.".length());
      reason = p.reason();
    }
    String field;
    if (key == null) {
      field = variant == null ? "params" : variant + ".params";
    } else if (vParams != null && vParams.has(ParameterException.name(key))) {
      field = variant + ".params." + key;
    } else {
      field = "params." + key;
    }
    String linePath = y.has(field) || variant == null ? field : variant;
    if (variant != null && !field.startsWith(variant)) reason += " (variant '" + label + "')";
    return new ScenarioException(y.file(), y.line(linePath), field, reason, e);
  }

  static String knownModels() {
    List<String> n = new ArrayList<>();
    for (ModelFactory f : ModelRegistry.all()) n.add(f.name());
    return String.join(", ", n);
  }
}
