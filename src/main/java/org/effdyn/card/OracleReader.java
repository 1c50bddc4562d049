package org.effdyn.card;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.StateLayout;

/**
 * Reads one oracle of a validation case ({@code oracles[i]}): a value known in closed form (the model's
 * docs page states it) checked on the limit, at the end of the trajectory, at a fixed point, or at a
 * fold or branch point found by continuation in a parameter.
 */
final class OracleReader {
  static final List<String> KEYS = List.of("kind", "statistic", "value", "tolerance", "parameter", "start",
      "direction", "range");
  static final List<String> KINDS = List.of("end", "fixed-point", "fold", "branch-point");

  private OracleReader() {}

  static ValidationCase.Oracle read(CardSection o, StateLayout layout, ModelFactory factory) {
    o.allow(KEYS);
    String kind = o.require("kind", "required: end, fixed-point, fold or branch-point").choice(KINDS);
    if (!o.has("value") || !o.has("tolerance")) throw o.error("needs value and tolerance");
    double value = o.get("value").finite();
    double tol = o.get("tolerance").positive();
    if (kind.equals("end") || kind.equals("fixed-point")) {
      String stat = o.require("statistic", "required for kind " + kind).word();
      if (!layout.contains(stat)) {
        throw o.error("statistic", "unknown statistic '" + stat + "'; known: " + String.join(", ", layout.names()));
      }
      return new ValidationCase.Oracle(kind, stat, value, tol, null, Map.of(), 1, null);
    }
    String param = o.require("parameter", "required for kind " + kind).word();
    boolean known = false;
    for (ParamSpec s : factory.parameters()) known |= s.name().equals(param);
    if (!known) throw o.error("parameter", "model '" + factory.name() + "' has no parameter '" + param + "'");
    CardSection s = o.require("start", "required: the parameter value and a state on the branch").section();
    Map<String, Double> start = new LinkedHashMap<>();
    for (String k : s.keys()) {
      if (!k.equals(param) && !layout.contains(k)) {
        throw s.error(k, "neither the parameter nor a statistic; known: " + String.join(", ", layout.names()));
      }
      start.put(k, s.get(k).finite());
    }
    if (!start.containsKey(param)) throw s.error("must give " + param);
    double direction = o.has("direction") ? Math.signum(o.get("direction").finite()) : 1;
    if (direction == 0) throw o.error("direction", "must be +1 or -1");
    CardValue r = o.require("range", "required: [min, max] of the parameter");
    if (!r.isList() || r.node().size() != 2) throw r.error("required: [min, max] of the parameter");
    List<CardValue> ends = r.items();
    double[] range = {ends.get(0).finite(), ends.get(1).finite()};
    if (!(range[0] < range[1])) throw r.error("must have min < max");
    return new ValidationCase.Oracle(kind, null, value, tol, param, start, direction, range);
  }
}
