package org.effdyn.card;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A YAML card read once through Jackson's token stream into a {@link JsonNode} tree, recording the
 * 1-based line of every key and list element by its dotted path ({@code params.lambda},
 * {@code simulate.d[1]}, {@code variants[0].params.lambda}). YAML's {@code .nan}, {@code .inf} and
 * {@code -.inf} become the corresponding doubles (Jackson's number parser rejects them). Duplicate
 * keys are errors. A card is at most {@value #MAX_BYTES} bytes: the YAML scanner copies its buffer once per
 * 1024 characters of a single scalar, so its time grows with the square of a long value's length (a
 * 20 MB string took minutes); the largest shipped card is under 2 kB.
 */
public final class YamlTree {
  /** Largest card or validation case read, in bytes (UTF-8) or characters (text given directly). */
  public static final int MAX_BYTES = 1 << 20;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlTree(String file, JsonNode root, Map<String, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  /** Reads path; {@code shown} is how errors name the file. Every failure is a ScenarioException. */
  public static YamlTree read(Path path, String shown) {
    String text;
    try {
      if (Files.isDirectory(path)) {
        throw new ScenarioException(shown, 0, null, "cannot read scenario card: it is a directory");
      }
      if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) throw tooLarge(shown, Files.size(path));
      byte[] bytes;
      try (java.io.InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);   // bounded: a device or a growing file is not read on
      }
      if (bytes.length > MAX_BYTES) throw tooLarge(shown, -1);
      text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new ScenarioException(shown, 0, null, "cannot read scenario card: no such file", e);
    } catch (AccessDeniedException e) {
      throw new ScenarioException(shown, 0, null, "cannot read scenario card: permission denied", e);
    } catch (CharacterCodingException e) {
      throw new ScenarioException(shown, 0, null, "cannot read scenario card: not UTF-8 text", e);
    } catch (IOException e) {
      throw new ScenarioException(shown, 0, null, "cannot read scenario card: " + e, e);
    }
    return parse(text, shown);
  }

  /** Parses YAML text; {@code shown} names the file in errors. */
  static YamlTree parse(String text, String shown) {
    if (text.length() > MAX_BYTES) throw tooLarge(shown, text.length());
    Map<String, Integer> lines = new HashMap<>();
    JsonNode root;
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) throw new ScenarioException(shown, 0, null, "the scenario card is empty");
      root = new Walker(p, lines, shown).value(t, "");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new ScenarioException(shown, Math.max(line, 0), null,
          "malformed YAML: " + oneLine(e.getOriginalMessage()) + (col > 0 ? " (column " + col + ")" : ""), e);
    } catch (IOException e) {
      throw new ScenarioException(shown, 0, null, "cannot read scenario card: " + e, e);
    }
    if (!root.isObject()) {
      throw new ScenarioException(shown, 1, null,
          "the card must be a mapping of keys (model, params, regime, ...), got a " + kind(root));
    }
    return new YamlTree(shown, root, lines);
  }

  /** size: the card's size in bytes, or -1 where only "more than the limit" is known. */
  private static ScenarioException tooLarge(String shown, long size) {
    return new ScenarioException(shown, 0, null, "the card is larger than the limit of " + MAX_BYTES + " bytes (1 MiB)"
        + (size > 0 ? ": it has " + size + " bytes" : "") + "; a scenario card is a few lines of YAML");
  }

  String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * The tree written as JSON: keys in the card's order, no comments or layout; a number as Jackson
   * read it (an integer, or a double in its shortest round-trip form), non-finite numbers as strings.
   */
  String json() {
    try {
      return new ObjectMapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the card tree as JSON: " + e.getMessage(), e);
    }
  }

  /** Line of path, or of its closest ancestor that has one; 0 if none. */
  int line(String path) {
    String p = path;
    while (p != null && !p.isEmpty()) {
      Integer l = lines.get(p);
      if (l != null) return l;
      p = parent(p);
    }
    return 0;
  }

  /** True if the card itself has this path (a key or list element). */
  boolean has(String path) {
    return lines.containsKey(path);
  }

  /** An error at path: {@code FILE:LINE: path: message}. */
  public ScenarioException error(String path, String message) {
    return new ScenarioException(file, line(path), path, message);
  }

  /** An error at the line of {@code linePath} naming {@code field}. */
  ScenarioException error(String linePath, String field, String message) {
    return new ScenarioException(file, line(linePath), field, message);
  }

  /** How a {@link CardSection} of this card reports errors: {@code FILE:LINE: FIELD: REASON}. */
  Origin origin() {
    return (linePath, field, value, reason) -> new ScenarioException(file, line(linePath), field, reason);
  }

  /** Parent of a dotted path: strips a trailing [i] or the last .key; null at the top. */
  static String parent(String path) {
    if (path.endsWith("]")) {
      int open = path.lastIndexOf('[');
      if (open > 0 && path.substring(open + 1, path.length() - 1).chars().allMatch(Character::isDigit)) {
        return path.substring(0, open);
      }
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? null : path.substring(0, dot);
  }

  /** YAML node kind for messages. */
  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) return "nothing";
    if (n.isObject()) return "mapping";
    if (n.isArray()) return "list";
    if (n.isNull()) return "null";
    if (n.isBoolean()) return "boolean";
    if (n.isNumber()) return "number";
    return "string";
  }

  /** SnakeYAML messages span lines with a snippet and a caret; keep the words only. */
  private static String oneLine(String msg) {
    if (msg == null) return "unknown error";
    String[] parts = msg.split("\\R");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String l = parts[i].trim();
      if (l.startsWith("in '")) {
        i += 2; // the snippet and the caret follow
        continue;
      }
      if (l.isEmpty()) continue;
      s.append(s.length() == 0 ? "" : "; ").append(l);
    }
    return s.toString();
  }

  /** Builds the tree from the token stream and records lines. */
  private static final class Walker {
    private final JsonParser p;
    private final Map<String, Integer> lines;
    private final String file;

    Walker(JsonParser p, Map<String, Integer> lines, String file) {
      this.p = p;
      this.lines = lines;
      this.file = file;
    }

    JsonNode value(JsonToken t, String path) throws IOException {
      switch (t) {
        case START_OBJECT: {
          ObjectNode o = NODES.objectNode();
          for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
            String name = p.currentName();
            int line = p.currentTokenLocation().getLineNr();
            String child = path.isEmpty() ? name : path + "." + name;
            if (o.has(name)) throw new ScenarioException(file, line, child, "duplicate key '" + name + "'");
            lines.put(child, line);
            o.set(name, value(p.nextToken(), child));
          }
          return o;
        }
        case START_ARRAY: {
          ArrayNode a = NODES.arrayNode();
          int i = 0;
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            String child = path + "[" + i++ + "]";
            lines.put(child, p.currentTokenLocation().getLineNr());
            a.add(value(e, child));
          }
          return a;
        }
        case VALUE_STRING:
          return NODES.textNode(p.getText());
        case VALUE_NUMBER_INT:
          return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
        case VALUE_NUMBER_FLOAT:
          return NODES.numberNode(real(p.getText(), path));
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          throw new ScenarioException(file, p.currentTokenLocation().getLineNr(), path,
              "unsupported YAML value '" + p.getText() + "'");
      }
    }

    private double real(String text, String path) throws IOException {
      String s = text.trim().toLowerCase(Locale.ROOT);
      switch (s) {
        case ".nan":
          return Double.NaN;
        case ".inf":
        case "+.inf":
          return Double.POSITIVE_INFINITY;
        case "-.inf":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return p.getDoubleValue();
          } catch (JsonProcessingException | NumberFormatException e) {
            try {
              return Double.parseDouble(s.replace("_", ""));
            } catch (NumberFormatException e2) {
              throw new ScenarioException(file, p.currentTokenLocation().getLineNr(), path,
                  "malformed number '" + text + "'");
            }
          }
      }
    }
  }
}
