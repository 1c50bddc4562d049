package org.effdyn.analysis;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.AtomicFiles;
import org.effdyn.core.StateLayout;

/**
 * A traced fixed-point branch: its points in arclength order, the folds and branch points located on
 * it, and why tracing ended.
 */
public record Branch(String parameter, StateLayout layout, List<Continuation.Point> points,
    List<Continuation.Special> specials, Continuation.End end) {
  public Branch {
    points = List.copyOf(points);
    specials = List.copyOf(specials);
  }

  /** Specials of one kind, in the order met. */
  public List<Continuation.Special> specials(Continuation.SpecialKind kind) {
    List<Continuation.Special> out = new ArrayList<>();
    for (Continuation.Special s : specials) if (s.kind() == kind) out.add(s);
    return out;
  }

  /**
   * Bifurcation-diagram CSV, one row per point: {@code branch, PARAM, <statistics>, stability,
   * max_re, unstable, special}; located specials are rows of their own with {@code special} = fold or
   * branch-point. Several branches go in one file (branch = their index). Atomic.
   */
  public static void writeCsv(Path file, List<Branch> branches) {
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
      for (Continuation.Point p : br.points()) rows.add(row(b, p.parameter(), p.state(), p.stability(), ""));
      for (Continuation.Special s : br.specials()) rows.add(row(b, s.parameter(), s.state(), s.stability(), s.kind().key()));
    }
    CsvSchema schema = sb.build();
    AtomicFiles.write(file, out -> new CsvMapper().writer(schema).writeValues(out).writeAll(rows).close());
  }

  private static Object[] row(int branch, double p, double[] u, Stability st, String special) {
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
}
