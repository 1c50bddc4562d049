package org.effdyn.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between card nodes and plain Java values (maps, lists, numbers, booleans, strings), the
 * form in which a model's parameters travel ({@link ModelFactory#create}) and are recorded.
 */
final class PlainValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlainValues() {}

  /** A parsed node as plain Java values: maps, lists, numbers, booleans and strings (null for null). */
  static Object toJava(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) m.put(e.getKey(), toJava(e.getValue()));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      for (JsonNode c : n) l.add(toJava(c));
      return l;
    }
    if (n.isNumber()) return n.numberValue();
    if (n.isBoolean()) return n.booleanValue();
    return n.asText();
  }

  /**
   * Plain Java values as a node, the inverse of {@link #toJava}: maps, lists and arrays, numbers,
   * booleans, null; anything else as its text.
   */
  static JsonNode toNode(Object o) {
    if (o == null) return NODES.nullNode();
    if (o instanceof JsonNode n) return n;
    if (o instanceof Map<?, ?> m) {
      ObjectNode n = NODES.objectNode();
      for (Map.Entry<?, ?> e : m.entrySet()) n.set(String.valueOf(e.getKey()), toNode(e.getValue()));
      return n;
    }
    if (o instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode();
      for (Object e : c) a.add(toNode(e));
      return a;
    }
    if (o.getClass().isArray()) {
      ArrayNode a = NODES.arrayNode();
      for (int i = 0; i < Array.getLength(o); i++) a.add(toNode(Array.get(o, i)));
      return a;
    }
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) return NODES.numberNode(((Number) o).intValue());
    if (o instanceof Long l) return NODES.numberNode(l);
    if (o instanceof BigInteger b) return NODES.numberNode(b);
    if (o instanceof BigDecimal b) return NODES.numberNode(b);
    if (o instanceof Number x) return NODES.numberNode(x.doubleValue());
    if (o instanceof Boolean b) return NODES.booleanNode(b);
    return NODES.textNode(String.valueOf(o));
  }
}
