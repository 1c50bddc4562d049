package org.effdyn.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.card.ChartSpec;
import org.effdyn.card.Scenario;
import org.effdyn.card.ScenarioException;
import org.effdyn.core.Dynamics;
import org.effdyn.core.HasQuadratureError;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Study;
import org.effdyn.core.Trajectory;
import org.effdyn.model.spectral.SpectrumStudy;
import org.effdyn.solve.Ensemble;
import org.effdyn.solve.EnsembleSummary;
import org.effdyn.solve.IntegrationException;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SdeSolver;
import org.effdyn.solve.SgdRecorder;

/**
 * Runs a {@link Scenario} and writes its outputs. For each variant (suffix {@code -LABEL} on every
 * file when the card has variants):
 * <ul>
 *   <li>ballistic: the limit ODE from the initial state ({@code init} values over a draw of the
 *       model's initial law with {@code RandomStreams.stream(init.seed, 0)}), with the card's events
 *       -&gt; {@code limit.csv};</li>
 *   <li>diffusive: an Euler-Maruyama ensemble; path i uses {@code RandomStreams.stream(sde.seed, i)}
 *       first for its initial state, then for its noise -&gt; {@code ensemble.csv} (mean, std,
 *       quantiles) and {@code paths.csv} (the first {@value #PATHS_WRITTEN} paths, long format);</li>
 *   <li>with {@code simulate}: finite-d SGD for every (d, seed) pair with generator
 *       {@code RandomStreams.stream(simulate.seed, dIndex, seedIndex)}, recorded on the same grid
 *       -&gt; {@code sgd.csv} (long format: d, seed, t, statistics);</li>
 *   <li>ballistic with {@code simulate} and {@code simulate.limit_start} measured (the default) or
 *       mean: the limits from the SGD runs' measured starts ({@link SgdLimits}) -&gt;
 *       {@code limit-sgd.csv} (long format: d, seed, t, statistics; mean: d, t, statistics) and their
 *       sup-errors in {@code run.json}. The diffusive regime and study cards are not affected: they
 *       compare SGD with the SDE ensemble, or their finite-d runs with their own limit;</li>
 * </ul>
 * then the chart ({@code chart.png}, {@code .svg}, {@code .pdf} as {@code chart.formats} asks; see
 * {@link Charts}), with {@code spectrum}: the Hessian/G-matrix spectra
 * along the first SGD seed of each d ({@link SpectrumStudy}) -&gt; {@code spectrum.csv},
 * {@code alignment.csv} and {@code spectrum.png} (k-GMM also {@code vectors.csv} and {@code vectors.png}:
 * the block coordinates at the end of each path), and {@code run.json} (the run record).
 *
 * <p>The output directory is created and probed before anything runs; everything is computed
 * before anything is written, and each file is written atomically. A failed run (a bad directory,
 * an {@link IntegrationException}, a write error) leaves no output files and removes the
 * directories it created. Results do not depend on the thread count.
 */
public final class ScenarioRunner {
  /** How many ensemble paths {@code paths.csv} holds. */
  public static final int PATHS_WRITTEN = 20;

  private ScenarioRunner() {}

  /**
   * Run settings.
   *
   * @param outDir   overrides the card's {@code output.dir} (null: use the card's)
   * @param threads  worker threads, &gt;= 1
   * @param progress progress of ensembles and SGD runs
   */
  public record Options(Path outDir, int threads, Progress progress) {
    public Options {
      if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      if (progress == null) progress = Progress.none();
    }

    /** The card's directory, all processors, no progress. */
    public static Options defaults() {
      return new Options(null, Runtime.getRuntime().availableProcessors(), Progress.none());
    }

    public Options withOutDir(Path dir) {
      return new Options(dir, threads, progress);
    }

    public Options withThreads(int n) {
      return new Options(outDir, n, progress);
    }

    public Options withProgress(Progress p) {
      return new Options(outDir, threads, p);
    }
  }

  /** One SGD run: dimension, its index, seed index and the recording. */
  public record SgdRun(int d, int dIndex, int seedIndex, Trajectory trajectory) {}

  /**
   * What one variant produced: the limit (ballistic) or the ensemble (diffusive), the SGD runs
   * (empty without {@code simulate}) and the limits from their measured starts (null unless
   * ballistic with {@code simulate.limit_start} measured or mean).
   */
  public record VariantResult(Scenario.Variant variant, double[] initialState, Trajectory limit,
      Ensemble.Result ensemble, EnsembleSummary summary, long ensembleWallNanos, List<SgdRun> sgd,
      int sgdFailures, long sgdWallNanos, SpectrumStudy.Result spectrum, SgdLimits sgdLimits) {}

