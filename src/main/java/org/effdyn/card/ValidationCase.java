package org.effdyn.card;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;

/**
 * One validation case, read from {@code validation/NAME.yaml}. Any model of the registry can be
 * validated by a file alone:
 * <pre>
 * model: pca                                # a ModelRegistry name
 * params: {k: 2, lambda: 2.0, c_delta: 1.0}
 * regime: ballistic                         # ballistic (metric sup-error) | diffusive (metric law)
 * plant: {m: 0.3}                           # planted in SGD (else x_0 from the model's law)
 * time: {end: 2.0, samples: 101}
 * solver: {rtol: 1e-9, atol: 1e-12}         # ballistic limit; also method and step (e.g. rk4)
 * sde: {dt: 1e-3, paths: 2000}              # diffusive limit (metric law)
 * dims: {quick: [500, 2000], full: [500, 2000, 8000]}   # each d >= 2
 * seeds: {quick: 4, full: 8}                # SGD seeds per dimension
 * seed: 11                                  # master seed: run (d_i, s) uses stream(seed, i, s)
 * statistics: [m, r2perp]                   # compared coordinates (default: all)
 * expect: {rate: -0.5, band: 0.25}          # sup-error: fitted slope within rate ± band
 * expect: {max_z: 4}                        # law: |SGD - SDE| in standard errors, at every d
 * oracles:                                  # values from the spec, checked on the limit
 *   - {kind: end, statistic: m, value: 1.0, tolerance: 1e-3}
 *   - {kind: fixed-point, statistic: m, value: 1.0, tolerance: 1e-9}
 *   - {kind: fold, parameter: lambda, value: 3.0792, tolerance: 1e-4,
 *      start: {lambda: 4, m: 1, r2perp: 1}, direction: -1, range: [2, 6]}
 * </pre>
 * An iteration-indexed model ({@link IterationLimit}, e.g. {@code dmf}, spec/dmf.md §9(f)) is
 * compared on its iteration grid l = 0..L−1 against a limit computed once per case:
 * <pre>
 * model: dmf
 * params: {loss: softplus_sq, alpha: 2, eta: 0.5, paths: 20000, replicas: 4, seed: 1}
 * time: {end: 19, samples: 20}              # the iteration grid: end = L-1, samples = L
 * dims: {quick: [200, 800], full: [200, 800, 3200]}
 * seeds: {quick: 4, full: 12}               # finite-d runs per dimension
 * seed: 5                                   # run (d_i, s) uses stream(seed, i, s)
 * statistics: [loss_train, err_train]       # default: every observable of the model
 * expect: {rate: -0.5, band: 0.3, bias_z: 4}   # bias_z optional: |seed-mean bias at l = L-1| in s.e.
 * </pre>
 * ({@code regime}, {@code plant}, {@code solver}, {@code sde}, {@code oracles} and
 * {@code tlog_points} do not apply there.) Errors name the file and the field.
 */
