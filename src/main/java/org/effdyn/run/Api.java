package org.effdyn.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.effdyn.card.Scenario;
import org.effdyn.core.Study;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.EnsembleSummary;

/**
 * Entry points for callers outside Java: the Python package {@code python/effdyn} calls these
 * through JPype (docs/python.md). Each is a thin composition of the public classes of this package
 * (a card from text, a run kept in memory, tables as one buffer), so that a caller needs one call
 * where Java code would write a few lines; nothing here computes anything the CLI does not.
 *
 * <p>Tables cross as direct {@link DoubleBuffer}s in native byte order, rows one after the other:
 * Python wraps them as numpy arrays without copying (JPype's buffer protocol). Errors are the
 * library's own exceptions ({@link org.effdyn.card.ScenarioException},
 * {@link org.effdyn.core.ParameterException}, {@link org.effdyn.solve.IntegrationException}), unchanged.
 * Validation cases need no entry point here: {@code run.validate}'s ValidationRunner and Report are
 * called as they are.
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Api() {}

  /** A card from YAML text; {@code shown} names it in messages (as {@code shown:LINE: FIELD: ...}). */
  public static Scenario card(String yaml, String shown) {
    return Scenario.parse(yaml, shown);
  }

  /** A card from a file, named in messages as given. */
  public static Scenario cardFile(String path) {
    return Scenario.load(Path.of(path), path);
  }

  /**
   * What a run produced: per-variant results, the run record as JSON text (run.json; in memory its
   * {@code outputs} is empty), warnings, and the files written (none in memory).
   */
  public record Computed(List<ScenarioRunner.VariantResult> variants, String record, List<String> warnings,
      List<Path> files) {
    public Computed {
      variants = List.copyOf(variants);
      warnings = List.copyOf(warnings);
      files = List.copyOf(files);
    }
  }

  /**
   * Runs a card. With {@code outDir} (not null) exactly as {@code effdyn run CARD --out DIR}
   * ({@link ScenarioRunner#run}); without, the same computation kept in memory: no file, no chart,
   * the same numbers. A study card ({@code dmf}, {@code sample-complexity}) writes its own tables and
   * needs {@code outDir}.
   *
   * @throws IllegalArgumentException for a study card without {@code outDir}, or threads &lt; 1
   */
  public static Computed run(Scenario s, String outDir, int threads) {
    ScenarioRunner.Options o = ScenarioRunner.Options.defaults().withThreads(threads);
    if (outDir != null) {
      ScenarioRunner.Result r = ScenarioRunner.run(s, o.withOutDir(Path.of(outDir)));
      return new Computed(r.variants(), json(r.record()), r.warnings(), r.files());
    }
    if (s.variants().get(0).model() instanceof Study<?>) {
      throw new IllegalArgumentException("model '" + s.factory().name()
          + "' is a study that writes its own tables: give an output directory");
    }
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    List<ScenarioRunner.VariantResult> results = new ArrayList<>();
    for (Scenario.Variant v : s.variants()) results.add(ScenarioRunner.runVariant(s, v, o, warnings));
    Map<String, Object> record = RunRecord.of(s, o, results, List.of(), started, RunRecord.sha256(s.file()),
        System.nanoTime() - t0, warnings);
    return new Computed(results, json(record), warnings, List.of());
  }

  /** One trajectory with its keys: (d, seed index) of an SGD run or of the limit from its start. */
  public record Keyed(int d, int seed, Trajectory trajectory) {}

  /** A variant's SGD runs, in the order of sgd.csv. */
  public static List<Keyed> sgd(ScenarioRunner.VariantResult v) {
    List<Keyed> out = new ArrayList<>();
    for (ScenarioRunner.SgdRun r : v.sgd()) out.add(new Keyed(r.d(), r.seedIndex(), r.trajectory()));
    return out;
  }

  /**
   * A variant's limits from the SGD runs' measured starts, in the order of limit-sgd.csv (seed -1 for
   * one limit per d, {@code limit_start: mean}); empty without them.
   */
  public static List<Keyed> limitSgd(ScenarioRunner.VariantResult v) {
    List<Keyed> out = new ArrayList<>();
    if (v.sgdLimits() == null) return out;
    for (SgdLimits.Block b : v.sgdLimits().blocks()) out.add(new Keyed(b.d(), b.seedIndex(), b.limit()));
    return out;
  }

  /** A trajectory's column names as in its CSV file: t, the state, the derived columns. */
  public static List<String> columns(Trajectory t) {
    List<String> c = new ArrayList<>();
    c.add("t");
    c.addAll(t.columnNames());
    return c;
  }

  /** A trajectory as rows {@code (t, state..., derived...)}, the numbers of its CSV file. */
  public static DoubleBuffer table(Trajectory t) {
    List<double[]> rows = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) rows.add(t.row(i));
    return buffer(rows, 1 + t.columnNames().size());
  }

  /** An ensemble summary's column names, those of ensemble.csv. */
  public static List<String> columns(EnsembleSummary s) {
    return Outputs.summaryHeader(s);
  }

  /** An ensemble summary as the rows of ensemble.csv. */
  public static DoubleBuffer table(EnsembleSummary s) {
    return buffer(Outputs.summaryRows(s), Outputs.summaryHeader(s).size());
  }

  /** Rows of equal length, one after the other, in a direct buffer of native byte order. */
  static DoubleBuffer buffer(List<double[]> rows, int width) {
    DoubleBuffer b = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(rows.size(), width), Double.BYTES))
        .order(ByteOrder.nativeOrder()).asDoubleBuffer();
    for (double[] r : rows) {
      if (r.length != width) throw new IllegalArgumentException("row of " + r.length + " values, expected " + width);
      b.put(r);
    }
    return b.flip();
  }

  /**
   * Sweeps a card as {@code effdyn sweep CARD --param AXIS ... --out outDir} (axes as
   * {@code NAME=a:b:n}); the summary is {@code outDir/summary.csv}.
   */
  public static Sweep.Result sweep(Scenario s, List<String> axes, String outDir, int threads) {
    List<Sweep.Axis> parsed = new ArrayList<>();
    for (String a : axes) parsed.add(Sweep.Axis.parse(a));
    return Sweep.run(s, parsed, new Sweep.Options(Path.of(outDir), threads, Progress.none()));
  }

  /** JSON text of maps, lists, strings, numbers and records (Jackson). */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
