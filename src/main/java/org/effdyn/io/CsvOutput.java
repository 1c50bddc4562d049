package org.effdyn.io;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.AtomicFiles;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.Ensemble;

/**
 * Long-format CSV files, one row per (run, time): key columns, then {@code t}, then the statistics
 * in layout order. Header names such as {@code Rperp[1,2]} contain commas; Jackson's CSV writer
 * quotes them. Written atomically.
 */
final class CsvOutput {
  private CsvOutput() {}

  /** {@code sgd.csv}: d, seed (the seed index j of stream(simulate.seed, i, j)), t, statistics. */
  static void writeSgd(Path file, List<ScenarioRunner.SgdRun> runs) {
    List<String> keys = List.of("d", "seed");
    List<Object[]> rows = new ArrayList<>();
    for (ScenarioRunner.SgdRun r : runs) rows(rows, new Object[] {r.d(), r.seedIndex()}, r.trajectory());
    write(file, keys, runs.get(0).trajectory().columnNames(), rows);
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
