package org.effdyn.card;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;

/**
 * Reads explicit statistics by layout name, as a card's {@code init} and {@code simulate.plant} give
 * them: a coordinate with a number ({@code m: 0.3}, {@code Rperp[1,2]: 0.1}) or a whole block
 * ({@code v: [1, 1]}, {@code Q: [[1, 0], [0, 1]]}). Returns the values by coordinate name.
 */
final class StatisticsReader {
  private StatisticsReader() {}

  /**
   * @param skip   keys of the section that are not statistics ({@code seed})
   * @param model  the model's name, for messages
   */
  static Map<String, Double> read(CardSection s, StateLayout layout, Set<String> skip, String model, Regime regime) {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (String key : s.keys()) {
      if (skip.contains(key)) continue;
      CardValue v = s.get(key);
      Map<String, Double> vals = new LinkedHashMap<>();
      if (layout.contains(key)) {
        vals.put(layout.name(layout.indexOf(key)), v.finite());
      } else if (layout.hasBlock(key)) {
        vals.putAll(block(layout.block(key), layout, v));
      } else {
        List<String> known = new ArrayList<>(layout.names());
        for (StateLayout.Block b : layout.blocks()) {
          if (b.kind() != StateLayout.Kind.SCALAR) known.add(b.name() + " (whole block)");
        }
        known.addAll(skip);
        throw s.error(key, "unknown statistic '" + key + "' for model '" + model + "' (" + regime.key()
            + "); known: " + String.join(", ", known) + CardSection.suggestion(key, known));
      }
      for (Map.Entry<String, Double> e : vals.entrySet()) {
        String prev = from.put(e.getKey(), key);
        if (prev != null) throw s.error(key, e.getKey() + " is already given by '" + prev + "'");
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** A whole block: a list of numbers (vector) or of rows (matrix; a symmetric one must be symmetric). */
  private static Map<String, Double> block(StateLayout.Block b, StateLayout layout, CardValue v) {
    Map<String, Double> vals = new LinkedHashMap<>();
    if (b.kind() == StateLayout.Kind.VECTOR) {
      List<CardValue> a = v.items();
      if (a.size() != b.rows()) throw v.error("must be a list of " + b.rows() + " numbers, got " + a.size());
      for (int i = 0; i < b.rows(); i++) vals.put(layout.name(b.index(i, 0)), a.get(i).finite());
      return vals;
    }
    boolean symmetric = b.kind() == StateLayout.Kind.SYMMETRIC;
    int rows = b.rows();
    int cols = symmetric ? b.rows() : b.cols();
    List<CardValue> a = v.items();
    String shape = "a " + rows + "x" + cols + " matrix (a list of " + rows + " rows of " + cols + " numbers)";
    if (a.size() != rows) throw v.error("must be " + shape + ", got " + a.size() + " rows");
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      List<CardValue> r = a.get(i).items();
      if (r.size() != cols) throw a.get(i).error("must be " + shape + ", got a row of " + r.size());
      for (int j = 0; j < cols; j++) m[i][j] = r.get(j).finite();
    }
    for (int i = 0; i < rows; i++) {
      for (int j = symmetric ? i : 0; j < cols; j++) {
        if (symmetric) {
          double tol = 1e-12 * Math.max(1, Math.max(Math.abs(m[i][j]), Math.abs(m[j][i])));
          if (Math.abs(m[i][j] - m[j][i]) > tol) {
            throw v.error("must be symmetric, but [" + (i + 1) + "," + (j + 1) + "]=" + m[i][j] + " and ["
                + (j + 1) + "," + (i + 1) + "]=" + m[j][i]);
          }
        }
        vals.put(layout.name(b.index(i, j)), m[i][j]);
      }
    }
    return vals;
  }
}
