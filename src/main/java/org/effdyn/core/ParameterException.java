package org.effdyn.core;

/**
 * An invalid named parameter, carrying which one ({@link #field()}), the rejected value and why.
 * The field is the dotted path as a scenario card spells it: a model's parameter ({@code lambda},
 * {@code probs[1]}, or rooted as {@code params.lambda}) or a card key ({@code solver.rtol},
 * {@code time.samples}). The message is {@code FIELD: REASON}, e.g.
 * {@code lambda: must be > 0 and finite, got -1.0}; code that knows where a field came from (a card's
 * file and line) locates the error by the field, never by reading the message.
 */
public class ParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final transient Object value;
  private final String reason;

  /**
   * @param field  dotted path of the parameter (not empty)
   * @param value  the rejected value (null if none was given)
   * @param reason what is wrong, naming the value: {@code must be > 0 and finite, got -1.0}
   */
  public ParameterException(String field, Object value, String reason) {
    this(field, value, reason, null);
  }

  public ParameterException(String field, Object value, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
    this.value = value;
    this.reason = reason;
  }

  /** The dotted path of the parameter, e.g. {@code lambda} or {@code solver.rtol}. */
  public String field() {
    return field;
  }

  /** The rejected value, or null if none was given. */
  public Object value() {
    return value;
  }

  /** What is wrong, without the field: {@code must be > 0 and finite, got -1.0}. */
  public String reason() {
    return reason;
  }

  /** The parameter's name: the field up to its first {@code .} or {@code [} ({@code probs} for {@code probs[1]}). */
  public String name() {
    return name(field);
  }

  /** The first segment of a dotted path. */
  public static String name(String path) {
    int end = path.length();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        end = i;
        break;
      }
    }
    return path.substring(0, end);
  }
}
