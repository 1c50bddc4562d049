package org.effdyn.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;

/**
 * The regions of a two-parameter plane (p, q) between its bifurcation curves, each labelled by the number
 * of stable and unstable equilibria inside it. The box [pMin, pMax] × [qMin, qMax] is cut into a grid of
 * cells; at each cell's centre the equilibria are found by {@link FixedPointFinder#search} from the given
 * starts and counted by kind (stable: every Re μ &lt; 0; unstable: some Re μ &gt; 0; non-hyperbolic: the
 * rest, e.g. a degenerate root). Cells with equal counts that touch (4-neighbours) form a region: the counts
 * change only across a fold, branch-point or Hopf curve, so the regions are those the curves bound, to
 * within a cell. Each region is labelled at its cell farthest from any other region (q distances counted a third:
 * a label is wide), a sample point inside it; a region of fewer than {@code minCells} cells (a sliver along a curve) is dropped.
 * Nothing is assumed about the model: the counts are computed.
 */
public final class EquilibriumRegions {
  private EquilibriumRegions() {}

  /** A region: its counts, the sample point (p, q) where its label goes, and its size in cells. */
  public record Region(int stable, int unstable, int nonHyperbolic, double p, double q, int cells) {
    /** "2 stable, 1 unstable" (", 1 non-hyperbolic" when there is one). */
    public String label() {
      return stable + " stable, " + unstable + " unstable" + (nonHyperbolic > 0 ? ", " + nonHyperbolic + " non-hyperbolic" : "");
    }
  }

  /**
   * The regions of the box, found on a {@code cellsP} × {@code cellsQ} grid (see the class comment).
   *
   * @throws IllegalArgumentException for an empty box or fewer than 2 cells along an axis
   */
  public static List<Region> of(FoldCurves.Family2 family, FixedPointFinder finder, List<double[]> starts, double pMin,
      double pMax, double qMin, double qMax, int cellsP, int cellsQ, int minCells) {
    Check.atLeast("cells_p", cellsP, 2);
    Check.atLeast("cells_q", cellsQ, 2);
    if (!(pMin < pMax) || !(qMin < qMax)) throw new IllegalArgumentException("empty box: p " + pMin + ":" + pMax + ", q " + qMin + ":" + qMax);
    int[][] sig = new int[cellsP * cellsQ][];
    for (int i = 0; i < cellsP; i++) {
      for (int j = 0; j < cellsQ; j++) {
        Dynamics d = family.at(centre(pMin, pMax, cellsP, i), centre(qMin, qMax, cellsQ, j));
        int[] c = new int[3];
        for (FixedPoint fp : finder.search(d, starts).points()) {
          Stability st = fp.stability();
          if (st.kind().attracting()) c[0]++;
          else if (st.unstableCount() > 0) c[1]++;
          else c[2]++;
        }
        sig[i * cellsQ + j] = c;
      }
    }
    int[] region = new int[sig.length];
    Arrays.fill(region, -1);
    List<Region> out = new ArrayList<>();
    int label = 0;
    for (int s = 0; s < sig.length; s++) {
      if (region[s] >= 0) continue;
      List<Integer> members = new ArrayList<>();
      ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(s));
      region[s] = label;
      while (!queue.isEmpty()) {
        int x = queue.poll();
        members.add(x);
        for (int y : neighbours(x, cellsP, cellsQ)) {
          if (region[y] < 0 && Arrays.equals(sig[y], sig[s])) {
            region[y] = label;
            queue.add(y);
          }
        }
      }
      if (members.size() >= minCells) {
        int best = deepest(members, region, label, cellsP, cellsQ);
        int i = best / cellsQ, j = best % cellsQ;
        out.add(new Region(sig[s][0], sig[s][1], sig[s][2], centre(pMin, pMax, cellsP, i), centre(qMin, qMax, cellsQ, j), members.size()));
      }
      label++;
    }
    return out;
  }

  private static double centre(double lo, double hi, int cells, int i) {
    return lo + (hi - lo) * (i + 0.5) / cells;
  }

  private static List<Integer> neighbours(int x, int np, int nq) {
    int i = x / nq, j = x % nq;
    List<Integer> out = new ArrayList<>(4);
    if (i > 0) out.add(x - nq);
    if (i < np - 1) out.add(x + nq);
    if (j > 0) out.add(x - 1);
    if (j < nq - 1) out.add(x + 1);
    return out;
  }

  /**
   * The member farthest from every cell of another region and from the box's edge, in the distance
   * max(|Δi|, |Δj| / 3) (i along p, j along q): a label runs along q and is about three times wider than
   * tall. Ties: the first.
   */
  private static int deepest(List<Integer> members, int[] region, int label, int np, int nq) {
    int best = members.get(0);
    double bestDepth = -1;
    for (int x : members) {
      int i = x / nq, j = x % nq;
      double depth = Math.min(Math.min(i + 1, np - i), Math.min(j + 1, nq - j) / 3.0);
      for (int y = 0; y < region.length && depth > bestDepth; y++) {
        if (region[y] == label) continue;
        depth = Math.min(depth, Math.max(Math.abs(y / nq - i), Math.abs(y % nq - j) / 3.0));
      }
      if (depth > bestDepth) {
        bestDepth = depth;
        best = x;
      }
    }
    return best;
  }
}