  /**
   * A finished run: the directory as resolved and as shown to the user, the files written (in
   * order), per-variant results, the run record, warnings (e.g. failed ensemble paths) and, for a
   * {@link Study} card, each variant's output (the other lists are then empty).
   */
  public record Result(Path outDir, String shownDir, List<Path> files, List<VariantResult> variants,
      Map<String, Object> record, List<String> warnings, List<StudyFiles.Output> studies) {}

  /** Runs the scenario; see the class comment. */
  public static Result run(Scenario s, Options o) {
    String shownDir = o.outDir() != null ? o.outDir().toString() : s.output().dir();
    Path dir = o.outDir() != null ? o.outDir() : Path.of(s.output().dir());
    String dirField = o.outDir() != null ? "--out" : "output.dir";
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String cardSha256 = RunRecord.sha256(s.file());   // the card as it is when the run starts
    // before any file is created
    if (s.output().chart()) ChartSupport.require("output.chart", s.chart().needsVectorGraphics());
    List<Path> created = prepare(s, dir, shownDir, dirField);
    Cleanup.addDirs(created);
    List<Path> written = new ArrayList<>();
    boolean ok = false;
    try (OutputLock lock = OutputLock.acquire(dir, shownDir)) {
      Result r = runLocked(s, o, dir, shownDir, created, written, started, cardSha256, t0);
      ok = true;
      return r;
    } finally {
      if (!ok) removeCreated(created);   // now that the lock file is gone
      Cleanup.removeDirs(created);
      for (Path p : written) Cleanup.remove(p);
    }
  }

  private static Result runLocked(Scenario s, Options o, Path dir, String shownDir, List<Path> created,
      List<Path> written, Instant started, String cardSha256, long t0) {
    if (s.variants().get(0).model() instanceof Study<?>) {
      return runStudy(s, o, dir, shownDir, created, written, started, cardSha256, t0);
    }
    try {
      List<String> warnings = new ArrayList<>();
      List<VariantResult> results = new ArrayList<>();
      for (Scenario.Variant v : s.variants()) results.add(runVariant(s, v, o, warnings));

      List<String> names = fileNames(s, results);
      Map<String, Object> record = RunRecord.of(s, o, results, names, started, cardSha256, System.nanoTime() - t0, warnings);

      for (int i = 0; i < results.size(); i++) {
        VariantResult r = results.get(i);
        String sfx = r.variant().suffix();
        if (s.output().csv()) {
          if (r.limit() != null) write(written, dir.resolve("limit" + sfx + ".csv"), p -> Outputs.writeCsv(p, r.limit()));
          if (r.summary() != null) {
            write(written, dir.resolve("ensemble" + sfx + ".csv"), p -> Outputs.writeCsv(p, r.summary()));
            write(written, dir.resolve("paths" + sfx + ".csv"), p -> Outputs.writePaths(p, r.ensemble(), PATHS_WRITTEN));
          }
          if (!r.sgd().isEmpty()) write(written, dir.resolve("sgd" + sfx + ".csv"), p -> Outputs.writeSgd(p, r.sgd()));
          if (r.sgdLimits() != null && !r.sgdLimits().blocks().isEmpty()) {
            write(written, dir.resolve("limit-sgd" + sfx + ".csv"), p -> Outputs.writeLimitSgd(p, r.sgdLimits()));
          }
          if (r.spectrum() != null) {
            write(written, dir.resolve("spectrum" + sfx + ".csv"), p -> SpectrumFiles.writeEigenvalues(p, r.spectrum()));
            write(written, dir.resolve("alignment" + sfx + ".csv"), p -> SpectrumFiles.writeAlignments(p, r.spectrum()));
            if (!r.spectrum().vectors().isEmpty()) write(written, dir.resolve("vectors" + sfx + ".csv"), p -> SpectrumFiles.writeVectors(p, r.spectrum()));
          }
        }
      }
      if (s.output().chart()) {
        for (VariantResult r : results) {
          if (r.spectrum() == null) continue;
          String title = s.name() + (r.variant().label() == null ? "" : " " + r.variant().label());
          write(written, dir.resolve("spectrum" + r.variant().suffix() + ".png"), p -> SpectrumCharts.write(p, title, r.spectrum()));
          if (!r.spectrum().vectors().isEmpty()) {
            write(written, dir.resolve("vectors" + r.variant().suffix() + ".png"), p -> SpectrumCharts.writeVectors(p, title, r.spectrum()));
          }
        }
      }
      if (s.output().chart()) {
        Charts.Figure fig = Charts.figure(s, results);
        for (ChartSpec.Format f : s.chart().formats()) write(written, dir.resolve("chart." + f.extension()), p -> fig.write(p, f));
      }
      write(written, dir.resolve("run.json"), p -> RunRecord.write(p, record));
      return new Result(dir, shownDir, List.copyOf(written), List.copyOf(results), record, List.copyOf(warnings), List.of());
    } catch (RuntimeException | Error e) {
      undo(written, created);
      throw e;
    }
  }

