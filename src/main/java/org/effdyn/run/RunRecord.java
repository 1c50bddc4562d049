package org.effdyn.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effdyn.card.Scenario;
import org.effdyn.core.Regime;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.SdeSolver;

/**
 * The run record {@code run.json}: what ran (card, model, parameters, regime, initial values, grid,
 * solver or SDE settings, seeds, SGD settings), what it cost (solver statistics, wall times), on what
 * (EffDyn and Java versions) and what it wrote. Keys use the card's spellings.
 */
final class RunRecord {
  private RunRecord() {}

  static Map<String, Object> of(Scenario s, ScenarioRunner.Options o, List<ScenarioRunner.VariantResult> results,
      List<String> files, Instant started, long wallNanos, List<String> warnings) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("effdyn_version", Version.current());
    r.put("java_version", System.getProperty("java.version"));
    r.put("started", started.toString());
    r.put("card", s.shownFile());
    r.put("model", s.factory().name());
    r.put("regime", s.regime().key());
    r.put("params", s.baseParams());
    s.variants().get(0).model().derivedColumns().ifPresent(d -> r.put("derived_columns",
        java.util.Map.of("names", d.names(), "note", "computed from the state; written after the state columns")));
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("start", s.grid().t0());
    time.put("end", s.grid().t1());
    time.put("samples", s.grid().samples());
    r.put("time", time);
    if (s.regime() == Regime.BALLISTIC) {
      r.put("solver", solver(s.solver()));
      Map<String, Object> init = new LinkedHashMap<>();
      init.put("seed", s.initSeed());
      init.put("generator", "RandomStreams.stream(init.seed, 0), used only by a random initial law");
      r.put("init", init);
      List<Map<String, Object>> ev = new ArrayList<>();
      for (Event e : s.events()) ev.add(event(e));
      r.put("events", ev);
    } else {
      Map<String, Object> sde = new LinkedHashMap<>();
      SdeSolver solver = new SdeSolver(s.sde().dt(), s.sde().blowUp());
      int sub = solver.substeps(s.grid());
      sde.put("method", "euler-maruyama");
      sde.put("dt", s.sde().dt());
      sde.put("effective_dt", s.grid().spacing() / sub);
      sde.put("substeps_per_sample", sub);
      sde.put("paths", s.sde().paths());
      sde.put("seed", s.sde().seed());
      sde.put("blow_up", s.sde().blowUp());
      sde.put("generator", "path i: RandomStreams.stream(sde.seed, i), first for its initial state, then its noise");
      sde.put("paths_written", Math.min(ScenarioRunner.PATHS_WRITTEN, s.sde().paths()));
      r.put("sde", sde);
    }
    if (s.simulate() != null) {
      Map<String, Object> sim = new LinkedHashMap<>();
      sim.put("d", s.simulate().d());
      sim.put("seeds", s.simulate().seeds());
      sim.put("seed", s.simulate().seed());
      sim.put("generator", "run (d[i], seed j): RandomStreams.stream(simulate.seed, i, j); sgd.csv seed column = j");
      r.put("simulate", sim);
    }
    r.put("threads", o.threads());
    List<Map<String, Object>> vs = new ArrayList<>();
    for (ScenarioRunner.VariantResult v : results) vs.add(variant(s, v));
    r.put("variants", vs);
    r.put("wall_ms", wallNanos / 1e6);
    r.put("warnings", warnings);
    r.put("outputs", files);
    return r;
  }

  static void write(Path file, Map<String, Object> record) {
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    org.effdyn.run.AtomicFiles.write(file, out -> om.writeValue(out, record));
  }

  private static Map<String, Object> variant(Scenario s, ScenarioRunner.VariantResult v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", v.variant().label());
    m.put("params", v.variant().model().parameters());
    m.put("init", v.variant().init());
    StateLayout layout = v.variant().model().initialLaw(s.regime()).layout();
    if (v.initialState() != null) m.put("initial_state", named(layout, v.initialState()));
    if (v.limit() != null) {
      Trajectory t = v.limit();
      m.put("solve", stats(t.stats()));
      if (t.provenance().containsKey("quadrature_error")) m.put("quadrature_error", t.provenance().get("quadrature_error"));
      List<Map<String, Object>> ev = new ArrayList<>();
      for (Trajectory.EventRecord e : t.events()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("name", e.name());
        em.put("t", e.t());
        em.put("state", named(layout, e.state()));
        ev.add(em);
      }
      m.put("events", ev);
      m.put("final_state", named(layout, t.finalState()));
      m.put("final_time", t.time(t.size() - 1));
    }
    if (v.ensemble() != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("paths", v.ensemble().outcomes().size());
      e.put("failed", v.ensemble().failures());
      e.put("summarized", v.summary().paths());
      long evals = 0;
      long steps = 0;
      for (Trajectory t : v.ensemble().trajectories()) {
        evals += t.stats().evaluations();
        steps += t.stats().acceptedSteps();
      }
      e.put("evaluations", evals);
      e.put("steps", steps);
      e.put("wall_ms", v.ensembleWallNanos() / 1e6);
      m.put("ensemble", e);
    }
    if (s.simulate() != null) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("plant", v.variant().plant());
      g.put("runs", v.sgd().size() + v.sgdFailures());
      g.put("failed", v.sgdFailures());
      long steps = 0;
      for (ScenarioRunner.SgdRun run : v.sgd()) steps += run.trajectory().stats().acceptedSteps();
      g.put("steps", steps);
      g.put("wall_ms", v.sgdWallNanos() / 1e6);
      m.put("sgd", g);
    }
    return m;
  }

  private static Map<String, Object> named(StateLayout layout, double[] u) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < u.length; i++) m.put(layout.name(i), u[i]);
    return m;
  }

  static Map<String, Object> solver(OdeOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", o.method().key());
    m.put("rtol", o.rtol());
    m.put("atol", o.atol());
    m.put("step", Double.isNaN(o.step()) ? null : o.step());
    m.put("min_step", o.minStep());
    m.put("max_evaluations", o.maxEvaluations());
    m.put("blow_up", o.blowUp());
    return m;
  }

  static Map<String, Object> stats(SolveStats st) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("evaluations", st.evaluations());
    m.put("accepted_steps", st.acceptedSteps());
    m.put("rejected_steps", st.rejectedSteps());
    m.put("wall_ms", st.wallNanos() / 1e6);
    return m;
  }

  static Map<String, Object> event(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("statistic", e.statistic());
    m.put("level", e.level());
    m.put("action", e.action().name().toLowerCase(Locale.ROOT));
    return m;
  }
}
