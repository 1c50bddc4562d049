package org.effdyn.run;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.analysis.Parallel;
import org.effdyn.card.ChartSpec;
import org.effdyn.card.ParamSpec;
import org.effdyn.card.Scenario;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.EnsembleSummary;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A parameter sweep of a scenario card: the card run at every point of a grid of parameter values
 * (the Cartesian product of the axes, the first axis varying slowest), variants in parallel on
 * {@code threads} workers. Variant i is computed from the card and its parameters alone (its
 * randomness from the card's seeds, as {@link ScenarioRunner} draws it), so the results do not
 * depend on the thread count. No SGD overlay is run.
 *
 * <p>Each variant writes one CSV, {@code variants/NNN_NAME=VALUE[_NAME=VALUE].csv}, atomically, with
 * one row: the parameters, the final time, the final state (ballistic: the limit's; diffusive: the
 * ensemble mean, then its std), the first time of each card event (empty if it did not happen), and the
 * fixed point Newton reaches from the final state with its classification (ballistic), and beside it
 * {@code variants/NNN_NAME=VALUE[_NAME=VALUE].json}, its {@link PointKey key}: a hash of the card after
 * the point's overrides, the parameters, the seeds and the code version. Re-running (resuming) keeps a
 * variant whose CSV exists and whose key file holds the key this run would give it, and recomputes
 * every other one: no file, no key file, or a different key (the card, a seed or the code changed). A
 * stale pair is removed before the point is recomputed, and the key file is written after the CSV, so
 * a process killed at any moment leaves no CSV with a matching key that this run did not compute. A
 * variant that fails is reported with its parameters and does not stop the others; it writes no
 * file, so the next run retries it. Then
 * {@code summary.csv} (all rows in index order, with {@code status} ok, kept or failed, and {@code error}) and
 * {@code summary.png}, {@code .svg}, {@code .pdf} (as the card's {@code chart.formats} asks; final state
 * and fixed point against the first axis, one series per value of the other axes; {@code chart.columns},
 * {@code log_x}, {@code log_y}, {@code cols}, {@code title}, {@code style} and the panel size apply).
 */
public final class Sweep {
  private static final Pattern AXIS = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=([^:]+):([^:]+):([^:]+)");

  private Sweep() {}

  /** One swept parameter: n values from a to b, evenly spaced, ends included (n = 1: just a). */
  public record Axis(String name, double from, double to, int count) {
    public Axis {
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("--param: parameter name missing");
      if (!Double.isFinite(from) || !Double.isFinite(to)) {
        throw new IllegalArgumentException("--param " + name + ": range ends must be finite, got " + from + ":" + to);
      }
      if (count < 1) throw new IllegalArgumentException("--param " + name + ": number of values must be >= 1, got " + count);
      if (count > 1 && from == to) {
        throw new IllegalArgumentException("--param " + name + ": a = b = " + from + " with n = " + count
            + " > 1 would repeat one value; give n = 1 or two different ends");
      }
    }

    /** Parses {@code NAME=a:b:n}. */
    public static Axis parse(String spec) {
      Matcher m = AXIS.matcher(spec.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("--param: expected NAME=a:b:n (e.g. lambda=0.5:2:16), got '" + spec + "'");
      }
      double a = number(m.group(2), spec);
      double b = number(m.group(3), spec);
      int n;
      try {
        n = Integer.parseInt(m.group(4).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--param " + m.group(1) + ": n must be an integer, got '" + m.group(4) + "'");
      }
      return new Axis(m.group(1), a, b, n);
    }

    private static double number(String s, String spec) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--param: '" + s + "' is not a number in '" + spec + "'");
      }
    }

    /** Value i: a + i (b - a)/(n - 1), by index (no accumulated rounding); the last is exactly b. */
    public double value(int i) {
      if (count == 1) return from;
      return i == count - 1 ? to : from + i * ((to - from) / (count - 1));
    }
  }

  /** Output directory, worker threads, progress. */
  public record Options(Path outDir, int threads, Progress progress) {
    public Options {
      if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      if (progress == null) progress = Progress.none();
    }
  }

  /**
   * One variant's outcome: its index, parameters, file, whether it was skipped (kept: its file had
   * this run's key), whether a file with another key or without one was there (recomputed), and the
   * error if it failed.
   */
  public record Outcome(int index, Map<String, Double> params, Path file, boolean skipped, boolean recomputed, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * The sweep's outcomes in index order and the summary files: the CSV and the charts
   * ({@code summary.png}, {@code .svg}, {@code .pdf} as the card's {@code chart.formats} asks).
   */
  public record Result(Path dir, List<Outcome> outcomes, Path summaryCsv, List<Path> charts) {
    public Result {
      charts = List.copyOf(charts);
    }

    /** The first chart file (the PNG unless chart.formats leaves it out). */
    public Path chart() {
      return charts.get(0);
    }

    public int failures() {
      int n = 0;
      for (Outcome o : outcomes) if (!o.ok()) n++;
      return n;
    }

    public int skipped() {
      int n = 0;
      for (Outcome o : outcomes) if (o.skipped()) n++;
      return n;
    }

    /** Variants that had a file with another key or without one and were computed again (failed ones not counted). */
    public int recomputed() {
      int n = 0;
      for (Outcome o : outcomes) if (o.recomputed() && o.ok()) n++;
      return n;
    }

    /** Variants computed for the first time: no file was there (failed ones not counted). */
    public int computed() {
      return outcomes.size() - skipped() - recomputed() - failures();
    }
  }

  /**
   * Runs the sweep; see the class comment.
   *
   * @throws IllegalArgumentException for an axis naming a parameter the model does not have, a card
   *     with variants, or an axis listed twice (before anything runs)
   */
  public static Result run(Scenario s, List<Axis> axes, Options o) {
    if (axes.isEmpty()) throw new IllegalArgumentException("sweep: give at least one --param NAME=a:b:n");
    ChartSupport.require("chart", s.chart().needsVectorGraphics());   // summary charts, before anything runs
    List<String> known = new ArrayList<>();
    for (ParamSpec p : s.factory().parameters()) known.add(p.name());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Axis a : axes) {
      if (!known.contains(a.name())) {
        throw new IllegalArgumentException("--param " + a.name() + ": model '" + s.factory().name()
            + "' has no parameter '" + a.name() + "'; known: " + String.join(", ", known));
      }
      if (!seen.add(a.name())) throw new IllegalArgumentException("--param " + a.name() + ": given twice");
    }
    if (s.hasVariants()) s.withParams(Map.of(), null, false); // throws the explanation
    long total = 1;
    for (Axis a : axes) {
      total *= a.count();
      if (total > 1_000_000) throw new IllegalArgumentException("--param: more than 10^6 variants");
    }
    int n = (int) total;
    Path dir = o.outDir();
    Path vdir = dir.resolve("variants");
    StateLayout layout = s.variants().get(0).model().initialLaw(s.regime()).layout();
    List<String> header = header(s, axes, layout);

    boolean existed = Files.isDirectory(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    try (OutputLock lock = OutputLock.acquire(dir, dir.toString())) {
      return runLocked(s, axes, o, n, dir, vdir, layout, header);
    } finally {
      if (!existed) {
        try {
          Files.deleteIfExists(dir);   // only if the sweep wrote nothing
        } catch (IOException ignored) {
          // not empty: it has results
        }
      }
    }
  }

  private static Result runLocked(Scenario s, List<Axis> axes, Options o, int n, Path dir, Path vdir, StateLayout layout,
      List<String> header) {
    List<Outcome> outcomes;
    PointKey keys = new PointKey(s);
    try (Progress.Ticker t = o.progress().start(s.name() + ": sweep", n)) {
      outcomes = Parallel.map(n, o.threads(), i -> {
        Map<String, Double> params = point(axes, i);
        String name = fileName(i, n, params);
        Path file = vdir.resolve(name);
        Path keyFile = vdir.resolve(name.substring(0, name.length() - ".csv".length()) + ".json");
        String key = keys.of(params);
        boolean csvThere = Files.exists(file);
        if (csvThere && key.equals(storedKey(keyFile))) return new Outcome(i, params, file, true, false, null);
        boolean stale = csvThere || Files.exists(keyFile);
        try {
          if (stale) {   // the key file first: a kill in between leaves a CSV without a key, recomputed next time
            Files.deleteIfExists(keyFile);
            Files.deleteIfExists(file);
          }
          Scenario one = s.withParams(params, null, false);
          Object[] row = row(one, i, params, layout, s.regime());
          writeRows(file, header, List.<Object[]>of(row));
          AtomicFiles.writeString(keyFile, PointKey.sidecar(key));
          return new Outcome(i, params, file, false, csvThere, null);
        } catch (IOException e) {
          return new Outcome(i, params, file, false, csvThere, "cannot remove the stale " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
          String msg = e.getMessage() == null ? e.toString() : e.getMessage();
          return new Outcome(i, params, file, false, csvThere, msg.replaceAll("\\s*\\R\\s*", " "));
        }
      }, t::step);
    }

    List<Object[]> rows = new ArrayList<>();
    List<String> summaryHeader = new ArrayList<>(header);
    summaryHeader.add("status");
    summaryHeader.add("error");
    for (Outcome out : outcomes) {
      Object[] r;
      if (out.ok()) {
        Object[] stored = readRow(out.file(), header.size());
        r = java.util.Arrays.copyOf(stored, header.size() + 2);
        r[header.size()] = out.skipped() ? "kept" : "ok";
        r[header.size() + 1] = "";
      } else {
        r = new Object[header.size() + 2];
        java.util.Arrays.fill(r, "");
        r[0] = out.index();
        int k = 1;
        for (Axis a : axes) r[k++] = out.params().get(a.name());
        r[header.size()] = "failed";
        r[header.size() + 1] = out.error();
      }
      rows.add(r);
    }
    Path summary = dir.resolve("summary.csv");
    writeRows(summary, summaryHeader, rows);
    List<Path> charts = chart(dir, s, axes, layout, summaryHeader, rows);
    return new Result(dir, outcomes, summary, charts);
  }

  /**
   * The cost of the whole sweep ({@link CostEstimate#ofPoints}): every grid point's card, as the
   * sweep runs it (no SGD); a point whose parameters are invalid is left out (the sweep reports it).
   */
  public static CostEstimate estimate(Scenario s, List<Axis> axes) {
    long total = 1;
    for (Axis a : axes) total = Math.min(total * a.count(), 1_000_001);
    List<Scenario> points = new ArrayList<>();
    for (int i = 0; i < total && !s.hasVariants() && !axes.isEmpty(); i++) {
      try {
        points.add(s.withParams(point(axes, i), null, false));
      } catch (IllegalArgumentException e) {
        // reported by run
      }
    }
    return points.isEmpty() ? CostEstimate.of(s) : CostEstimate.ofPoints(points);
  }

  /** Parameters of grid point i (first axis slowest). */
  static Map<String, Double> point(List<Axis> axes, int i) {
    int[] idx = new int[axes.size()];
    int rest = i;
    for (int a = axes.size() - 1; a >= 0; a--) {
      idx[a] = rest % axes.get(a).count();
      rest /= axes.get(a).count();
    }
    Map<String, Double> p = new LinkedHashMap<>();
    for (int a = 0; a < axes.size(); a++) p.put(axes.get(a).name(), axes.get(a).value(idx[a]));
    return p;
  }

  static String fileName(int i, int n, Map<String, Double> params) {
    int width = Math.max(3, String.valueOf(n - 1).length());
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%0" + width + "d", i));
    for (Map.Entry<String, Double> e : params.entrySet()) b.append('_').append(e.getKey()).append('=').append(RunSummary.num(e.getValue()));
    return b.append(".csv").toString();
  }

  private static List<String> header(Scenario s, List<Axis> axes, StateLayout layout) {
    List<String> h = new ArrayList<>();
    h.add("index");
    for (Axis a : axes) h.add(a.name());
    h.add("t_end");
    for (String name : layout.names()) h.add("end_" + name);
    if (s.regime() == Regime.DIFFUSIVE) {
      for (String name : layout.names()) h.add("std_" + name);
    } else {
      for (org.effdyn.solve.Event e : s.events()) h.add("event_" + e.name());
      for (String name : layout.names()) h.add("fp_" + name);
      h.add("fp_stability");
      h.add("fp_max_re");
      h.add("fp_residual");
    }
    return h;
  }

  private static Object[] row(Scenario one, int index, Map<String, Double> params, StateLayout layout, Regime regime) {
    ScenarioRunner.VariantResult r = ScenarioRunner.runVariant(one, one.variants().get(0),
        ScenarioRunner.Options.defaults().withThreads(1), new ArrayList<>());
    List<Object> row = new ArrayList<>();
    row.add(index);
    row.addAll(params.values());
    if (regime == Regime.DIFFUSIVE) {
      EnsembleSummary e = r.summary();
      int last = e.times().length - 1;
      row.add(e.times()[last]);
      for (String name : layout.names()) row.add(e.mean(last, name));
      for (String name : layout.names()) row.add(e.std(last, name));
    } else {
      Trajectory t = r.limit();
      row.add(t.time(t.size() - 1));
      for (double x : t.finalState()) row.add(x);
      for (org.effdyn.solve.Event ev : one.events()) {
        Object when = "";
        for (Trajectory.EventRecord rec : t.events()) {
          if (rec.name().equals(ev.name())) {
            when = rec.t();
            break;
          }
        }
        row.add(when);
      }
      Optional<FixedPoint> fp = RunSummary.reached(one.variants().get(0).model().limit(regime), t.finalState());
      for (int i = 0; i < layout.size(); i++) row.add(fp.isPresent() ? fp.get().get(i) : "");
      row.add(fp.map(p -> p.kind().key()).orElse("none"));
      row.add(fp.isPresent() ? fp.get().stability().maxRealPart() : "");
      row.add(fp.isPresent() ? fp.get().residual() : "");
    }
    return row.toArray();
  }

  private static void writeRows(Path file, List<String> header, List<Object[]> rows) {
    CsvSchema.Builder sb = CsvSchema.builder().setUseHeader(true);
    for (String h : header) sb.addColumn(h);
    CsvSchema schema = sb.build();
    AtomicFiles.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
  }

  /** The key a variant's key file holds, or null if it is missing or unreadable. */
  private static String storedKey(Path keyFile) {
    try {
      return Files.isRegularFile(keyFile) ? PointKey.read(Files.readString(keyFile)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The single data row of a variant file, as strings (numbers re-parse exactly: Jackson writes shortest round-trip forms). */
  private static Object[] readRow(Path file, int width) {
    try (MappingIterator<String[]> it = new CsvMapper().enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(String[].class).readValues(file.toFile())) {
      List<String[]> all = it.readAll();
      if (all.size() < 2 || all.get(1).length != width) {
        throw new IllegalStateException("sweep: " + file + " is not a variant file of this sweep (expected "
            + width + " columns); delete it to recompute");
      }
      return all.get(1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * summary.png / .svg / .pdf as {@code chart.formats} asks: per statistic (the card's
   * {@code chart.columns} that are statistics, else the first six), its final value and the fixed point
   * reached against the first axis, one colour per value of the other axes; {@code chart.log_x} puts
   * the parameter on a log axis, {@code chart.log_y} the statistic. Returns the files in format order.
   */
  private static List<Path> chart(Path dir, Scenario s, List<Axis> axes, StateLayout layout, List<String> header, List<Object[]> rows) {
    ChartSpec spec = s.chart();
    Axis x = axes.get(0);
    List<XYChart> panels = new ArrayList<>();
    List<String> stats = new ArrayList<>();
    if (spec.columns() != null) {
      for (String c : spec.columns()) if (layout.contains(c)) stats.add(c);
    }
    if (stats.isEmpty()) stats = layout.names().size() > 6 ? layout.names().subList(0, 6) : layout.names();
    int[] size = Charts.panelSize(spec, 560, 460, 420, 340);
    boolean paper = spec.style() == ChartSpec.Style.PAPER;
    // the first axis varies slowest: for one value of the other axes (group g) its rows are g, g + groups, ...
    int groups = rows.size() / x.count();
    for (String stat : stats) {
      XYChart c = ChartFiles.chart(paper ? null : stat + " vs " + x.name(), x.name(), stat, size[0], size[1], spec.style());
      List<double[]> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (String col : List.of("end_" + stat, "fp_" + stat)) {
        int j = header.indexOf(col);
        if (j < 0) continue;
        double[][] xy = column(rows, 1, j, 0, 1);
        xs.add(xy[0]);
        ys.add(xy[1]);
      }
      boolean logX = spec.logX() != null && spec.logX().appliesTo(stat);
      PlotSeries p = new PlotSeries(c, spec.style(), logX, spec.logY().appliesTo(stat), Double.NEGATIVE_INFINITY,
          PlotSeries.concat(xs), PlotSeries.concat(ys));
      for (String col : List.of("end_" + stat, "fp_" + stat)) {
        int j = header.indexOf(col);
        if (j < 0) continue;
        for (int g = 0; g < groups; g++) {
          String label = col.startsWith("end_") ? "final state" : "fixed point reached";
          if (axes.size() > 1) {
            StringBuilder b = new StringBuilder();
            for (int a = 1; a < axes.size(); a++) b.append(' ').append(axes.get(a).name()).append('=').append(rows.get(g)[1 + a]);
            label += b;
          }
          double[][] xy = column(rows, 1, j, g, groups);
          Color color = ChartFiles.PALETTE[g % ChartFiles.PALETTE.length];
          if (col.startsWith("end_")) {
            p.line(label, xy[0], xy[1], color, SeriesLines.SOLID, true);
            p.markers(label + " (points)", xy[0], xy[1], color, SeriesMarkers.CIRCLE, false);
          } else {
            p.markers(label, xy[0], xy[1], color, SeriesMarkers.DIAMOND, true);
          }
        }
      }
      ChartFiles.spaceTicksByHint(c);
      panels.add(c);
    }
    String title = spec.title() != null ? spec.title() : paper ? null : s.name() + ": sweep over " + x.name();
    List<Path> files = new ArrayList<>();
    for (ChartSpec.Format f : spec.formats()) {
      Path file = dir.resolve("summary." + f.extension());
      ChartFiles.write(file, f, panels, Charts.cols(spec, panels.size()), title, spec.style());
      files.add(file);
    }
    return files;
  }

  /** Columns xc and yc of rows from, from + step, ... as numbers (NaN where empty or not a number). */
  private static double[][] column(List<Object[]> rows, int xc, int yc, int from, int step) {
    List<double[]> pts = new ArrayList<>();
    for (int i = from; i < rows.size(); i += step) {
      Double v = parse(rows.get(i)[yc]);
      Double xv = parse(rows.get(i)[xc]);
      pts.add(new double[] {xv == null ? Double.NaN : xv, v == null ? Double.NaN : v});
    }
    double[][] out = new double[2][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      out[0][i] = pts.get(i)[0];
      out[1][i] = pts.get(i)[1];
    }
    return out;
  }

  private static Double parse(Object o) {
    if (o instanceof Number n) return n.doubleValue();
    if (o instanceof String str && !str.isEmpty()) {
      try {
        double d = Double.parseDouble(str);
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
