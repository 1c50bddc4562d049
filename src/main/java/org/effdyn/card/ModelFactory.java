package org.effdyn.card;

import java.util.List;
import java.util.Map;
import org.effdyn.core.Model;

/** Builds a model from a card's {@code params}; lists its parameters for {@code effdyn models}. */
public interface ModelFactory {
  /** Card name. */
  String name();

  /** One line: what the model is and where its equations come from. */
  String description();

  List<ParamSpec> parameters();

  /**
   * The model from its checked parameters; a bad value is a {@link org.effdyn.core.ParameterException}
   * naming the parameter (as {@code NAME} or {@code params.NAME}).
   */
  Model build(Params params);

  /**
   * A validated model; a bad parameter is a {@link org.effdyn.core.ParameterException} naming
   * {@code params.NAME} and the value, any other problem an IllegalArgumentException.
   */
  default Model create(Map<String, ?> params) {
    return Params.create(this, params);
  }
}
