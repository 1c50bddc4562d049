package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;

/**
 * Deflated Newton (Farrell, Birkisson, Funke, "Deflation techniques for finding distinct solutions of
 * nonlinear partial differential equations", SIAM J. Sci. Comput. 37, 2015, arXiv:1410.5620): once roots
 * r₁ … r_m of h are known, Newton is run on
 * \[ G(u) = M(u)\,h(u), \qquad M(u) = \prod_{j} \Big(\frac{1}{\|u - r_j\|^{p}} + \sigma\Big), \]
 * which has the same roots except the r_j (G does not vanish as u → r_j). Its Newton step is the Newton
 * step δ_h = −J⁻¹h of h rescaled (their eq. (3.4), by Sherman–Morrison):
 * \[ \delta_G = \frac{\delta_h}{1 - \nabla\log M(u)\cdot\delta_h}, \qquad
 *    \nabla\log M = \sum_j \frac{-p\,(u - r_j)/\|u - r_j\|^{p+2}}{\|u - r_j\|^{-p} + \sigma}, \]
 * so each step costs one Jacobian and one QR solve, as plain Newton does. p = 2, σ = 1 (their defaults).
 * Steps are full (halved only where the drift is undefined), as in their experiments.
 * From each start, deflated Newton is run again after every new root, until it fails: one start can
 * yield several roots. A run converges when max|h| ≤ tolerance; steps are projected onto the domain ({@link HasDomain}). Sequential (each run depends on the roots found
 * before), so the result depends on the order of the starts, not on threads. Each root is then described
 * (and polished, merged, given a multiplicity) by {@link FixedPointFinder#search}.
 *
 * @param finder   tolerance and iterations per run; its search describes the roots
 * @param maxRoots stop after this many roots
 */
public record Deflation(FixedPointFinder finder, int maxRoots) {
  public Deflation {
    Check.atLeast("max_roots", maxRoots, 1);
  }

  /** Deflation exponent p and shift σ. */
  static final double POWER = 2, SHIFT = 1;

  /**
   * What a deflated search found and how: the points, the starts, the deflated Newton runs, the runs
   * that converged to a new root, and for each start the number of roots it yielded.
   */
  public record Result(List<FixedPoint> points, int starts, int runs, int converged, List<Integer> rootsPerStart) {
    public Result {
      points = List.copyOf(points);
      rootsPerStart = List.copyOf(rootsPerStart);
    }

    /** One line: "9 roots from 3 starts (12 deflated Newton runs, 9 converged; per start 4, 3, 2)". */
    public String describe() {
      StringBuilder b = new StringBuilder();
      b.append(points.size()).append(points.size() == 1 ? " root" : " roots").append(" from ").append(starts)
          .append(starts == 1 ? " start" : " starts").append(" (").append(runs).append(" deflated Newton runs, ")
          .append(converged).append(" converged; new roots per start:");
      for (int r : rootsPerStart) b.append(' ').append(r);
      return b.append(')').toString();
    }
  }

  /** Deflated Newton from each start in order (see the class comment). */
  public Result search(Dynamics dyn, List<double[]> starts) {
    return search(dyn, starts, List.of());
  }

  /**
   * Deflated Newton from each start in order, with the roots {@code known} deflated from the outset (e.g.
   * those a plain search found); the result holds only the new roots.
   */
  public Result search(Dynamics dyn, List<double[]> starts, List<double[]> known) {
    int n = dyn.dimension();
    for (double[] s : starts) Check.length("start", s, n);
    StateDomain dom = HasDomain.of(dyn);
    List<double[]> roots = new ArrayList<>();
    for (double[] k : known) roots.add(k.clone());
    int preset = roots.size();
    List<Integer> perStart = new ArrayList<>();
    int runs = 0, converged = 0;
    for (double[] s : starts) {
      int found = 0;
      while (roots.size() - preset < maxRoots) {
        runs++;
        double[] r = run(dyn, s, roots, dom);
        if (r == null) break;
        converged++;
        roots.add(r);
        found++;
      }
      perStart.add(found);
      if (roots.size() - preset >= maxRoots) break;
    }
    FixedPointFinder.Search described = finder.search(dyn, roots.subList(preset, roots.size()));
    List<FixedPoint> points = new ArrayList<>(described.points());
    points.sort(Comparator.comparing(FixedPoint::state, java.util.Arrays::compare));
    return new Result(points, perStart.size(), runs, converged, perStart);
  }

  /** One deflated Newton run from start; the new root, or null. */
  private double[] run(Dynamics dyn, double[] start, List<double[]> roots, StateDomain dom) {
    int n = start.length;
    double[] u = start.clone();
    dom.project(u);
    double[] h = new double[n];
    double g = deflatedNorm(dyn, u, roots, h);
    for (int it = 0; it < finder.maxIterations(); it++) {
      if (!Double.isFinite(g)) return null;
      if (FixedPointFinder.maxAbs(h) <= finder.tolerance()) return isNew(u, roots) ? u : null;
      double[] step;
      try {
        step = new QRDecomposition(new Array2DRowRealMatrix(Jacobians.at(dyn, u), false), 1e-14).getSolver()
            .solve(new ArrayRealVector(h, true).mapMultiply(-1)).toArray();
      } catch (RuntimeException singular) {
        return null;
      }
      double[] grad = gradLogM(u, roots);
      double k = 0;
      for (int i = 0; i < n; i++) k += grad[i] * step[i];
      double scale = 1 / (1 - k);
      if (!Double.isFinite(scale)) return null;
      // the full deflated step unless the drift is undefined there: halving only to stay in its domain
      // (a decrease test on ‖G‖ stalls the runs: the deflation factor makes ‖G‖ rugged far from the roots)
      for (int i = 0; i < n; i++) step[i] *= scale;
      g = FixedPointFinder.backtrack(u, h, step, dom, (x, hx) -> deflatedNorm(dyn, x, roots, hx), Double::isFinite);
      if (Double.isNaN(g)) return null;
    }
    return FixedPointFinder.maxAbs(h) <= finder.tolerance() && isNew(u, roots) ? u : null;
  }

  /** ‖M(u) h(u)‖₂, with h(u) into h; NaN where the drift is undefined. */
  private static double deflatedNorm(Dynamics dyn, double[] u, List<double[]> roots, double[] h) {
    try {
      dyn.drift(u, h);
    } catch (RuntimeException undefined) {
      return Double.NaN;
    }
    double m = 1, s = 0;
    for (double[] r : roots) {
      double d2 = 0;
      for (int i = 0; i < u.length; i++) d2 += (u[i] - r[i]) * (u[i] - r[i]);
      m *= Math.pow(d2, -POWER / 2) + SHIFT;
    }
    for (double x : h) s += x * x;
    return m * Math.sqrt(s);
  }

  private static double[] gradLogM(double[] u, List<double[]> roots) {
    double[] g = new double[u.length];
    for (double[] r : roots) {
      double d2 = 0;
      for (int i = 0; i < u.length; i++) d2 += (u[i] - r[i]) * (u[i] - r[i]);
      double dp = Math.pow(d2, -POWER / 2);
      double f = -POWER * dp / d2 / (dp + SHIFT);
      for (int i = 0; i < u.length; i++) g[i] += f * (u[i] - r[i]);
    }
    return g;
  }

  private boolean isNew(double[] u, List<double[]> roots) {
    for (double[] r : roots) {
      double d = 0;
      for (int i = 0; i < u.length; i++) d = Math.max(d, Math.abs(u[i] - r[i]) / Math.max(1, Math.abs(r[i])));
      if (d <= finder.mergeDistance()) return false;
    }
    return true;
  }
}