public record ValidationCase(Path file, String name, String description, ModelFactory factory,
    Map<String, Object> params, Model model, Regime regime, Map<String, Double> plant, TimeGrid grid,
    org.effdyn.solve.OdeOptions solver, double sdeDt, int sdePaths, List<Integer> quickDims, List<Integer> fullDims,
    int quickSeeds, int fullSeeds, long seed, List<String> statistics, Metric metric, double rate, double band,
    double maxZ, int tlogPoints, List<Oracle> oracles) {

  /** What is compared. */
  public enum Metric {
    /** Pathwise: sup over t of |SGD - limit| from each run's measured u(x_0) (ballistic). */
    SUP_ERROR,
    /** In law: per-time mean and std of an SGD ensemble against an SDE ensemble (diffusive). */
    LAW,
    /**
     * Pathwise over iterations: per run, sup over l of |finite-d − limit| against an
     * {@link IterationLimit} computed once per case; also the seed-mean bias and d·Var at l = L−1.
     * {@code maxZ} is then the optional bound {@code expect.bias_z} on |bias| / s.e. (NaN: reported only).
     */
    ITERATION
  }

  /** An oracle value from the spec, checked on the limit. */
  public record Oracle(String kind, String statistic, double value, double tolerance, String parameter,
      Map<String, Double> start, double direction, double[] range) {}

  static final List<String> TOP = List.of("description", "model", "params", "regime", "plant", "time", "solver", "sde",
      "dims", "seeds", "seed", "statistics", "expect", "oracles", "tlog_points");

  public ValidationCase {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    plant = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plant));
    quickDims = List.copyOf(quickDims);
    fullDims = List.copyOf(fullDims);
    statistics = List.copyOf(statistics);
    oracles = List.copyOf(oracles);
  }

  /** Dimensions of a quick or full run. */
  public List<Integer> dims(boolean full) {
    return full ? fullDims : quickDims;
  }

  public int seeds(boolean full) {
    return full ? fullSeeds : quickSeeds;
  }

  /** Reads and checks a case file. */
  public static ValidationCase load(Path file) {
    YamlTree y = YamlTree.read(file, file.toString());
    if (y.root() == null || !y.root().isObject()) throw y.error("", "a validation case must be a YAML mapping");
    return new Reader(y, file).read(y.root());
  }

  /** The keys of an {@link IterationLimit} case (Metric.ITERATION). */
  static final List<String> ITERATION_TOP = List.of("description", "model", "params", "time", "dims", "seeds", "seed",
      "statistics", "expect");

  private static final class Reader {
    final YamlTree y;
    final Path file;

    Reader(YamlTree y, Path file) {
      this.y = y;
      this.file = file;
    }

    /** {@code FILE:LINE: field: message}. */
    IllegalArgumentException err(String field, String msg) {
      return y.error(field, msg);
    }

    ValidationCase read(JsonNode root) {
      keys(root, "", TOP);
      String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      String description = root.has("description") ? root.get("description").asText() : "";
      if (!root.has("model")) throw err("model", "required");
      ModelFactory factory;
      try {
        factory = ModelRegistry.get(root.get("model").asText());
      } catch (IllegalArgumentException e) {
        throw err("model", e.getMessage().replaceFirst("^model: ", ""));
      }
      Map<String, Object> params = new LinkedHashMap<>();
      if (root.has("params")) {
        JsonNode p = object(root.get("params"), "params");
        for (Map.Entry<String, JsonNode> e : p.properties()) {
          params.put(e.getKey(), org.effdyn.card.YamlTree.toJava(e.getValue()));
        }
      }
      Model model;
      try {
        model = factory.create(params);
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        if (m.startsWith("params.") && m.indexOf(": ") > 0) throw err(m.substring(0, m.indexOf(": ")), m.substring(m.indexOf(": ") + 2));
        String field = "params";
        for (var spec : factory.parameters()) if (m.startsWith(spec.name() + " ")) field = "params." + spec.name();
        throw err(field, m);
      }
      if (model instanceof IterationLimit it) return readIteration(root, name, description, factory, params, model, it);
      Regime regime = Regime.BALLISTIC;
      if (root.has("regime")) {
        try {
          regime = Regime.parse(root.get("regime").asText());
        } catch (IllegalArgumentException e) {
          throw err("regime", e.getMessage());
        }
      }
      StateLayout layout;
      try {
        layout = model.initialLaw(regime).layout();
        model.limit(regime);
      } catch (IllegalArgumentException e) {
        throw err("regime", "model '" + factory.name() + "' has no " + regime.key() + " limit: " + e.getMessage());
      }
      Map<String, Double> plant = new LinkedHashMap<>();
      if (root.has("plant")) {
        JsonNode p = object(root.get("plant"), "plant");
        for (Map.Entry<String, JsonNode> e : p.properties()) {
          plant.put(e.getKey(), finite(e.getValue(), "plant." + e.getKey()));
        }
      }
      if (!root.has("time")) throw err("time", "required: {end: T, samples: n}");
      JsonNode t = object(root.get("time"), "time");
      keys(t, "time", List.of("end", "samples"));
      TimeGrid grid;
      try {
        grid = TimeGrid.of(t.has("end") ? finite(t.get("end"), "time.end") : Double.NaN,
            t.has("samples") ? integer(t.get("samples"), "time.samples") : 101);
      } catch (IllegalArgumentException e) {
        throw err("time", e.getMessage());
      }
      org.effdyn.solve.OdeOptions solver = org.effdyn.solve.OdeOptions.defaults();
      if (root.has("solver")) {
        JsonNode s = object(root.get("solver"), "solver");
        keys(s, "solver", List.of("method", "rtol", "atol", "step"));
        if (s.has("method")) {
          try {
            solver = solver.withMethod(org.effdyn.solve.OdeMethod.parse(s.get("method").asText()));
          } catch (IllegalArgumentException e) {
            throw err("solver.method", e.getMessage());
          }
        }
        solver = solver.withTolerances(s.has("rtol") ? positive(s.get("rtol"), "solver.rtol") : solver.rtol(),
            s.has("atol") ? positive(s.get("atol"), "solver.atol") : solver.atol());
        if (s.has("step")) solver = solver.withStep(positive(s.get("step"), "solver.step"));
      }
      Metric metric = regime == Regime.BALLISTIC ? Metric.SUP_ERROR : Metric.LAW;
      double dt = 1e-3;
      int paths = 2000;
      if (root.has("sde")) {
        if (metric != Metric.LAW) throw err("sde", "only used in the diffusive regime");
        JsonNode s = object(root.get("sde"), "sde");
        keys(s, "sde", List.of("dt", "paths"));
        if (s.has("dt")) dt = positive(s.get("dt"), "sde.dt");
        if (s.has("paths")) paths = atLeast(integer(s.get("paths"), "sde.paths"), 2, "sde.paths");
      }
      if (!root.has("dims")) throw err("dims", "required: {quick: [d1, d2], full: [d1, d2, d3]}");
      JsonNode d = object(root.get("dims"), "dims");
      keys(d, "dims", List.of("quick", "full"));
      int minDims = metric == Metric.SUP_ERROR ? 2 : 1;
      List<Integer> quick = dims(d.get("quick"), "dims.quick", minDims);
      List<Integer> full = d.has("full") ? dims(d.get("full"), "dims.full", minDims) : quick;
      int[] seedCounts = seeds(root);
      int quickSeeds = seedCounts[0], fullSeeds = seedCounts[1];
      long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 1;
      List<String> stats = statistics(root, layout);
      double rate = Double.NaN, band = Double.NaN, maxZ = Double.NaN;
      if (!root.has("expect")) throw err("expect", metric == Metric.SUP_ERROR ? "required: {rate: -0.5, band: 0.25}" : "required: {max_z: 4}");
      JsonNode e = object(root.get("expect"), "expect");
      if (metric == Metric.SUP_ERROR) {
        keys(e, "expect", List.of("rate", "band"));
        if (!e.has("rate") || !e.has("band")) throw err("expect", "needs rate and band, e.g. {rate: -0.5, band: 0.25}");
        rate = finite(e.get("rate"), "expect.rate");
        band = positive(e.get("band"), "expect.band");
      } else {
        keys(e, "expect", List.of("max_z"));
        if (!e.has("max_z")) throw err("expect", "needs max_z, e.g. {max_z: 4}");
        maxZ = positive(e.get("max_z"), "expect.max_z");
      }
      int tlog = root.has("tlog_points") ? atLeast(integer(root.get("tlog_points"), "tlog_points"), 2, "tlog_points") : 20;
      List<Oracle> oracles = new ArrayList<>();
      if (root.has("oracles")) {
        JsonNode list = root.get("oracles");
        if (!list.isArray()) throw err("oracles", "must be a list");
        for (int i = 0; i < list.size(); i++) oracles.add(oracle(object(list.get(i), "oracles[" + i + "]"), "oracles[" + i + "]", layout, factory));
      }
      return new ValidationCase(file, name, description, factory, params, model, regime, plant, grid, solver, dt,
          paths, quick, full, quickSeeds, fullSeeds, seed, stats, metric, rate, band, maxZ, tlog, oracles);
    }

    /** A case of an iteration-indexed model (Metric.ITERATION): its own keys, the shared field checks. */
    ValidationCase readIteration(JsonNode root, String name, String description, ModelFactory factory,
        Map<String, Object> params, Model model, IterationLimit it) {
      for (String k : TOP) {
        if (root.has(k) && !ITERATION_TOP.contains(k)) {
          throw err(k, "does not apply to model '" + factory.name() + "' (iteration-indexed, its limit computed once); valid keys: "
              + String.join(", ", ITERATION_TOP));
        }
      }
      StateLayout layout = it.observables();
      if (!root.has("time")) throw err("time", "required: the iteration grid {end: L-1, samples: L}");
      JsonNode t = object(root.get("time"), "time");
      keys(t, "time", List.of("end", "samples"));
      if (!t.has("end") || !t.has("samples")) throw err("time", "needs end and samples: the iteration grid {end: L-1, samples: L}");
      int samples = atLeast(integer(t.get("samples"), "time.samples"), 2, "time.samples");
      double end = finite(t.get("end"), "time.end");
      if (end != samples - 1) {
        throw err("time.end", "model '" + factory.name() + "' runs on the iteration grid l = 0..L-1: end must be samples - 1 = "
            + (samples - 1) + ", got " + end);
      }
      TimeGrid grid = new TimeGrid(0, samples - 1, samples);
      if (!root.has("dims")) throw err("dims", "required: {quick: [d1, d2], full: [d1, d2, d3]}");
      JsonNode d = object(root.get("dims"), "dims");
      keys(d, "dims", List.of("quick", "full"));
      List<Integer> quick = dims(d.get("quick"), "dims.quick", 2);
      List<Integer> full = d.has("full") ? dims(d.get("full"), "dims.full", 2) : quick;
      int[] seeds = seeds(root);
      long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 1;
      List<String> stats = statistics(root, layout);
      if (!root.has("expect")) throw err("expect", "required: {rate: -0.5, band: 0.3} (optional bias_z: 4)");
      JsonNode e = object(root.get("expect"), "expect");
      keys(e, "expect", List.of("rate", "band", "bias_z"));
      if (!e.has("rate") || !e.has("band")) throw err("expect", "needs rate and band, e.g. {rate: -0.5, band: 0.3}");
      double rate = finite(e.get("rate"), "expect.rate");
      double band = positive(e.get("band"), "expect.band");
      double biasZ = e.has("bias_z") ? positive(e.get("bias_z"), "expect.bias_z") : Double.NaN;
      return new ValidationCase(file, name, description, factory, params, model, Regime.BALLISTIC, Map.of(), grid,
          org.effdyn.solve.OdeOptions.defaults(), Double.NaN, 0, quick, full, seeds[0], seeds[1], seed, stats,
          Metric.ITERATION, rate, band, biasZ, 20, List.of());
    }

    /** {quick, full} seeds per dimension (default 4 and 8; each >= 2). */
    int[] seeds(JsonNode root) {
      int quickSeeds = 4, fullSeeds = 8;
      if (root.has("seeds")) {
        JsonNode s = object(root.get("seeds"), "seeds");
        keys(s, "seeds", List.of("quick", "full"));
        if (s.has("quick")) quickSeeds = atLeast(integer(s.get("quick"), "seeds.quick"), 2, "seeds.quick");
        fullSeeds = s.has("full") ? atLeast(integer(s.get("full"), "seeds.full"), 2, "seeds.full") : quickSeeds;
      }
      return new int[] {quickSeeds, fullSeeds};
    }

    /** The compared statistics, in the layout's spelling (default: all). */
    List<String> statistics(JsonNode root, StateLayout layout) {
      List<String> stats = new ArrayList<>();
      if (root.has("statistics")) {
        JsonNode s = root.get("statistics");
        if (!s.isArray() || s.isEmpty()) throw err("statistics", "must be a non-empty list of statistic names");
        for (JsonNode x : s) {
          if (!layout.contains(x.asText())) {
            throw err("statistics", "unknown statistic '" + x.asText() + "'; known: " + String.join(", ", layout.names()));
          }
          stats.add(layout.name(layout.indexOf(x.asText())));
        }
      } else {
        stats.addAll(layout.names());
      }
      return stats;
    }

    Oracle oracle(JsonNode o, String p, StateLayout layout, ModelFactory factory) {
      keys(o, p, List.of("kind", "statistic", "value", "tolerance", "parameter", "start", "direction", "range"));
      if (!o.has("kind")) throw err(p + ".kind", "required: end, fixed-point, fold or branch-point");
      String kind = o.get("kind").asText();
      if (!List.of("end", "fixed-point", "fold", "branch-point").contains(kind)) {
        throw err(p + ".kind", "must be one of end, fixed-point, fold, branch-point; got '" + kind + "'");
      }
      if (!o.has("value") || !o.has("tolerance")) throw err(p, "needs value and tolerance");
      double value = finite(o.get("value"), p + ".value");
      double tol = positive(o.get("tolerance"), p + ".tolerance");
      String stat = null, param = null;
      Map<String, Double> start = new LinkedHashMap<>();
      double direction = 1;
      double[] range = null;
      if (kind.equals("end") || kind.equals("fixed-point")) {
        if (!o.has("statistic")) throw err(p + ".statistic", "required for kind " + kind);
        stat = o.get("statistic").asText();
        if (!layout.contains(stat)) throw err(p + ".statistic", "unknown statistic '" + stat + "'; known: " + String.join(", ", layout.names()));
      } else {
        if (!o.has("parameter")) throw err(p + ".parameter", "required for kind " + kind);
        param = o.get("parameter").asText();
        boolean known = false;
        for (var s : factory.parameters()) known |= s.name().equals(param);
        if (!known) throw err(p + ".parameter", "model '" + factory.name() + "' has no parameter '" + param + "'");
        if (!o.has("start")) throw err(p + ".start", "required: the parameter value and a state on the branch");
        JsonNode s = object(o.get("start"), p + ".start");
        for (Map.Entry<String, JsonNode> e : s.properties()) {
          if (!e.getKey().equals(param) && !layout.contains(e.getKey())) {
            throw err(p + ".start." + e.getKey(), "neither the parameter nor a statistic; known: " + String.join(", ", layout.names()));
          }
          start.put(e.getKey(), finite(e.getValue(), p + ".start." + e.getKey()));
        }
        if (!start.containsKey(param)) throw err(p + ".start", "must give " + param);
        if (o.has("direction")) direction = Math.signum(finite(o.get("direction"), p + ".direction"));
        if (direction == 0) throw err(p + ".direction", "must be +1 or -1");
        if (!o.has("range") || !o.get("range").isArray() || o.get("range").size() != 2) {
          throw err(p + ".range", "required: [min, max] of the parameter");
        }
        range = new double[] {finite(o.get("range").get(0), p + ".range[0]"), finite(o.get("range").get(1), p + ".range[1]")};
        if (!(range[0] < range[1])) throw err(p + ".range", "must have min < max");
      }
      return new Oracle(kind, stat, value, tol, param, start, direction, range);
    }

    List<Integer> dims(JsonNode n, String p, int min) {
      if (n == null || !n.isArray() || n.size() < min) {
        throw err(p, "must be a list of at least " + min + " dimension" + (min > 1 ? "s (a rate needs two)" : ""));
      }
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        int d = integer(n.get(i), p + "[" + i + "]");
        if (d < 2) throw err(p + "[" + i + "]", "dimension must be >= 2, got " + d);
        if (!out.isEmpty() && d <= out.get(out.size() - 1)) throw err(p + "[" + i + "]", "dimensions must increase, got " + d + " after " + out.get(out.size() - 1));
        out.add(d);
      }
      return out;
    }

    void keys(JsonNode o, String path, List<String> valid) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
        String k = it.next();
        if (!valid.contains(k)) {
          throw err(path.isEmpty() ? k : path + "." + k, "unknown key '" + k + "'; valid keys: " + String.join(", ", valid));
        }
      }
    }

    JsonNode object(JsonNode n, String p) {
      if (n == null || !n.isObject()) throw err(p, "must be a mapping {key: value, ...}");
      return n;
    }

    double finite(JsonNode n, String p) {
      double v = number(n, p);
      if (!Double.isFinite(v)) throw err(p, "must be finite, got " + v);
      return v;
    }

    double positive(JsonNode n, String p) {
      double v = number(n, p);
      if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw err(p, "must be > 0 and finite, got " + v);
      return v;
    }

    double number(JsonNode n, String p) {
      if (n != null && n.isNumber()) return n.doubleValue();
      if (n != null && n.isTextual()) {
        switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
          case ".inf", "inf": return Double.POSITIVE_INFINITY;
          case "-.inf", "-inf": return Double.NEGATIVE_INFINITY;
          case ".nan", "nan": return Double.NaN;
          default: break;
        }
      }
      throw err(p, "must be a number, got '" + (n == null ? "nothing" : n.asText()) + "'");
    }

    int integer(JsonNode n, String p) {
      if (n != null && n.canConvertToInt() && n.isIntegralNumber()) return n.intValue();
      throw err(p, "must be an integer, got '" + (n == null ? "nothing" : n.asText()) + "'");
    }

    int atLeast(int v, int min, String p) {
      if (v < min) throw err(p, "must be >= " + min + ", got " + v);
      return v;
    }
  }
}