  /**
   * A card whose model is a {@link Study}: each variant computes its outputs, then they
   * are written (with the variant suffix before the extension) and a short {@code run.json}.
   * Failure handling as in {@link #run}.
   */
  private static Result runStudy(Scenario s, Options o, Path dir, String shownDir, List<Path> created,
      List<Path> written, Instant started, String cardSha256, long t0) {
    try {
      List<StudyFiles.Output> outs = new ArrayList<>();
      for (Scenario.Variant v : s.variants()) outs.add(StudyFiles.compute(s, v, o.threads()));
      List<String> names = new ArrayList<>();
      List<Map<String, Object>> variants = new ArrayList<>();
      for (int i = 0; i < outs.size(); i++) {
        String sfx = s.variants().get(i).suffix();
        for (Map.Entry<String, java.util.function.Consumer<Path>> f : outs.get(i).files().entrySet()) {
          String n = f.getKey();
          int dot = n.lastIndexOf('.');
          String name = n.substring(0, dot) + sfx + n.substring(dot);
          write(written, dir.resolve(name), p -> f.getValue().accept(p));
          names.add(name);
        }
        Map<String, Object> vr = new java.util.LinkedHashMap<>();
        vr.put("label", s.variants().get(i).label());
        vr.put("params", s.variants().get(i).model().parameters());
        vr.putAll(outs.get(i).record());
        variants.add(vr);
      }
      names.add("run.json");
      Map<String, Object> record = RunRecord.header(s, started, cardSha256);
      record.put("threads", o.threads());
      record.put("variants", variants);
      record.put("wall_ms", (System.nanoTime() - t0) / 1e6);
      record.put("warnings", List.of());
      record.put("outputs", names);
      write(written, dir.resolve("run.json"), p -> RunRecord.write(p, record));
      return new Result(dir, shownDir, List.copyOf(written), List.of(), record, List.of(), List.copyOf(outs));
    } catch (RuntimeException | Error e) {
      undo(written, created);
      throw e;
    }
  }

