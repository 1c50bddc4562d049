package org.effdyn.card;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;

/**
 * Reads a {@link ValidationCase} from its {@link YamlTree} through the card section parser
 * ({@link CardSection}): the keys of a case against an ODE/SDE limit, or of a case of an
 * iteration-indexed model ({@link IterationLimit}); oracles are read by {@link OracleReader}.
 */
final class ValidationCaseReader {
  static final List<String> TOP = List.of("description", "model", "params", "regime", "plant", "time", "solver", "sde",
      "dims", "seeds", "seed", "statistics", "expect", "oracles", "tlog_points");
  /** The keys of an {@link IterationLimit} case (Metric.ITERATION). */
  static final List<String> ITERATION_TOP = List.of("description", "model", "params", "time", "dims", "seeds", "seed",
      "statistics", "expect");
  private static final String DIMS = "required: {quick: [d1, d2], full: [d1, d2, d3]}";

  private ValidationCaseReader() {}

  static ValidationCase read(YamlTree y, Path file) {
    CardSection root = CardSection.root(y).allow(TOP);
    String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String description = root.word("description", "");
    ModelFactory factory = ModelReader.factory(root);
    CardSection p = root.section("params");
    Map<String, Object> params = p == null ? new LinkedHashMap<>() : p.toJava();
    Model model = ModelReader.build(factory, y, p, null, null, null);
    if (model instanceof IterationLimit it) return readIteration(root, file, name, description, factory, params, model, it);

    Regime regime = ModelReader.regime(root);
    StateLayout layout;
    try {
      layout = model.initialLaw(regime).layout();
      model.limit(regime);
    } catch (IllegalArgumentException e) {
      throw root.error("regime", "model '" + factory.name() + "' has no " + regime.key() + " limit: " + e.getMessage());
    }
    Map<String, Double> plant = new LinkedHashMap<>();
    CardSection ps = root.section("plant");
    if (ps != null) {
      for (String k : ps.keys()) plant.put(k, ps.get(k).finite());
    }
    CardSection t = root.require("time", "required: {end: T, samples: n}").section().allow(List.of("end", "samples"));
    double end = t.require("end", "required: the final time").finite();
    int samples = t.integer("samples", 101);
    TimeGrid grid = t.build(() -> TimeGrid.of(end, samples));
    OdeOptions solver = solver(root.section("solver"));
    ValidationCase.Metric metric = regime == Regime.BALLISTIC ? ValidationCase.Metric.SUP_ERROR : ValidationCase.Metric.LAW;
    double dt = 1e-3;
    int paths = 2000;
    CardSection sde = root.section("sde");
    if (sde != null) {
      if (metric != ValidationCase.Metric.LAW) throw root.error("sde", "only used in the diffusive regime");
      sde.allow(List.of("dt", "paths"));
      dt = sde.positive("dt", dt);
      paths = sde.atLeast("paths", 2, paths);
    }
    CardSection d = root.require("dims", DIMS).section().allow(List.of("quick", "full"));
    int minDims = metric == ValidationCase.Metric.SUP_ERROR ? 2 : 1;
    List<Integer> quick = dims(d, "quick", minDims);
    List<Integer> full = d.has("full") ? dims(d, "full", minDims) : quick;
    int[] seeds = seeds(root);
    long seed = root.longValue("seed", 1);
    List<String> stats = statistics(root, layout);
    double rate = Double.NaN;
    double band = Double.NaN;
    double maxZ = Double.NaN;
    boolean supError = metric == ValidationCase.Metric.SUP_ERROR;
    CardSection e = root.require("expect", supError ? "required: {rate: -0.5, band: 0.25}" : "required: {max_z: 4}").section();
    if (supError) {
      e.allow(List.of("rate", "band"));
      if (!e.has("rate") || !e.has("band")) throw e.error("needs rate and band, e.g. {rate: -0.5, band: 0.25}");
      rate = e.get("rate").finite();
      band = e.get("band").positive();
    } else {
      e.allow(List.of("max_z"));
      if (!e.has("max_z")) throw e.error("needs max_z, e.g. {max_z: 4}");
      maxZ = e.get("max_z").positive();
    }
    int tlog = root.atLeast("tlog_points", 2, 20);
    List<ValidationCase.Oracle> oracles = new ArrayList<>();
    CardValue list = root.get("oracles");
    if (list != null) {
      if (!list.isList()) throw list.error("must be a list");
      for (CardValue o : list.items()) oracles.add(OracleReader.read(o.section(), layout, factory));
    }
    return new ValidationCase(file, name, description, factory, params, model, regime, plant, grid, solver, dt,
        paths, quick, full, seeds[0], seeds[1], seed, stats, metric, rate, band, maxZ, tlog, oracles);
  }

