package org.effdyn.card;

import org.effdyn.core.ParameterException;

/**
 * Where the values of a {@link CardSection} came from, and so how an error about one of them is
 * reported: a YAML card reports {@code FILE:LINE: FIELD: REASON} ({@link ScenarioException}, see
 * {@link YamlTree#origin()}); plain values without a file, such as a model's merged parameters,
 * report a {@link ParameterException} that the card layer later locates.
 */
@FunctionalInterface
interface Origin {
  /** Plain values: errors are {@link ParameterException}s naming the field and value. */
  Origin VALUES = (linePath, field, value, reason) -> new ParameterException(field, value, reason);

  /**
   * An error about {@code field}, reported at the line of {@code linePath} (or of its closest
   * ancestor that the card has).
   *
   * @param value the value as written (plain Java values), or null if none was given
   */
  RuntimeException error(String linePath, String field, Object value, String reason);
}
