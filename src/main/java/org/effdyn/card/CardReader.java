package org.effdyn.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.effdyn.core.Model;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Study;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.spectral.SpectrumStudy;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;

/** Turns a {@link YamlTree} into a validated {@link Scenario}; see {@link Scenario#load(Path)}. */
final class CardReader {
  static final List<String> TOP = List.of("model", "params", "regime", "init", "time", "solver", "sde",
      "simulate", "events", "variants", "output", "spectrum");
  static final List<String> TIME = List.of("start", "end", "samples");
  static final List<String> SOLVER = List.of("method", "rtol", "atol", "step", "min_step",
      "max_evaluations", "blow_up");
  static final List<String> SDE = List.of("dt", "paths", "seed", "blow_up");
  static final List<String> SIMULATE = List.of("d", "seeds", "seed", "plant");
  static final List<String> SPECTRUM = List.of("every", "top", "test_ratio", "seed", "units", "tol", "population_points", "seeds");
  static final List<String> EVENT = List.of("statistic", "level", "action", "name");
  static final List<String> VARIANT = List.of("label", "params", "init");
  static final List<String> OUTPUT = List.of("dir", "csv", "chart");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");

  private final YamlTree y;
  private final Path file;
  private final String shown;

  private CardReader(YamlTree y, Path file, String shown) {
    this.y = y;
    this.file = file;
    this.shown = shown;
  }

  static Scenario read(Path file, String shown) {
    return parse(YamlTree.read(file, shown), file, shown);
  }

  static Scenario parse(YamlTree y, Path file, String shown) {
    return new CardReader(y, file, shown).scenario();
  }

  private Scenario scenario() {
    ObjectNode root = (ObjectNode) y.root();
    keys(root, "", TOP);

    // model
    JsonNode modelNode = root.get("model");
    if (modelNode == null) {
      throw y.error("model", "required; known models: " + knownModels());
    }
    String modelName = text(modelNode, "model");
    ModelFactory factory;
    try {
      factory = ModelRegistry.get(modelName);
    } catch (IllegalArgumentException e) {
      throw y.error("model", "unknown model '" + modelName + "'; known: " + knownModels());
    }

    Regime regime = Regime.BALLISTIC;
    if (root.has("regime")) {
      String r = text(root.get("regime"), "regime");
      try {
        regime = Regime.parse(r);
      } catch (IllegalArgumentException e) {
        throw y.error("regime", "must be one of ballistic, diffusive; got '" + r + "'");
      }
    }

    ObjectNode params = root.has("params") ? object(root.get("params"), "params") : null;
    Map<String, Object> baseParams = params == null ? Map.of() : javaMap(params);

    // a Study that does not use time (e.g. sample complexity) has no time section; checked below
    TimeGrid grid = root.has("time") ? time(root) : null;
    OdeOptions solver = null;
    Scenario.Sde sde = null;
    if (regime == Regime.BALLISTIC) {
      if (root.has("sde")) throw y.error("sde", "only used in the diffusive regime (this card is ballistic; see solver)");
      solver = solver(root.get("solver"));
    } else {
      if (root.has("solver")) throw y.error("solver", "not used in the diffusive regime (the SDE ensemble takes sde: {dt, paths, seed})");
      if (root.has("events")) throw y.error("events", "only supported in the ballistic regime");
      sde = sde(root.get("sde"));
    }

    ObjectNode init = root.has("init") ? object(root.get("init"), "init") : null;
    long initSeed = 1;
    if (init != null && init.has("seed")) {
      if (regime == Regime.DIFFUSIVE) {
        throw y.error("init.seed", "not used in the diffusive regime: path i draws its initial state from "
            + "stream i of sde.seed");
      }
      initSeed = longValue(init.get("seed"), "init.seed");
    }

    ObjectNode simulate = root.has("simulate") ? object(root.get("simulate"), "simulate") : null;
    if (simulate != null) keys(simulate, "simulate", SIMULATE);
    if (simulate != null && grid != null && grid.t0() != 0) {
      throw y.error("time.start", "must be 0 when simulate is given (SGD starts at step 0), got " + grid.t0());
    }

    // variants: each its own model, layout, init and plant
    List<Scenario.Variant> variants = new ArrayList<>();
    List<StateLayout> layouts = new ArrayList<>();
    List<Integer> variantIndex = new ArrayList<>();
    if (root.has("variants")) {
      ArrayNode list = array(root.get("variants"), "variants");
      if (list.isEmpty()) throw y.error("variants", "must list at least one variant (or leave variants out)");
      Set<String> labels = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String vp = "variants[" + i + "]";
        ObjectNode v = object(list.get(i), vp);
        keys(v, vp, VARIANT);
        if (!v.has("label")) throw y.error(vp, vp + ".label", "required: a name for this variant's output files");
        String label = text(v.get("label"), vp + ".label");
        if (!LABEL.matcher(label).matches()) {
          throw y.error(vp + ".label", "must use only letters, digits, '.', '_' and '-' (it names files), got '"
              + label + "'");
        }
        if (!labels.add(label)) throw y.error(vp + ".label", "duplicate label '" + label + "'");
        ObjectNode vParams = v.has("params") ? object(v.get("params"), vp + ".params") : null;
        ObjectNode vInit = v.has("init") ? object(v.get("init"), vp + ".init") : null;
        variants.add(variant(factory, regime, label, i, params, vParams, init, vInit, layouts));
        variantIndex.add(i);
      }
    } else {
      variants.add(variant(factory, regime, null, null, params, null, init, null, layouts));
      variantIndex.add(null);
    }

