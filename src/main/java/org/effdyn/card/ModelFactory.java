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

  /** A validated model; IllegalArgumentException naming {@code params.<name>} and the value otherwise. */
  Model create(Map<String, ?> params);
}
