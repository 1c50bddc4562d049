package org.effdyn.model.xor;

import java.util.List;
import java.util.Locale;

/**
 * The fixed-point sets of the λ = ∞ XOR flow for one K and β ({@link XorOracles#report}): L_β, the number
 * of connected components (closed form, and brute force for K ≤ 7), one row per class of components with
 * its stability by the flow, and the number of stable components.
 *
 * @param bruteForce null when K &gt; 7
 */
public record FixedPointReport(int k, double beta, double lbeta, XorOracles.Counts closedForm,
    XorOracles.Counts bruteForce, List<Row> rows, int stableComponents) {

  /**
   * A class of components sharing the occupied set S of its representative.
   *
   * @param points   labelled components it stands for (K! isolated points when |S| = K, else 1)
   * @param isolated true for isolated points (|S| = K)
   * @param stable   the flow from perturbed representatives keeps S
   */
  public record Row(XorOracles.Partition representative, int points, boolean isolated, boolean stable) {}

  public FixedPointReport {
    rows = List.copyOf(rows);
  }

  /** Markdown: a summary line, then a table of component classes. */
  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# XOR fixed points, lambda = inf, K = %d, beta = %s%n%n", k, beta));
    b.append(String.format(Locale.ROOT, "L_beta = log((1-4 beta)/(4 beta)) = %.6f (sum of v_i^2 over each occupied class)%n%n", lbeta));
    b.append(String.format(Locale.ROOT, "connected components: %d (%d covering all four classes)", closedForm.components(),
        closedForm.covering()));
    if (bruteForce != null) {
      b.append(String.format(Locale.ROOT, "; brute force over 5^K assignments: %d (%d)", bruteForce.components(),
          bruteForce.covering()));
    }
    b.append(String.format(Locale.ROOT, "%nstable components (flow from perturbed points): %d%n%n", stableComponents));
    b.append("| occupied classes | representative (class sizes) | components | kind | stable |\n");
    b.append("|---|---|---|---|---|\n");
    for (Row r : rows) {
      int occ = r.representative().occupied();
      StringBuilder s = new StringBuilder();
      for (int c = 1; c < 5; c++) if ((occ & (1 << (c - 1))) != 0) s.append(s.length() == 0 ? "" : " ").append(XorOracles.CLASSES.get(c));
      b.append("| ").append(s.length() == 0 ? "none" : s).append(" | ").append(r.representative()).append(" | ")
          .append(r.points()).append(" | ").append(occ == 0 ? "the origin" : r.isolated() ? "isolated points" : "continuum").append(" | ")
          .append(r.stable() ? "yes" : "no").append(" |\n");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return toMarkdown();
  }
}
