package org.effdyn.card;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.spectral.SpectrumStudy;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;

/**
 * Reads the run settings of a scenario card, one section each: {@code time}, {@code solver},
 * {@code sde}, {@code simulate}, {@code events}, {@code spectrum} and {@code output}. Keys, types
 * and defaults are checked here; values are then checked by the core constructors, whose
 * {@link org.effdyn.core.ParameterException}s name the key.
 */
final class SettingsReader {
  static final List<String> TIME = List.of("start", "end", "samples");
  static final List<String> SOLVER = List.of("method", "rtol", "atol", "step", "min_step",
      "max_evaluations", "blow_up");
  static final List<String> SDE = List.of("dt", "paths", "seed", "blow_up");
  static final List<String> SIMULATE = List.of("d", "seeds", "seed", "plant", "limit_start");
  static final List<String> SPECTRUM = List.of("every", "top", "test_ratio", "seed", "units", "tol", "population_points", "seeds");
  static final List<String> EVENT = List.of("statistic", "level", "action", "name");
  static final List<String> OUTPUT = List.of("dir", "csv", "chart");

  private SettingsReader() {}

  /** {@code time: {start: 0, end: T, samples: 201}}. */
  static TimeGrid time(CardSection t) {
    t.allow(TIME);
    double start = t.real("start", 0.0);
    double end = t.require("end", "required: the final time").real();
    int samples = t.integer("samples", 201);
    return t.build(() -> new TimeGrid(start, end, samples));
  }

  /** {@code solver} (ballistic), or the defaults if s is null. */
  static OdeOptions solver(CardSection s) {
    OdeOptions o = OdeOptions.defaults();
    if (s == null) return o;
    s.allow(SOLVER);
    if (s.has("method")) {
      String m = s.get("method").text();
      OdeOptions base = o;
      o = s.build(() -> base.withMethod(OdeMethod.parse(m)));
    }
    for (String k : List.of("rtol", "atol", "step", "min_step", "blow_up")) {
      if (!s.has(k)) continue;
      double v = s.get(k).real();
      OdeOptions base = o;
      o = s.build(() -> switch (k) {
        case "rtol" -> base.withTolerances(v, base.atol());
        case "atol" -> base.withTolerances(base.rtol(), v);
        case "step" -> base.withStep(v);
        case "min_step" -> base.withMinStep(v);
        default -> base.withBlowUp(v);
      });
    }
    if (s.has("max_evaluations")) {
      int n = s.get("max_evaluations").integer();
      OdeOptions base = o;
      o = s.build(() -> base.withMaxEvaluations(n));
    }
    return o;
  }

  /** {@code sde} (diffusive), or the defaults if s is null. */
  static Scenario.Sde sde(CardSection s) {
    if (s == null) return new Scenario.Sde(1e-3, 1000, 1, 1e12);
    s.allow(SDE);
    double dt = s.positive("dt", 1e-3);
    int paths = s.atLeast("paths", 1, 1000);
    long seed = s.longValue("seed", 1);
    return new Scenario.Sde(dt, paths, seed, s.positive("blow_up", 1e12));
  }

  /**
   * {@code simulate: {d: [500, 2000], seeds: 4, seed: 1, limit_start: measured}} ({@code plant} is
   * read with the variants; where limit_start applies is checked by the card reader).
   */
  static Scenario.Simulate simulate(CardSection s) {
    CardValue d = s.require("d", "required: the dimension(s), e.g. d: [500, 2000]");
    List<Integer> ds = new ArrayList<>();
    if (d.isList()) {
      List<CardValue> items = d.items();
      if (items.isEmpty()) throw d.error("must list at least one dimension");
      for (CardValue x : items) ds.add(x.atLeast(1));
    } else {
      ds.add(d.atLeast(1));
    }
    int seeds = s.atLeast("seeds", 1, 1);
    long seed = s.longValue("seed", 1);
    Scenario.LimitStart start = Scenario.LimitStart.MEASURED;
    if (s.has("limit_start")) {
      start = Scenario.LimitStart.valueOf(s.get("limit_start").choice(List.of("measured", "mean", "card"))
          .toUpperCase(java.util.Locale.ROOT));
    }
    return new Scenario.Simulate(ds, seeds, seed, start);
  }

  /** {@code events} (ballistic): each statistic must exist in every variant's layout. */
  static List<Event> events(CardValue list, List<StateLayout> layouts) {
    List<Event> out = new ArrayList<>();
    for (CardValue item : list.items()) {
      CardSection e = item.section().allow(EVENT);
      String stat = e.require("statistic", "required: the statistic to watch").text();
      for (StateLayout l : layouts) {
        if (!l.contains(stat)) {
          throw e.error("statistic", "unknown statistic '" + stat + "'; known: " + String.join(", ", l.names()));
        }
      }
      double level = e.require("level", "required: the level whose crossing is the event").finite();
      Event.Action action = Event.Action.RECORD;
      CardValue a = e.get("action");
      if (a != null) action = a.choice(List.of("record", "stop")).equals("stop") ? Event.Action.STOP : Event.Action.RECORD;
      String name = e.text("name", null);
      Event.Action act = action;
      out.add(e.build(() -> new Event(name, stat, level, act)));
    }
    return out;
  }

  /** {@code spectrum}: Hessian/G-matrix spectra along SGD ({@link SpectrumStudy}); needs simulate, ballistic. */
  static SpectrumStudy.Options spectrum(CardSection s, Scenario.Simulate sim, Regime regime, List<Scenario.Variant> variants) {
    s.allow(SPECTRUM);
    if (sim == null) throw s.error("needs simulate: the spectra are computed along the SGD runs (simulate.d)");
    if (regime != Regime.BALLISTIC) throw s.error("only supported in the ballistic regime");
    SpectrumStudy.Options def = SpectrumStudy.Options.defaults();
    List<Integer> units = def.units();
    if (s.has("units")) {
      units = new ArrayList<>();
      for (CardValue u : s.get("units").items()) units.add(u.integer());
    }
    int every = s.integer("every", def.every());
    int top = s.integer("top", def.top());
    double testRatio = s.real("test_ratio", def.testRatio());
    long seed = s.longValue("seed", def.seed());
    double tol = s.real("tol", def.tol());
    int populationPoints = s.integer("population_points", def.populationPoints());
    int seeds = s.integer("seeds", def.seeds());
    List<Integer> u = units;
    return s.build(() -> {
      SpectrumStudy.Options o = new SpectrumStudy.Options(every, top, testRatio, seed, u, tol, populationPoints, seeds);
      for (Scenario.Variant v : variants) SpectrumStudy.check(v.model(), o);
      return o;
    });
  }

  /** {@code output}, or the defaults (out/CARD, csv and chart) if o is null; dirLine: the line of output.dir. */
  static Scenario.Output output(CardSection o, String cardName, int dirLine) {
    String dir = "out/" + cardName;
    boolean csv = true;
    boolean chart = true;
    if (o != null) {
      o.allow(OUTPUT);
      if (o.has("dir")) {
        dir = o.get("dir").text();
        if (dir.isBlank()) throw o.error("dir", "must not be empty");
      }
      csv = o.bool("csv", true);
      chart = o.bool("chart", true);
    }
    return new Scenario.Output(dir, csv, chart, dirLine);
  }
}