  /** After a failure: deletes the files written so far and the directories this run created. */
  private static void undo(List<Path> written, List<Path> created) {
    for (Path p : written) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // keep the original failure
      }
    }
    removeCreated(created);
  }

  private interface FileWrite {
    void write(Path p);
  }

  private static void write(List<Path> written, Path p, FileWrite w) {
    Cleanup.add(p);   // an interrupt before the run ends removes it with the rest
    w.write(p);
    written.add(p);
  }

  /** Output file names in the order they are written. */
  static List<String> fileNames(Scenario s, List<VariantResult> results) {
    List<String> n = new ArrayList<>();
    if (s.output().csv()) {
      for (VariantResult r : results) {
        String sfx = r.variant().suffix();
        if (r.limit() != null) n.add("limit" + sfx + ".csv");
        if (r.summary() != null) {
          n.add("ensemble" + sfx + ".csv");
          n.add("paths" + sfx + ".csv");
        }
        if (!r.sgd().isEmpty()) n.add("sgd" + sfx + ".csv");
        if (r.sgdLimits() != null && !r.sgdLimits().blocks().isEmpty()) n.add("limit-sgd" + sfx + ".csv");
        if (r.spectrum() != null) {
          n.add("spectrum" + sfx + ".csv");
          n.add("alignment" + sfx + ".csv");
          if (!r.spectrum().vectors().isEmpty()) n.add("vectors" + sfx + ".csv");
        }
      }
    }
    if (s.output().chart()) {
      for (VariantResult r : results) {
        if (r.spectrum() == null) continue;
        n.add("spectrum" + r.variant().suffix() + ".png");
        if (!r.spectrum().vectors().isEmpty()) n.add("vectors" + r.variant().suffix() + ".png");
      }
    }
    if (s.output().chart()) for (ChartSpec.Format f : s.chart().formats()) n.add("chart." + f.extension());
    n.add("run.json");
    return n;
  }

  // ---- computing ----

  /** Computes one variant (no output); warnings about failed paths are added to the list. */
  static VariantResult runVariant(Scenario s, Scenario.Variant v, Options o, List<String> warnings) {
    Dynamics dyn = v.model().limit(s.regime());
    InitialLaw law = v.model().initialLaw(s.regime());
    StateLayout layout = law.layout();
    int[] fixedIdx = new int[v.init().size()];
    double[] fixedVal = new double[v.init().size()];
    int k = 0;
    for (Map.Entry<String, Double> e : v.init().entrySet()) {
      fixedIdx[k] = layout.indexOf(e.getKey());
      fixedVal[k++] = e.getValue();
    }
    String what = s.name() + (v.label() == null ? "" : " " + v.label());

    double[] u0 = null;
    Trajectory limit = null;
    Ensemble.Result ens = null;
    EnsembleSummary summary = null;
    long ensNanos = 0;
    if (s.regime() == Regime.BALLISTIC) {
      u0 = new double[layout.size()];
      law.sample(law.deterministic() ? null : RandomStreams.stream(s.initSeed(), 0), u0);
      for (int i = 0; i < fixedIdx.length; i++) u0[fixedIdx[i]] = fixedVal[i];
      try (Progress.Ticker t = o.progress().start(what + ": limit, t", Progress.TIME_UNITS)) {
        limit = withDerived(v, new OdeSolver(s.solver()).solve(dyn, u0, s.grid(), s.events(), Progress.byTime(t, s.grid())));
      }
      if (dyn instanceof HasQuadratureError q) {
        Map<String, Object> err = new LinkedHashMap<>();
        double e0 = q.quadratureError(u0);
        double e1 = q.quadratureError(limit.finalState());
        err.put("start", e0);
        err.put("end", e1);
        // The drift error e enters the solution like a solver error of e per unit time: atol below e
        // buys solver steps, not accuracy. Tie the two: record the bound e * (t1 - t0) and warn.
        double e = Math.max(e0, e1);
        double atol = s.solver().atol();
        err.put("solver_atol", atol);
        err.put("trajectory_bound", e * (s.grid().t1() - s.grid().t0()));
        if (e > atol) {
          warnings.add(what + ": the drift's estimated quadrature error " + String.format("%.2g", e)
              + " exceeds the solver's atol " + atol + ", so the limit's accuracy is set by the quadrature (about "
              + String.format("%.2g", e) + " per unit time), not by the solver: raise quadrature_nodes for a finer"
              + " rule, or raise atol to the estimate to save solver steps");
        }
        limit = limit.withProvenance(Map.of("quadrature_error", err));
      }
    } else {
      Scenario.Sde sde = s.sde();
      SdeSolver solver = new SdeSolver(sde.dt(), sde.blowUp());
      long start = System.nanoTime();
      try (Progress.Ticker t = o.progress().start(what + ": SDE paths", sde.paths())) {
        ens = new Ensemble(sde.paths(), sde.seed(), o.threads()).run((path, rng) -> {
          double[] u = new double[layout.size()];
          law.sample(rng, u);
          for (int i = 0; i < fixedIdx.length; i++) u[fixedIdx[i]] = fixedVal[i];
          return withDerived(v, solver.solve(dyn, u, s.grid(), rng));
        }, t::step);
      }
      ensNanos = System.nanoTime() - start;
      int failed = ens.failures();
      if (failed == sde.paths()) throw allFailed("SDE paths", ens);
      if (failed > 0) {
        warnings.add(what + ": " + failed + " of " + sde.paths() + " SDE paths failed and are left out of the "
            + "summary; first: " + firstFailure(ens).getMessage());
      }
      summary = ens.summary();
    }

    List<SgdRun> sgd = new ArrayList<>();
    int sgdFailed = 0;
    long sgdNanos = 0;
    if (s.simulate() != null) {
      Scenario.Simulate sim = s.simulate();
      int nd = sim.d().size();
      int ns = sim.seeds();
      long start = System.nanoTime();
      Ensemble.Result r;
      try (Progress.Ticker t = o.progress().start(what + ": SGD runs", (long) nd * ns)) {
        // the Ensemble's own generator is ignored: run (dIndex, seedIndex) has its two-level stream
        r = new Ensemble(nd * ns, sim.seed(), o.threads()).run((path, ignored) -> {
          int di = path / ns;
          int si = path % ns;
          SgdSimulator simulator = v.model().simulator(sim.d().get(di), s.regime());
          return withDerived(v, SgdRecorder.record(simulator, s.grid(), RandomStreams.stream(sim.seed(), di, si), v.plant()));
        }, t::step);
      }
      sgdNanos = System.nanoTime() - start;
      sgdFailed = r.failures();
      if (sgdFailed == nd * ns) throw allFailed("SGD runs", r);
      if (sgdFailed > 0) {
        warnings.add(what + ": " + sgdFailed + " of " + nd * ns + " SGD runs failed and are left out; first: "
            + firstFailure(r).getMessage());
      }
      for (Ensemble.Outcome out : r.outcomes()) {
        if (!out.ok()) continue;
        int di = out.path() / ns;
        sgd.add(new SgdRun(sim.d().get(di), di, out.path() % ns, out.trajectory()));
      }
    }
    SgdLimits sgdLimits = null;
    if (s.regime() == Regime.BALLISTIC && !sgd.isEmpty() && s.simulate().limitStart() != Scenario.LimitStart.CARD) {
      sgdLimits = SgdLimits.compute(s.simulate().limitStart(), dyn, new OdeSolver(s.solver()), s.grid(), sgd,
          t -> withDerived(v, t), o.threads(), what, warnings);
    }
    SpectrumStudy.Result spectrum = null;
    if (s.spectrum() != null) {
      spectrum = SpectrumStudy.run(v.model(), s.spectrum(), s.grid(), s.simulate().d(), s.simulate().seed(), v.plant(), limit);
    }
    return new VariantResult(v, u0, limit, ens, summary, ensNanos, sgd, sgdFailed, sgdNanos, spectrum, sgdLimits);
  }

  private static RuntimeException firstFailure(Ensemble.Result r) {
    for (Ensemble.Outcome o : r.outcomes()) if (!o.ok()) return o.failure();
    return null;
  }

  private static RuntimeException allFailed(String what, Ensemble.Result r) {
    RuntimeException first = firstFailure(r);
    if (first instanceof IntegrationException ie) return ie; // its message says where and why
    return new IllegalStateException("all " + r.outcomes().size() + " " + what + " failed; first: "
        + first.getMessage(), first);
  }

  // ---- the output directory ----

  /**
   * Creates dir (and missing parents) and probes it with a temporary file. Returns the directories
   * it created, outermost first; on failure removes them and throws a ScenarioException naming dir.
   */
  static List<Path> prepare(Scenario s, Path dir, String shown, String field) {
    Path abs = dir.toAbsolutePath().normalize();
    List<Path> created = new ArrayList<>();
    for (Path p = abs; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
      created.add(0, p);
    }
    String file = field.equals("--out") ? null : s.shownFile();
    int line = field.equals("--out") ? 0 : s.output().dirLine();
    try {
      for (Path p = abs; p != null; p = p.getParent()) {
        if (Files.exists(p) && !Files.isDirectory(p)) {
          throw new ScenarioException(file, line, field, "cannot create output directory '" + shown + "': "
              + (p.equals(abs) ? "it exists and is not a directory" : "'" + p + "' is not a directory"));
        }
      }
      try {
        Files.createDirectories(abs);
        Path probe = Files.createTempFile(abs, ".effdyn-probe", ".tmp");
        Files.delete(probe);
      } catch (AccessDeniedException e) {
        throw new ScenarioException(file, line, field, "cannot write to output directory '" + shown
            + "': permission denied (" + e.getFile() + ")", e);
      } catch (FileSystemException e) {
        throw new ScenarioException(file, line, field, "cannot write to output directory '" + shown + "': "
            + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + " (" + e.getFile() + ")", e);
      } catch (IOException | SecurityException e) {
        throw new ScenarioException(file, line, field, "cannot write to output directory '" + shown + "': " + e, e);
      }
    } catch (RuntimeException e) {
      removeCreated(created);
      throw e;
    }
    return created;
  }

  private static void removeCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException ignored) {
        // not empty or not ours any more: leave it
      }
    }
  }

  /** Appends the model's derived columns, if it has any. */
  private static Trajectory withDerived(Scenario.Variant v, Trajectory t) {
    return v.model().derivedColumns().map(d -> d.appendTo(t)).orElse(t);
  }
}