    List<Event> events = root.has("events") ? events(root.get("events"), layouts) : List.of();

    Scenario.Simulate sim = null;
    if (simulate != null) {
      sim = simulate(simulate);
      List<Scenario.Variant> planted = new ArrayList<>();
      for (int i = 0; i < variants.size(); i++) {
        Scenario.Variant v = variants.get(i);
        Map<String, Double> plant = v.init();
        String plantPath = "init";
        if (simulate.has("plant")) {
          plant = stats(object(simulate.get("plant"), "simulate.plant"), "simulate.plant", layouts.get(i),
              Set.of(), factory.name(), regime);
          plantPath = "simulate.plant";
        }
        if (!(v.model() instanceof Study<?>)) checkSimulator(v, regime, sim, plant, plantPath);
        planted.add(new Scenario.Variant(v.label(), v.model(), v.init(), plant));
      }
      variants = planted;
    }

    boolean timed = !(variants.get(0).model() instanceof Study<?> st) || st.usesTime();
    if (timed && grid == null) throw y.error("time", "required: {start: 0, end: T, samples: n}");
    if (!timed && grid != null) throw y.error("time", "not used by model '" + factory.name() + "' (a study computed as a whole)");

    SpectrumStudy.Options spectrum = root.has("spectrum") ? spectrum(object(root.get("spectrum"), "spectrum"), sim, regime, variants) : null;