  /** A case of an iteration-indexed model (Metric.ITERATION): its own keys, the shared field checks. */
  private static ValidationCase readIteration(CardSection root, Path file, String name, String description,
      ModelFactory factory, Map<String, Object> params, Model model, IterationLimit it) {
    for (String k : TOP) {
      if (root.has(k) && !ITERATION_TOP.contains(k)) {
        throw root.error(k, "does not apply to model '" + factory.name() + "' (iteration-indexed, its limit computed "
            + "once); valid keys: " + String.join(", ", ITERATION_TOP));
      }
    }
    StateLayout layout = it.observables();
    CardSection t = root.require("time", "required: the iteration grid {end: L-1, samples: L}").section()
        .allow(List.of("end", "samples"));
    if (!t.has("end") || !t.has("samples")) throw t.error("needs end and samples: the iteration grid {end: L-1, samples: L}");
    int samples = t.get("samples").atLeast(2);
    double end = t.get("end").finite();
    if (end != samples - 1) {
      throw t.error("end", "model '" + factory.name() + "' runs on the iteration grid l = 0..L-1: end must be samples - 1 = "
          + (samples - 1) + ", got " + end);
    }
    TimeGrid grid = new TimeGrid(0, samples - 1, samples);
    CardSection d = root.require("dims", DIMS).section().allow(List.of("quick", "full"));
    List<Integer> quick = dims(d, "quick", 2);
    List<Integer> full = d.has("full") ? dims(d, "full", 2) : quick;
    int[] seeds = seeds(root);
    long seed = root.longValue("seed", 1);
    List<String> stats = statistics(root, layout);
    CardSection e = root.require("expect", "required: {rate: -0.5, band: 0.3} (optional bias_z: 4)").section()
        .allow(List.of("rate", "band", "bias_z"));
    if (!e.has("rate") || !e.has("band")) throw e.error("needs rate and band, e.g. {rate: -0.5, band: 0.3}");
    double rate = e.get("rate").finite();
    double band = e.get("band").positive();
    double biasZ = e.has("bias_z") ? e.get("bias_z").positive() : Double.NaN;
    return new ValidationCase(file, name, description, factory, params, model, Regime.BALLISTIC, Map.of(), grid,
        OdeOptions.defaults(), Double.NaN, 0, quick, full, seeds[0], seeds[1], seed, stats,
        ValidationCase.Metric.ITERATION, rate, band, biasZ, 20, List.of());
  }

  /** {@code solver}: method, rtol, atol, step; the defaults if s is null. */
  private static OdeOptions solver(CardSection s) {
    OdeOptions solver = OdeOptions.defaults();
    if (s == null) return solver;
    s.allow(List.of("method", "rtol", "atol", "step"));
    if (s.has("method")) {
      String m = s.get("method").text();
      OdeOptions base = solver;
      solver = s.build(() -> base.withMethod(OdeMethod.parse(m)));
    }
    solver = solver.withTolerances(s.positive("rtol", solver.rtol()), s.positive("atol", solver.atol()));
    if (s.has("step")) solver = solver.withStep(s.get("step").positive());
    return solver;
  }

  /** {quick, full} seeds per dimension (default 4 and 8; each >= 2). */
  private static int[] seeds(CardSection root) {
    CardSection s = root.section("seeds");
    if (s == null) return new int[] {4, 8};
    s.allow(List.of("quick", "full"));
    int quick = s.atLeast("quick", 2, 4);
    return new int[] {quick, s.atLeast("full", 2, quick)};
  }

  /** The compared statistics, in the layout's spelling (default: all). */
  private static List<String> statistics(CardSection root, StateLayout layout) {
    CardValue s = root.get("statistics");
    if (s == null) return new ArrayList<>(layout.names());
    if (!s.isList() || s.node().isEmpty()) throw s.error("must be a non-empty list of statistic names");
    List<String> stats = new ArrayList<>();
    for (CardValue x : s.items()) {
      String n = x.word();
      if (!layout.contains(n)) throw s.error("unknown statistic '" + n + "'; known: " + String.join(", ", layout.names()));
      stats.add(layout.name(layout.indexOf(n)));
    }
    return stats;
  }

  /** Increasing dimensions, each >= 2, at least min of them. */
  private static List<Integer> dims(CardSection d, String key, int min) {
    String need = "must be a list of at least " + min + " dimension" + (min > 1 ? "s (a rate needs two)" : "");
    CardValue v = d.get(key);
    if (v == null) throw d.missing(key, need);
    if (!v.isList() || v.node().size() < min) throw v.error(need);
    List<Integer> out = new ArrayList<>();
    for (CardValue x : v.items()) {
      int n = x.integer();
      if (n < 2) throw x.error("dimension must be >= 2, got " + n);
      if (!out.isEmpty() && n <= out.get(out.size() - 1)) {
        throw x.error("dimensions must increase, got " + n + " after " + out.get(out.size() - 1));
      }
      out.add(n);
    }
    return out;
  }
}
