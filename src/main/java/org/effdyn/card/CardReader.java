package org.effdyn.card;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effdyn.core.Regime;
import org.effdyn.core.Study;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.spectral.SpectrumStudy;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeOptions;

/**
 * Turns a {@link YamlTree} into a validated {@link Scenario} (see {@link Scenario#load(Path)}): reads
 * the card's top-level keys in order, checks which apply together (regime, simulate, a
 * {@link Study}'s time), and leaves each section to its reader ({@link ModelReader},
 * {@link VariantReader}, {@link SettingsReader}).
 */
final class CardReader {
  static final List<String> TOP = List.of("model", "params", "regime", "init", "time", "solver", "sde",
      "simulate", "events", "variants", "output", "spectrum", "chart");

  private CardReader() {}

  static Scenario read(Path file, String shown) {
    return read(file, shown, false);
  }

  /** force: read limits over {@link Limits#MAX_STATE} statistics too. */
  static Scenario read(Path file, String shown, boolean force) {
    return parse(YamlTree.read(file, shown), file, shown, force);
  }

  static Scenario parse(YamlTree y, Path file, String shown) {
    return parse(y, file, shown, false);
  }

  static Scenario parse(YamlTree y, Path file, String shown, boolean force) {
    CardSection root = CardSection.root(y).allow(TOP);
    ModelFactory factory = ModelReader.factory(root);
    Regime regime = ModelReader.regime(root);
    CardSection params = root.section("params");
    Map<String, Object> baseParams = params == null ? Map.of() : params.toJava();

    // a Study that does not use time (e.g. sample complexity) has no time section; checked below
    CardSection time = root.section("time");
    TimeGrid grid = time == null ? null : SettingsReader.time(time);
    OdeOptions solver = null;
    Scenario.Sde sde = null;
    if (regime == Regime.BALLISTIC) {
      if (root.has("sde")) throw root.error("sde", "only used in the diffusive regime (this card is ballistic; see solver)");
      solver = SettingsReader.solver(root.section("solver"));
    } else {
      if (root.has("solver")) throw root.error("solver", "not used in the diffusive regime (the SDE ensemble takes sde: {dt, paths, seed})");
      if (root.has("events")) throw root.error("events", "only supported in the ballistic regime");
      sde = SettingsReader.sde(root.section("sde"));
    }

    CardSection init = root.section("init");
    long initSeed = 1;
    if (init != null && init.has("seed")) {
      if (regime == Regime.DIFFUSIVE) {
        throw init.error("seed", "not used in the diffusive regime: path i draws its initial state from stream i of sde.seed");
      }
      initSeed = init.get("seed").longValue();
    }

    CardSection simulate = root.section("simulate");
    if (simulate != null) simulate.allow(SettingsReader.SIMULATE);
    if (simulate != null && grid != null && grid.t0() != 0) {
      throw time.error("start", "must be 0 when simulate is given (SGD starts at step 0), got " + grid.t0());
    }

    VariantReader runs = new VariantReader(y, factory, regime, params, init, force);
    List<Scenario.Variant> variants = runs.read(root);
    List<Event> events = root.has("events") ? SettingsReader.events(root.get("events"), runs.layouts()) : List.of();
    Scenario.Simulate sim = null;
    if (simulate != null) {
      sim = SettingsReader.simulate(simulate);
      variants = runs.plant(variants, simulate, sim);
    }

    boolean timed = !(variants.get(0).model() instanceof Study<?> st) || st.usesTime();
    if (timed && grid == null) throw root.missing("time", "required: {start: 0, end: T, samples: n}");
    if (!timed && grid != null) throw root.error("time", "not used by model '" + factory.name() + "' (a study computed as a whole)");

    SpectrumStudy.Options spectrum = root.has("spectrum")
        ? SettingsReader.spectrum(root.section("spectrum"), sim, regime, variants) : null;
    if (simulate != null && simulate.has("limit_start")) {
      if (regime != Regime.BALLISTIC) {
        throw simulate.error("limit_start", "only used in the ballistic regime (a diffusive card compares SGD with its SDE ensemble)");
      }
      if (variants.get(0).model() instanceof Study<?>) {
        throw simulate.error("limit_start", "not used by model '" + factory.name() + "' (a study compares its finite-d runs itself)");
      }
    }
    if (root.has("chart") && variants.get(0).model() instanceof Study<?>) {
      throw root.error("chart", "not used by model '" + factory.name() + "' (a study draws its own charts)");
    }
    ChartSpec chart = ChartReader.read(root.section("chart"), variants, regime);
    Scenario.Output output = SettingsReader.output(root.section("output"), cardName(file, shown), y.line("output.dir"));
    return new Scenario(file, shown, cardName(file, shown), factory, baseParams, regime, variants, initSeed, grid,
        solver, sde, sim, events, output, spectrum, chart, y.json());
  }

  /** The card's file name without {@code .yaml}/{@code .yml}. */
  private static String cardName(Path file, String shown) {
    Path f = file.getFileName();
    String n = f == null ? shown : f.toString();
    for (String ext : List.of(".yaml", ".yml")) {
      if (n.toLowerCase(Locale.ROOT).endsWith(ext)) return n.substring(0, n.length() - ext.length());
    }
    return n;
  }
}