    Scenario.Output output = output(root.get("output"), cardName());
    return new Scenario(file, shown, cardName(), factory, baseParams, regime, variants, initSeed, grid,
        solver, sde, sim, events, output, spectrum);
  }

  private String cardName() {
    Path f = file.getFileName();
    String n = f == null ? shown : f.toString();
    for (String ext : List.of(".yaml", ".yml")) {
      if (n.toLowerCase(Locale.ROOT).endsWith(ext)) return n.substring(0, n.length() - ext.length());
    }
    return n;
  }

  private static String knownModels() {
    List<String> n = new ArrayList<>();
    for (ModelFactory f : ModelRegistry.all()) n.add(f.name());
    return String.join(", ", n);
  }

  // ---- sections ----

  private TimeGrid time(ObjectNode root) {
    if (!root.has("time")) throw y.error("time", "required: {start: 0, end: T, samples: n}");
    ObjectNode t = object(root.get("time"), "time");
    keys(t, "time", TIME);
    double start = t.has("start") ? real(t.get("start"), "time.start") : 0.0;
    if (!t.has("end")) throw y.error("time", "time.end", "required: the final time");
    double end = real(t.get("end"), "time.end");
    int samples = t.has("samples") ? integer(t.get("samples"), "time.samples") : 201;
    return build("time", () -> new TimeGrid(start, end, samples));
  }

  private OdeOptions solver(JsonNode node) {
    OdeOptions o = OdeOptions.defaults();
    if (node == null) return o;
    ObjectNode s = object(node, "solver");
    keys(s, "solver", SOLVER);
    if (s.has("method")) {
      String m = text(s.get("method"), "solver.method");
      OdeOptions base = o;
      o = build("solver", () -> base.withMethod(OdeMethod.parse(m)));
    }
    for (String k : List.of("rtol", "atol", "step", "min_step", "blow_up")) {
      if (!s.has(k)) continue;
      double v = real(s.get(k), "solver." + k);
      OdeOptions base = o;
      o = build("solver", () -> switch (k) {
        case "rtol" -> base.withTolerances(v, base.atol());
        case "atol" -> base.withTolerances(base.rtol(), v);
        case "step" -> base.withStep(v);
        case "min_step" -> base.withMinStep(v);
        default -> base.withBlowUp(v);
      });
    }
    if (s.has("max_evaluations")) {
      int n = integer(s.get("max_evaluations"), "solver.max_evaluations");
      OdeOptions base = o;
      o = build("solver", () -> base.withMaxEvaluations(n));
    }
    return o;
  }

  private Scenario.Sde sde(JsonNode node) {
    double dt = 1e-3;
    int paths = 1000;
    long seed = 1;
    double blowUp = 1e12;
    if (node != null) {
      ObjectNode s = object(node, "sde");
      keys(s, "sde", SDE);
      if (s.has("dt")) dt = positive(real(s.get("dt"), "sde.dt"), "sde.dt");
      if (s.has("paths")) paths = atLeast(integer(s.get("paths"), "sde.paths"), 1, "sde.paths");
      if (s.has("seed")) seed = longValue(s.get("seed"), "sde.seed");
      if (s.has("blow_up")) blowUp = positive(real(s.get("blow_up"), "sde.blow_up"), "sde.blow_up");
    }
    return new Scenario.Sde(dt, paths, seed, blowUp);
  }

  /** {@code spectrum}: Hessian/G-matrix spectra along SGD ({@link SpectrumStudy}); needs simulate, ballistic. */
  private SpectrumStudy.Options spectrum(ObjectNode s, Scenario.Simulate sim, Regime regime, List<Scenario.Variant> variants) {
    keys(s, "spectrum", SPECTRUM);
    if (sim == null) throw y.error("spectrum", "needs simulate: the spectra are computed along the SGD runs (simulate.d)");
    if (regime != Regime.BALLISTIC) throw y.error("spectrum", "only supported in the ballistic regime");
    SpectrumStudy.Options def = SpectrumStudy.Options.defaults();
    List<Integer> units = def.units();
    if (s.has("units")) {
      ArrayNode a = array(s.get("units"), "spectrum.units");
      units = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) units.add(integer(a.get(i), "spectrum.units[" + i + "]"));
    }
    SpectrumStudy.Options o;
    try {
      o = new SpectrumStudy.Options(
          s.has("every") ? integer(s.get("every"), "spectrum.every") : def.every(),
          s.has("top") ? integer(s.get("top"), "spectrum.top") : def.top(),
          s.has("test_ratio") ? real(s.get("test_ratio"), "spectrum.test_ratio") : def.testRatio(),
          s.has("seed") ? longValue(s.get("seed"), "spectrum.seed") : def.seed(),
          units,
          s.has("tol") ? real(s.get("tol"), "spectrum.tol") : def.tol(),
          s.has("population_points") ? integer(s.get("population_points"), "spectrum.population_points") : def.populationPoints(),
          s.has("seeds") ? integer(s.get("seeds"), "spectrum.seeds") : def.seeds());
      for (Scenario.Variant v : variants) SpectrumStudy.check(v.model(), o);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String field = m.startsWith("spectrum.") ? m.substring(0, m.indexOf(' ')).replaceAll(":$", "") : "spectrum";
      throw y.error(y.has(field) ? field : "spectrum", m.startsWith(field) ? m.substring(field.length()).replaceFirst("^:? ", "") : m);
    }
    return o;
  }

  private Scenario.Simulate simulate(ObjectNode s) {
    if (!s.has("d")) throw y.error("simulate", "simulate.d", "required: the dimension(s), e.g. d: [500, 2000]");
    List<Integer> ds = new ArrayList<>();
    JsonNode d = s.get("d");
    if (d.isArray()) {
      if (d.isEmpty()) throw y.error("simulate.d", "must list at least one dimension");
      for (int i = 0; i < d.size(); i++) {
        String p = "simulate.d[" + i + "]";
        ds.add(atLeast(integer(d.get(i), p), 1, p));
      }
    } else {
      ds.add(atLeast(integer(d, "simulate.d"), 1, "simulate.d"));
    }
    int seeds = s.has("seeds") ? atLeast(integer(s.get("seeds"), "simulate.seeds"), 1, "simulate.seeds") : 1;
    long seed = s.has("seed") ? longValue(s.get("seed"), "simulate.seed") : 1;
    return new Scenario.Simulate(ds, seeds, seed);
  }

  private List<Event> events(JsonNode node, List<StateLayout> layouts) {
    ArrayNode list = array(node, "events");
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String p = "events[" + i + "]";
      ObjectNode e = object(list.get(i), p);
      keys(e, p, EVENT);
      if (!e.has("statistic")) throw y.error(p, p + ".statistic", "required: the statistic to watch");
      String stat = text(e.get("statistic"), p + ".statistic");
      for (StateLayout l : layouts) {
        if (!l.contains(stat)) {
          throw y.error(p + ".statistic", "unknown statistic '" + stat + "'; known: " + String.join(", ", l.names()));
        }
      }
      if (!e.has("level")) throw y.error(p, p + ".level", "required: the level whose crossing is the event");
      double level = finite(real(e.get("level"), p + ".level"), p + ".level");
      Event.Action action = Event.Action.RECORD;
      if (e.has("action")) {
        String a = text(e.get("action"), p + ".action");
        switch (a) {
          case "record" -> action = Event.Action.RECORD;
          case "stop" -> action = Event.Action.STOP;
          default -> throw y.error(p + ".action", "must be one of record, stop; got '" + a + "'");
        }
      }
      String name = e.has("name") ? text(e.get("name"), p + ".name") : null;
      Event.Action act = action;
      out.add(build(p, () -> new Event(name, stat, level, act)));
    }
    return out;
  }

  private Scenario.Output output(JsonNode node, String cardName) {
    String dir = "out/" + cardName;
    boolean csv = true;
    boolean chart = true;
    if (node != null) {
      ObjectNode o = object(node, "output");
      keys(o, "output", OUTPUT);
      if (o.has("dir")) {
        dir = text(o.get("dir"), "output.dir");
        if (dir.isBlank()) throw y.error("output.dir", "must not be empty");
      }
      if (o.has("csv")) csv = bool(o.get("csv"), "output.csv");
      if (o.has("chart")) chart = bool(o.get("chart"), "output.chart");
    }
    return new Scenario.Output(dir, csv, chart, y.line("output.dir"));
  }

  // ---- variants: params, model, init ----

  private Scenario.Variant variant(ModelFactory factory, Regime regime, String label, Integer vi,
      ObjectNode baseParams, ObjectNode vParams, ObjectNode baseInit, ObjectNode vInit, List<StateLayout> layouts) {
    Map<String, Object> merged = new LinkedHashMap<>();
    if (baseParams != null) merged.putAll(javaMap(baseParams));
    if (vParams != null) merged.putAll(javaMap(vParams));
    Model model;
    try {
      model = factory.create(merged);
    } catch (IllegalArgumentException e) {
      throw paramError(e, factory, vi, label, vParams);
    }
    if (model instanceof Study<?>) {      // iteration-indexed: no layout, init or events
      if (baseInit != null) throw y.error("init", "not used by model '" + factory.name() + "' (its limit is iteration-indexed)");
      if (vInit != null) throw y.error("variants[" + vi + "].init", "not used by model '" + factory.name() + "'");
      if (y.has("events")) throw y.error("events", "not used by model '" + factory.name() + "' (its limit is iteration-indexed)");
      layouts.add(null);
      return new Scenario.Variant(label, model, Map.of(), Map.of());
    }
    StateLayout layout;
    try {
      model.limit(regime);
      layout = model.initialLaw(regime).layout();
    } catch (IllegalArgumentException e) {
      throw y.error("regime", "model '" + factory.name() + "' has no " + regime.key() + " limit: " + e.getMessage());
    }
    layouts.add(layout);
    Map<String, Double> init = new LinkedHashMap<>();
    if (baseInit != null) init.putAll(stats(baseInit, "init", layout, Set.of("seed"), factory.name(), regime));
    if (vInit != null) {
      init.putAll(stats(vInit, "variants[" + vi + "].init", layout, Set.of(), factory.name(), regime));
    }
    return new Scenario.Variant(label, model, init, Map.of());
  }

  /** Maps a model's parameter error to the card key the value came from. */
  private ScenarioException paramError(IllegalArgumentException e, ModelFactory factory, Integer vi,
      String label, ObjectNode vParams) {
    String msg = String.valueOf(e.getMessage());
    List<String> names = new ArrayList<>();
    for (ParamSpec p : factory.parameters()) names.add(p.name());
    String name = null;
    String rest = msg;
    if (msg.startsWith("params.")) {
      int colon = msg.indexOf(": ");
      if (colon > 0) {
        name = msg.substring("params.".length(), colon);
        rest = msg.substring(colon + 2);
      }
    } else {
      names.sort(Comparator.comparingInt(String::length).reversed());
      for (String n : names) {
        if (msg.startsWith(n + ": ")) {
          name = n;
          rest = msg.substring(n.length() + 2);
          break;
        }
        if (msg.startsWith(n + " ")) {
          name = n;
          rest = msg.substring(n.length() + 1);
          break;
        }
      }
    }
    String vp = vi == null ? null : "variants[" + vi + "]";
    String field;
    if (name == null) {
      field = vp == null ? "params" : vp + ".params";
    } else if (vp != null && vParams != null && vParams.has(name)) {
      field = vp + ".params." + name;
    } else {
      field = "params." + name;
    }
    String linePath = y.has(field) || vp == null ? field : vp;
    if (vp != null && !field.startsWith(vp)) rest += " (variant '" + label + "')";
    return new ScenarioException(y.file(), y.line(linePath), field, rest, e);
  }

  /**
   * Explicit statistics by layout name: a coordinate ({@code m}, {@code Rperp[1,2]}) with a number,
   * or a whole block ({@code v: [1, 1]}, {@code Q: [[..], [..]]}). Returns values by coordinate name.
   */
  private Map<String, Double> stats(ObjectNode node, String path, StateLayout layout, Set<String> skip,
      String model, Regime regime) {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      if (skip.contains(key)) continue;
      String p = path + "." + key;
      Map<String, Double> vals = new LinkedHashMap<>();
      if (layout.contains(key)) {
        vals.put(layout.name(layout.indexOf(key)), finite(real(e.getValue(), p), p));
      } else if (layout.hasBlock(key)) {
        StateLayout.Block b = layout.block(key);
        vals.putAll(block(b, layout, e.getValue(), p));
      } else {
        List<String> known = new ArrayList<>(layout.names());
        for (StateLayout.Block b : layout.blocks()) {
          if (b.kind() != StateLayout.Kind.SCALAR) known.add(b.name() + " (whole block)");
        }
        known.addAll(skip);
        throw y.error(p, "unknown statistic '" + key + "' for model '" + model + "' (" + regime.key()
            + "); known: " + String.join(", ", known) + suggestion(key, known));
      }
      for (Map.Entry<String, Double> v : vals.entrySet()) {
        String prev = from.put(v.getKey(), key);
        if (prev != null) throw y.error(p, v.getKey() + " is already given by '" + prev + "'");
        out.put(v.getKey(), v.getValue());
      }
    }
    return out;
  }

  private Map<String, Double> block(StateLayout.Block b, StateLayout layout, JsonNode n, String p) {
    Map<String, Double> vals = new LinkedHashMap<>();
    if (b.kind() == StateLayout.Kind.VECTOR) {
      ArrayNode a = array(n, p);
      if (a.size() != b.rows()) throw y.error(p, "must be a list of " + b.rows() + " numbers, got " + a.size());
      for (int i = 0; i < b.rows(); i++) {
        vals.put(layout.name(b.index(i, 0)), finite(real(a.get(i), p + "[" + i + "]"), p + "[" + i + "]"));
      }
      return vals;
    }
    int rows = b.rows();
    int cols = b.kind() == StateLayout.Kind.SYMMETRIC ? b.rows() : b.cols();
    ArrayNode a = array(n, p);
    String shape = "a " + rows + "x" + cols + " matrix (a list of " + rows + " rows of " + cols + " numbers)";
    if (a.size() != rows) throw y.error(p, "must be " + shape + ", got " + a.size() + " rows");
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      String rp = p + "[" + i + "]";
      ArrayNode r = array(a.get(i), rp);
      if (r.size() != cols) throw y.error(rp, "must be " + shape + ", got a row of " + r.size());
      for (int j = 0; j < cols; j++) m[i][j] = finite(real(r.get(j), rp + "[" + j + "]"), rp + "[" + j + "]");
    }
    for (int i = 0; i < rows; i++) {
      for (int j = b.kind() == StateLayout.Kind.SYMMETRIC ? i : 0; j < cols; j++) {
        if (b.kind() == StateLayout.Kind.SYMMETRIC) {
          double tol = 1e-12 * Math.max(1, Math.max(Math.abs(m[i][j]), Math.abs(m[j][i])));
          if (Math.abs(m[i][j] - m[j][i]) > tol) {
            throw y.error(p, "must be symmetric, but [" + (i + 1) + "," + (j + 1) + "]=" + m[i][j] + " and ["
                + (j + 1) + "," + (i + 1) + "]=" + m[j][i]);
          }
        }
        vals.put(layout.name(b.index(i, j)), m[i][j]);
      }
    }
    return vals;
  }

  /** Builds each dimension's simulator and plants the values once, so bad plants fail at load. */
  private void checkSimulator(Scenario.Variant v, Regime regime, Scenario.Simulate sim, Map<String, Double> plant,
      String plantPath) {
    int smallest = Integer.MAX_VALUE;
    for (int i = 0; i < sim.d().size(); i++) {
      int d = sim.d().get(i);
      String p = sim.d().size() == 1 && !y.has("simulate.d[0]") ? "simulate.d" : "simulate.d[" + i + "]";
      try {
        v.model().simulator(d, regime);
      } catch (IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        throw y.error(p, m.startsWith("d ") ? m.substring(2) : m);
      }
      smallest = Math.min(smallest, d);
    }
    try {
      SgdSimulator s = v.model().simulator(smallest, regime);
      s.initialize(RandomStreams.stream(0, 0), plant);
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      String field = plantPath;
      for (String k : plant.keySet()) {
        for (String prefix : List.of("init." + k + ": ", "init." + k + " ")) {
          if (m.startsWith(prefix)) {
            field = plantPath + "." + k;
            m = m.substring(prefix.length());
          }
        }
      }
      throw y.error(field, m + (plantPath.equals("init") ? " (SGD plants the card's init values unless "
          + "simulate.plant is given)" : ""));
    }
  }

  // ---- typed access; every error names the path ----

  /** Runs a core constructor, turning its IllegalArgumentException into a located error. */
  private <T> T build(String section, Supplier<T> body) {
    try {
      return body.get();
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      String field = section;
      String rest = m;
      if (m.startsWith(section + ".")) {
        int end = m.length();
        for (int i = section.length(); i < m.length(); i++) {
          char c = m.charAt(i);
          if (c == ' ' || c == ':') {
            end = i;
            break;
          }
        }
        field = m.substring(0, end);
        rest = m.substring(end).replaceFirst("^:? ", "");
      } else if (m.startsWith(section + " ") || m.startsWith(section + ": ")) {
        rest = m.substring(section.length()).replaceFirst("^:? ", "");
      }
      return throwAt(field, rest, e);
    }
  }

  private <T> T throwAt(String field, String message, Throwable cause) {
    throw new ScenarioException(y.file(), y.line(field), field, message, cause);
  }

  private void keys(ObjectNode o, String path, List<String> valid) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!valid.contains(k)) {
        String p = path.isEmpty() ? k : path + "." + k;
        throw y.error(p, "unknown key '" + k + "'; valid keys" + (path.isEmpty() ? "" : " of " + path) + ": "
            + String.join(", ", valid) + suggestion(k, valid));
      }
    }
  }

  /** " (did you mean 'x'?)" for a close spelling, else "". */
  static String suggestion(String key, List<String> valid) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String v : valid) {
      int d = distance(key.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    return best != null && bestD <= Math.max(1, Math.min(2, key.length() / 3)) ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private ObjectNode object(JsonNode n, String p) {
    if (n == null || !n.isObject()) throw y.error(p, "must be a mapping ({key: value, ...}), got " + show(n));
    return (ObjectNode) n;
  }

  private ArrayNode array(JsonNode n, String p) {
    if (n == null || !n.isArray()) throw y.error(p, "must be a list ([a, b, ...]), got " + show(n));
    return (ArrayNode) n;
  }

  private String text(JsonNode n, String p) {
    if (n == null || !n.isTextual()) throw y.error(p, "must be a string, got " + show(n));
    return n.textValue();
  }

  private boolean bool(JsonNode n, String p) {
    if (n == null || !n.isBoolean()) throw y.error(p, "must be true or false, got " + show(n));
    return n.booleanValue();
  }

  private double real(JsonNode n, String p) {
    if (n == null || !n.isNumber()) throw y.error(p, "must be a number, got " + show(n));
    return n.doubleValue();
  }

  private long longValue(JsonNode n, String p) {
    if (n != null && n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
    if (n != null && n.isFloatingPointNumber() && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 0x1p53) {
      return (long) n.doubleValue();
    }
    throw y.error(p, "must be an integer, got " + show(n));
  }

  private int integer(JsonNode n, String p) {
    long v = longValue(n, p);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw y.error(p, "must fit in 32 bits, got " + v);
    return (int) v;
  }

  private double finite(double v, String p) {
    if (!Double.isFinite(v)) throw y.error(p, "must be finite, got " + v);
    return v;
  }

  private double positive(double v, String p) {
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw y.error(p, "must be > 0 and finite, got " + v);
    return v;
  }

  private int atLeast(int v, int min, String p) {
    if (v < min) throw y.error(p, "must be >= " + min + ", got " + v);
    return v;
  }

  /** A node as the user wrote it, for messages. */
  static String show(JsonNode n) {
    if (n == null || n.isMissingNode()) return "nothing";
    if (n.isTextual()) return "'" + n.textValue() + "'";
    if (n.isObject()) return "a mapping";
    if (n.isArray()) return "a list";
    return n.asText();
  }

  /** A mapping as plain Java values (Integer, Long, Double, String, Boolean, null, List, Map). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> javaMap(ObjectNode o) {
    return (Map<String, Object>) YamlTree.toJava(o);
  }
}
