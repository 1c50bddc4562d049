package org.effdyn.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effdyn.card.Scenario;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Regime;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.effdyn.model.spectral.SpectrumStudy;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.SdeSolver;

/**
 * The run record {@code run.json}: what ran (card and its SHA-256, model, parameters, regime, initial
 * values, grid, solver or SDE settings, seeds, SGD settings, each variant's state layout), what it cost
 * (solver statistics, wall times), on what (EffDyn version and git commit, Java and library versions)
 * and what it wrote. Keys use the card's spellings; docs/outputs.md lists them all.
 */
final class RunRecord {
  private RunRecord() {}

  static Map<String, Object> of(Scenario s, ScenarioRunner.Options o, List<ScenarioRunner.VariantResult> results,
      List<String> files, Instant started, String cardSha256, long wallNanos, List<String> warnings) {
    Map<String, Object> r = header(s, started, cardSha256);
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
      if (s.regime() == Regime.BALLISTIC) {
        sim.put("limit_start", s.simulate().limitStart().key());
        sim.put("limit_start_note", switch (s.simulate().limitStart()) {
          case MEASURED -> "limit-sgd.csv: one limit per SGD run, from that run's measured statistics at t0 "
              + "(runs with bit-identical starts share a solve); no events";
          case MEAN -> "limit-sgd.csv: one limit per d, from the mean over its runs of their measured statistics at t0; no events";
          case CARD -> "only limit.csv (from the card's init); SGD is compared with it";
        });
      }
      r.put("simulate", sim);
    }
    if (s.spectrum() != null) r.put("spectrum", spectrum(s.spectrum()));
    r.put("threads", o.threads());
    List<Map<String, Object>> vs = new ArrayList<>();
    for (ScenarioRunner.VariantResult v : results) vs.add(variant(s, v));
    r.put("variants", vs);
    r.put("wall_ms", wallNanos / 1e6);
    r.put("warnings", warnings);
    r.put("outputs", files);
    return r;
  }

  /**
   * The entries every run record starts with: EffDyn's version, the git commit it was built from and
   * whether the work tree had uncommitted changes then ({@link Version}), the Java version, the
   * versions of the libraries (read from their jars), the start time, the card as the user named it
   * and the SHA-256 of its bytes ({@link #sha256}), the model, regime, the card's params and which
   * kinds of output files it asked for.
   */
  static Map<String, Object> header(Scenario s, Instant started, String cardSha256) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("effdyn_version", Version.current());
    r.put("git_commit", Version.gitCommit());
    r.put("git_dirty", Version.gitDirty());
    r.put("java_version", System.getProperty("java.version"));
    r.put("dependencies", Version.dependencies());
    r.put("started", started.toString());
    r.put("card", s.shownFile());
    r.put("card_sha256", cardSha256);
    r.put("model", s.factory().name());
    r.put("regime", s.regime().key());
    r.put("params", s.baseParams());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("csv", s.output().csv());
    out.put("chart", s.output().chart());
    r.put("output", out);
    return r;
  }

  /**
   * SHA-256 of a card file's bytes as lower-case hex (what {@code sha256sum CARD} prints), or null if
   * the file cannot be read (e.g. a card parsed from text). {@code effdyn run} applies no overrides
   * to a card, so this identifies the card as written.
   */
  static String sha256(Path card) {
    if (card == null) return null;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(card));
      return HexFormat.of().formatHex(digest);
    } catch (IOException | SecurityException | InvalidPathException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);   // every JDK has it
    }
  }

  /**
   * A variant's state layout: its blocks in order, each with its name, kind ({@code scalar},
   * {@code vector}, {@code matrix}, {@code symmetric}), shape ([] for a scalar, [n] for a vector,
   * [rows, cols] for a matrix, [n, n] for a symmetric matrix), offset into the state vector and
   * column names in order; then the derived columns, and the packing rule in words.
   */
  static Map<String, Object> layout(StateLayout layout, List<String> derived) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packing", PACKING);
    List<Map<String, Object>> blocks = new ArrayList<>();
    for (StateLayout.Block b : layout.blocks()) {
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("name", b.name());
      bm.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
      bm.put("shape", switch (b.kind()) {
        case SCALAR -> List.of();
        case VECTOR -> List.of(b.rows());
        case MATRIX, SYMMETRIC -> List.of(b.rows(), b.cols());
      });
      bm.put("offset", b.offset());
      bm.put("columns", layout.names().subList(b.offset(), b.offset() + b.size()));
      blocks.add(bm);
    }
    m.put("blocks", blocks);
    m.put("derived_columns", derived);
    return m;
  }

  /** How the blocks are laid out in CSV columns (run.json's {@code layout.packing}). */
  static final String PACKING = "Columns in block order after t (and any key columns), indices 1-based: "
      + "a scalar s is one column s; a vector v of length n is v[1]..v[n]; a matrix M (r x c) is M[i,j] row by row; "
      + "a symmetric matrix S (n x n) is S[i,j] for i <= j only, the upper triangle row by row "
      + "(S[1,1], S[1,2], ..., S[1,n], S[2,2], ...), S[j,i] = S[i,j]. The derived columns follow the state columns.";

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
    m.put("layout", layout(layout, v.variant().model().derivedColumns().map(DerivedColumns::names).orElse(List.of())));
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
      if (v.sgdLimits() != null) g.put("limit_sgd", limitSgd(v.sgdLimits()));
      m.put("sgd", g);
    }
    return m;
  }

  /**
   * The limits from the SGD starts: how many solves, how many failed, and per d the sup over the grid
   * of |SGD − its limit| per column, averaged over the d's runs.
   */
  private static Map<String, Object> limitSgd(SgdLimits l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", l.mode().key());
    m.put("solves", l.solves());
    m.put("failed", l.failed());
    List<Map<String, Object>> errs = new ArrayList<>();
    for (SgdLimits.DimError e : l.supError()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("d", e.d());
      x.put("runs", e.runs());
      x.put("sup_error", e.sup());
      errs.add(x);
    }
    m.put("sup_error", errs);
    m.put("sup_error_note", "per d and column: sup over t of |SGD - limit from its start|, mean over the d's runs");
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

  /** The card's {@code spectrum} section, with its keys. */
  static Map<String, Object> spectrum(SpectrumStudy.Options o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("every", o.every());
    m.put("top", o.top());
    m.put("test_ratio", o.testRatio());
    m.put("seed", o.seed());
    m.put("units", o.units());
    m.put("tol", o.tol());
    m.put("population_points", o.populationPoints());
    m.put("seeds", o.seeds());
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
