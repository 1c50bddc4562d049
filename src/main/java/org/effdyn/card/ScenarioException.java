package org.effdyn.card;

/**
 * A bad scenario card (or a bad output directory), with the message {@code FILE:LINE: FIELD: message},
 * e.g. {@code models/x.yaml:7: params.lambda: must be > 0 and finite, got -1.0}. The file is shown as
 * the user gave it; the line is 1-based, and 0 where no line applies (then it is left out); the field
 * is the dotted path of the key in the card ({@code solver.rtol}, {@code variants[1].params.lambda})
 * or a command-line option ({@code --out}).
 */
public class ScenarioException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final String detail;

  /** file: may be null (no file involved); line: 0 if unknown; field: may be null. */
  public ScenarioException(String file, int line, String field, String detail) {
    this(file, line, field, detail, null);
  }

  public ScenarioException(String file, int line, String field, String detail, Throwable cause) {
    super(format(file, line, field, detail), cause);
    this.file = file;
    this.line = line;
    this.field = field;
    this.detail = detail;
  }

  /** The card as the user named it, or null. */
  public String file() {
    return file;
  }

  /** 1-based line, or 0 if none applies. */
  public int line() {
    return line;
  }

  /** Dotted field path ({@code params.lambda}), or null. */
  public String field() {
    return field;
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }

  /** Longest message; a longer one (a huge value echoed back) keeps its start and its end. */
  static final int MAX_MESSAGE = 1000;

  /**
   * {@code FILE:LINE: FIELD: detail} on one line: control characters of echoed values are escaped
   * (a newline as a backslash and n, others by their hex code), and a message over {@value #MAX_MESSAGE} characters is cut in the middle.
   */
  private static String format(String file, int line, String field, String detail) {
    String m = oneLine(prefix(file, line, field) + detail);
    if (m.length() <= MAX_MESSAGE) return m;
    int head = MAX_MESSAGE * 2 / 3;
    int tail = MAX_MESSAGE - head - 40;
    return m.substring(0, head) + " ... (" + (m.length() - head - tail) + " characters) ... " + m.substring(m.length() - tail);
  }

  private static String oneLine(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && b == null) b = new StringBuilder(s.substring(0, i));
      if (b == null) continue;
      if (!control) b.append(c);
      else if (c == '\n') b.append("\\n");
      else if (c == '\r') b.append("\\r");
      else if (c == '\t') b.append("\\t");
      else b.append(String.format("\\u%04x", (int) c));
    }
    return b == null ? s : b.toString();
  }

  private static String prefix(String file, int line, String field) {
    StringBuilder s = new StringBuilder();
    if (file != null) {
      s.append(file);
      if (line > 0) s.append(':').append(line);
      s.append(": ");
    }
    if (field != null && !field.isEmpty()) s.append(field).append(": ");
    return s.toString();
  }
}
