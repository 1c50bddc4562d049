package org.effdyn.model.lazy;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * (α, T) sweeps (docs/lazy.md) with fitted exponents, log-spaced output grids, and the time-to-
 * deviation T_ε (the first t with gap(t) ≥ ε|r0|).
 *
 * <p>T_ε is found by scanning the solved trajectory on the caller's output grid and refining the first
 * bracket with Brent's method, each trial time solved afresh from the state at the bracket's left end
 * (the flows are autonomous): so it is located to the solver's accuracy on exactly the {@code gap}
 * column the trajectory reports, with no extra state. A crossing and re-crossing inside one grid
 * interval is missed: use a fine enough grid (the gap is smooth; the tests use 80 points per decade).
 * Scenario-card events ({@code events:}) act on state coordinates only and are not used for T_ε.
 */
public final class LazySweep {
  private LazySweep() {}

  /** A least-squares fit log y = slope · log x + intercept over x ∈ [from, to]. */
  public record ExponentFit(double slope, double intercept, double stderr, int points, double from, double to) {}

  /** Result of {@link #alphaSweep}: gap[α][t], |r1(t)| from one first-order solve, and per-t α exponents. */
  public record AlphaSweep(double[] alphas, double[] times, double[][] gap, double[] r1, List<ExponentFit> alphaExponents) {}

  /** t = 0 then N log-spaced times t_i = t_1 (t_N/t_1)^{(i−1)/(N−1)}, computed by index. */
  public static double[] logGrid(double t1, double tN, int count) {
    Check.positiveFinite("t_1", t1);
    Check.positiveFinite("t_N", tN);
    Check.atLeast("count", count, 2);
    if (!(tN > t1)) throw new IllegalArgumentException("t_N must be > t_1, got " + tN + " <= " + t1);
    double[] t = new double[count + 1];
    for (int i = 0; i < count; i++) t[i + 1] = i == count - 1 ? tN : t1 * Math.pow(tN / t1, (double) i / (count - 1));
    return t;
  }

  /** Least-squares exponent of y against x over the points with x in [from, to] and y &gt; 0. */
  public static ExponentFit fit(double[] x, double[] y, double from, double to) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (x[i] >= from * (1 - 1e-12) && x[i] <= to * (1 + 1e-12) && x[i] > 0 && y[i] > 0 && Double.isFinite(y[i])) {
        pts.add(new double[] {Math.log(x[i]), Math.log(y[i])});
      }
    }
    int k = pts.size();
    if (k < 2) throw new IllegalArgumentException("fit: need >= 2 positive points in [" + from + ", " + to + "], got " + k);
    double mx = 0, my = 0;
    for (double[] p : pts) {
      mx += p[0] / k;
      my += p[1] / k;
    }
    double sxx = 0, sxy = 0;
    for (double[] p : pts) {
      sxx += (p[0] - mx) * (p[0] - mx);
      sxy += (p[0] - mx) * (p[1] - my);
    }
    double slope = sxy / sxx;
    double icpt = my - slope * mx;
    double rss = 0;
    for (double[] p : pts) {
      double e = p[1] - icpt - slope * p[0];
      rss += e * e;
    }
    double se = k > 2 ? Math.sqrt(rss / (k - 2) / sxx) : Double.NaN;
    return new ExponentFit(slope, icpt, se, k, from, to);
  }

  /** Local exponents d log y / d log x by central differences (one-sided at the ends); x &gt; 0, y &gt; 0. */
  public static double[] localExponents(double[] x, double[] y) {
    int n = x.length;
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      int lo = Math.max(0, i - 1);
      int hi = Math.min(n - 1, i + 1);
      e[i] = (Math.log(y[hi]) - Math.log(y[lo])) / (Math.log(x[hi]) - Math.log(x[lo]));
    }
    return e;
  }

  /**
   * Full flow at every α on the output times (times[0] = 0), the gap column of each, |r1| from one
   * first-order solve (at the first α; α-free for a centred model), and for every t &gt; 0 the exponent of
   * gap in α over all α.
   */
  public static AlphaSweep alphaSweep(LazyModel model, double[] alphas, double[] times, OdeOptions options) {
    if (alphas == null || alphas.length < 2) throw new IllegalArgumentException("alphas: need at least 2 values");
    double[][] gap = new double[alphas.length][];
    for (int i = 0; i < alphas.length; i++) {
      gap[i] = model.withAlpha(alphas[i]).problem().solve(Flow.FULL, times, options).column("gap");
    }
    double[] r1 = model.withAlpha(alphas[0]).problem().solve(Flow.CORRECTION, times, options).column("r1");
    List<ExponentFit> fits = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY, hi = 0;
    for (double a : alphas) {
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
    for (int j = 0; j < times.length; j++) {
      double[] g = new double[alphas.length];
      for (int i = 0; i < alphas.length; i++) g[i] = gap[i][j];
      fits.add(times[j] > 0 ? fit(alphas, g, lo, hi) : null);
    }
    return new AlphaSweep(alphas.clone(), times.clone(), gap, r1, fits);
  }

  /**
   * T_ε: the first t on or before the end of {@code scan} with gap(t) ≥ ε|r0| (full flow), +∞ if not
   * reached; see the class comment for the method.
   */
  public static double timeToDeviation(LazyProblem pr, double eps, double[] scan, OdeOptions options) {
    Check.positiveFinite("eps", eps);
    return crossing(pr, Flow.FULL, "gap", eps * pr.residualNorm0(), scan, options);
  }

  /**
   * First-order T_ε for several α from one solve of (v̄, v1): the first t with |r1(t)| ≥ ε α |r0|
   * ((F1): gap ≈ |r1|/α), each located like {@link #timeToDeviation}.
   */
  public static double[] timeToDeviationFirstOrder(LazyProblem pr, double eps, double[] alphas, double[] scan,
      OdeOptions options) {
    Check.positiveFinite("eps", eps);
    double[] out = new double[alphas.length];
    for (int i = 0; i < alphas.length; i++) {
      Check.positiveFinite("alpha", alphas[i]);
      out[i] = crossing(pr, Flow.CORRECTION, "r1", eps * alphas[i] * pr.residualNorm0(), scan, options);
    }
    return out;
  }

  private static double crossing(LazyProblem pr, Flow flow, String column, double level, double[] scan,
      OdeOptions options) {
    Trajectory tr = pr.solve(flow, scan, options);
    double[] c = tr.column(column);
    int i = 0;
    while (i < c.length && !(c[i] >= level)) i++;
    if (i == c.length) return Double.POSITIVE_INFINITY;
    if (i == 0) return scan[0];
    final double left = c[i - 1];
    Dynamics dyn = pr.dynamics(flow);
    DerivedColumns cols = pr.columns(flow);
    int idx = cols.names().indexOf(column);
    double[] start = tr.state(i - 1);
    double t0 = scan[i - 1];
    OdeSolver solver = new OdeSolver(options);
    double[] out = new double[cols.names().size()];
    return new BrentSolver(1e-12 * scan[i]).solve(200, t -> {
      if (t <= t0) return left - level;
      double[] u = solver.solve(dyn, start, new TimeGrid(t0, t, 2)).finalState();
      u[0] = t;
      cols.compute(u, out);
      return out[idx] - level;
    }, t0, scan[i]);
  }
}
