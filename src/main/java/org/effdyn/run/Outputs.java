package org.effdyn.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.analysis.Branch;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.Stability;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.Ensemble;
import org.effdyn.solve.EnsembleSummary;

/**
 * The data files of runs: trajectories (CSV, JSON), ensemble summaries, bifurcation diagrams, and
 * long-format CSV files of many runs, one row per (run, time): key columns, then {@code t}, then
 * the statistics in layout order. Header names such as {@code Rperp[1,2]} contain commas; Jackson's
 * CSV writer quotes them. Every file is written atomically (temporary file + rename).
 */
public final class Outputs {
  private Outputs() {}

  /**
   * A column name as a CSV header cell: quoted when it holds a comma ({@code Q[1,2]}), as the
   * Jackson-written files quote it, for the files written by hand.
   */
  public static String csvCell(String name) {
    return name.contains(",") ? "\"" + name + "\"" : name;
  }

  /** A trajectory as CSV: header {@code t,<state names>,<derived names>}, one row per time. Atomic. */
  public static void writeCsv(Path file, Trajectory t) {
    CsvSchema.Builder sb = CsvSchema.builder().setUseHeader(true);
    sb.addColumn("t", CsvSchema.ColumnType.NUMBER);
    for (String n : t.columnNames()) sb.addColumn(n, CsvSchema.ColumnType.NUMBER);
    CsvSchema schema = sb.build();
    List<double[]> rows = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) rows.add(t.row(i));
    AtomicFiles.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
  }

  /** A trajectory as JSON: {@code {"columns": [...], "rows": [[t, ...], ...], "events": [...], "stats": ..., "provenance": ...}}. */
  public static void writeJson(Path file, Trajectory t) {
    Map<String, Object> doc = new LinkedHashMap<>();
    List<String> cols = new ArrayList<>();
    cols.add("t");
    cols.addAll(t.columnNames());
    doc.put("columns", cols);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) rows.add(t.row(i));
    doc.put("rows", rows);
    doc.put("events", t.events());
    doc.put("stats", t.stats());
    doc.put("provenance", t.provenance());
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.write(file, out -> om.writeValue(out, doc));
  }

  /** An ensemble summary as CSV: t, then for each column c: c_mean, c_std, c_q05, c_q25, c_q50, c_q75, c_q95. Atomic. */
  public static void writeCsv(Path file, EnsembleSummary s) {
    CsvSchema.Builder sb = CsvSchema.builder().setUseHeader(true);
    for (String c : summaryHeader(s)) sb.addColumn(c);
    CsvSchema schema = sb.build();
    List<double[]> rows = summaryRows(s);
    AtomicFiles.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
  }

  /** The header of {@code ensemble.csv}: t, then for each column c: c_mean, c_std, c_q05, c_q25, c_q50, c_q75, c_q95. */
  static List<String> summaryHeader(EnsembleSummary s) {
    List<String> h = new ArrayList<>();
    h.add("t");
    for (String c : s.columns()) {
      h.add(c + "_mean");
      h.add(c + "_std");
      for (double l : EnsembleSummary.LEVELS) h.add(c + "_q" + String.format("%02d", Math.round(l * 100)));
    }
    return h;
  }

  /** The rows of {@code ensemble.csv}, in the order of {@link #summaryHeader}. */
  static List<double[]> summaryRows(EnsembleSummary s) {
    double[] times = s.times();
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      double[] r = new double[1 + s.columns().size() * (2 + EnsembleSummary.LEVELS.length)];
      int k = 0;
      r[k++] = times[i];
      for (String c : s.columns()) {
        r[k++] = s.mean(i, c);
        r[k++] = s.std(i, c);
        for (double l : EnsembleSummary.LEVELS) r[k++] = s.quantile(i, c, l);
      }
      rows.add(r);
    }
    return rows;
  }

  /**
   * Bifurcation-diagram CSV, one row per point: {@code branch, PARAM, <statistics>, stability,
   * max_re, unstable, special}; located specials are rows of their own with {@code special} = fold or
   * branch-point. Several branches go in one file (branch = their index). Atomic.
   */
  public static void writeBranches(Path file, List<Branch> branches) {
    if (branches.isEmpty()) throw new IllegalArgumentException("no branches to write");
    Branch first = branches.get(0);
    CsvSchema.Builder sb = CsvSchema.builder().setUseHeader(true);
    sb.addColumn("branch", CsvSchema.ColumnType.NUMBER);
    sb.addColumn(first.parameter(), CsvSchema.ColumnType.NUMBER);
    for (String n : first.layout().names()) sb.addColumn(n, CsvSchema.ColumnType.NUMBER);
    sb.addColumn("stability").addColumn("max_re", CsvSchema.ColumnType.NUMBER)
        .addColumn("unstable", CsvSchema.ColumnType.NUMBER).addColumn("special");
    List<Object[]> rows = new ArrayList<>();
    for (int b = 0; b < branches.size(); b++) {
      Branch br = branches.get(b);
      for (Continuation.Point p : br.points()) rows.add(branchRow(b, p.parameter(), p.state(), p.stability(), ""));
      for (Continuation.Special s : br.specials()) rows.add(branchRow(b, s.parameter(), s.state(), s.stability(), s.kind().key()));
    }
    CsvSchema schema = sb.build();
    AtomicFiles.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
  }

  private static Object[] branchRow(int branch, double p, double[] u, Stability st, String special) {
    Object[] r = new Object[6 + u.length];
    int k = 0;
    r[k++] = branch;
    r[k++] = p;
    for (double x : u) r[k++] = x;
    r[k++] = st.kind().key();
    r[k++] = st.maxRealPart();
    r[k++] = st.unstableCount();
    r[k] = special;
    return r;
  }


  /** {@code sgd.csv}: d, seed (the seed index j of stream(simulate.seed, i, j)), t, statistics. */
  static void writeSgd(Path file, List<ScenarioRunner.SgdRun> runs) {
    List<String> keys = List.of("d", "seed");
    List<Object[]> rows = new ArrayList<>();
    for (ScenarioRunner.SgdRun r : runs) rows(rows, new Object[] {r.d(), r.seedIndex()}, r.trajectory());
    write(file, keys, runs.get(0).trajectory().columnNames(), rows);
  }

  /**
   * {@code limit-sgd.csv}: the limits from the SGD runs' measured starts, long format like sgd.csv:
   * d, seed (the SGD run's seed index), t, statistics, derived columns; for limits from the mean start
   * of each d, d, t, statistics, derived columns.
   */
  static void writeLimitSgd(Path file, SgdLimits limits) {
    boolean perRun = limits.mode() != org.effdyn.card.Scenario.LimitStart.MEAN;
    List<Object[]> rows = new ArrayList<>();
    for (SgdLimits.Block b : limits.blocks()) {
      rows(rows, perRun ? new Object[] {b.d(), b.seedIndex()} : new Object[] {b.d()}, b.limit());
    }
    write(file, perRun ? List.of("d", "seed") : List.of("d"), limits.blocks().get(0).limit().columnNames(), rows);
  }

  /** {@code paths.csv}: path (the ensemble index i of stream(sde.seed, i)), t, statistics; the first {@code max} successful paths. */
  static void writePaths(Path file, Ensemble.Result ensemble, int max) {
    List<Object[]> rows = new ArrayList<>();
    List<String> cols = null;
    int n = 0;
    for (Ensemble.Outcome o : ensemble.outcomes()) {
      if (!o.ok()) continue;
      if (n++ >= max) break;
      cols = o.trajectory().columnNames();
      rows(rows, new Object[] {o.path()}, o.trajectory());
    }
    write(file, List.of("path"), cols, rows);
  }

  private static void rows(List<Object[]> rows, Object[] key, Trajectory t) {
    List<String> cols = t.columnNames();
    double[][] c = new double[cols.size()][];
    for (int j = 0; j < c.length; j++) c[j] = t.column(cols.get(j));
    for (int i = 0; i < t.size(); i++) {
      Object[] row = new Object[key.length + 1 + c.length];
      System.arraycopy(key, 0, row, 0, key.length);
      row[key.length] = t.time(i);
      for (int j = 0; j < c.length; j++) row[key.length + 1 + j] = c[j][i];
      rows.add(row);
    }
  }

  private static void write(Path file, List<String> keys, List<String> stats, List<Object[]> rows) {
    CsvSchema.Builder sb = CsvSchema.builder().setUseHeader(true);
    for (String k : keys) sb.addColumn(k, CsvSchema.ColumnType.NUMBER);
    sb.addColumn("t", CsvSchema.ColumnType.NUMBER);
    for (String n : stats) sb.addColumn(n, CsvSchema.ColumnType.NUMBER);
    CsvSchema schema = sb.build();
    AtomicFiles.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
  }
}
