package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;

/**
 * Fixed points h(u*) = 0 of a {@link Dynamics} by damped Newton from many starts:
 * \[ J(u_n)\,\Delta = -h(u_n), \qquad u_{n+1} = u_n + \alpha \Delta, \]
 * with α halved (down to 2^-20) until |h| decreases (a backtracking line search, so starts far from a
 * root do not fly off). J is analytic where the dynamics implements
 * {@link org.effdyn.core.HasJacobian}, else central differences ({@link Jacobians}); the linear step
 * uses a QR solve (least squares for a singular J, which a non-hyperbolic point has). Convergence is
 * quadratic near a simple root; a start counts as converged when max|h| &lt;= {@code tolerance}.
 * Converged points closer than {@code mergeDistance} (max norm, relative to max(1, |u|)) are merged;
 * each result carries its residual, stability and hit count. Starts are solved in parallel, each at its
 * own index, so the result is the same for any thread count.
 *
 * @param tolerance     max_i |h_i| accepted as a root (default 1e-10)
 * @param maxIterations Newton iterations per start (default 100)
 * @param mergeDistance distance under which two roots are the same (default 1e-6)
 * @param domain        optional admissibility test (e.g. a variance must be &gt;= 0); null accepts all
 */
public record FixedPointFinder(double tolerance, int maxIterations, double mergeDistance,
    java.util.function.Predicate<double[]> domain) {

  public FixedPointFinder {
    Check.positiveFinite("tolerance", tolerance);
    Check.atLeast("max_iterations", maxIterations, 1);
    Check.positiveFinite("merge_distance", mergeDistance);
  }

  /** Tolerance 1e-10, 100 iterations, merge distance 1e-6, no domain restriction. */
  public static FixedPointFinder defaults() {
    return new FixedPointFinder(1e-10, 100, 1e-6, null);
  }

  public FixedPointFinder withTolerance(double t) {
    return new FixedPointFinder(t, maxIterations, mergeDistance, domain);
  }

  public FixedPointFinder withDomain(java.util.function.Predicate<double[]> d) {
    return new FixedPointFinder(tolerance, maxIterations, mergeDistance, d);
  }

  /** Every distinct fixed point reached from the starts, sorted by coordinates (lexicographic). */
  public List<FixedPoint> find(Dynamics dyn, List<double[]> starts) {
    int n = dyn.dimension();
    for (double[] s : starts) Check.length("start", s, n);
    double[][] roots = IntStream.range(0, starts.size()).parallel()
        .mapToObj(i -> newton(dyn, starts.get(i)).orElse(null)).toArray(double[][]::new);
    List<double[]> distinct = new ArrayList<>();
    List<Integer> hits = new ArrayList<>();
    for (double[] r : roots) {
      if (r == null) continue;
      int match = -1;
      for (int i = 0; i < distinct.size() && match < 0; i++) if (close(distinct.get(i), r)) match = i;
      if (match >= 0) hits.set(match, hits.get(match) + 1);
      else {
        distinct.add(r);
        hits.add(1);
      }
    }
    List<FixedPoint> out = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) out.add(describe(dyn, distinct.get(i), hits.get(i)));
    out.sort(Comparator.comparing(FixedPoint::state, java.util.Arrays::compare));
    return out;
  }

  /** The fixed point Newton reaches from one start (e.g. a trajectory's end state), if any. */
  public Optional<FixedPoint> from(Dynamics dyn, double[] start) {
    Check.length("start", start, dyn.dimension());
    return newton(dyn, start).map(r -> describe(dyn, r, 1));
  }

  /**
   * Stability and residual of a root found by Newton. Its eigenvalues are trusted only beyond how much
   * J moves over one more Newton step s: |Re μ| &lt;= 10 max|J(u + s) - J(u)| counts as zero. At a simple
   * root s is at rounding level and nothing changes; at a degenerate root (J singular there, e.g. the
   * tensor PCA origin where J = 0) Newton converges only linearly, stops at a distance of order |s|,
   * and the eigenvalues it sees there are of the size of that change with arbitrary signs: the point is
   * then reported as non-hyperbolic.
   */
  FixedPoint describe(Dynamics dyn, double[] u, int hits) {
    int n = u.length;
    double[] h = new double[n];
    dyn.drift(u, h);
    double[][] j0 = Jacobians.at(dyn, u);
    double moved = 0;
    try {
      double[] s = new QRDecomposition(new Array2DRowRealMatrix(j0, true), 1e-14).getSolver()
          .solve(new ArrayRealVector(h, true).mapMultiply(-1)).toArray();
      double[] v = u.clone();
      for (int i = 0; i < n; i++) v[i] += s[i];
      double[][] j1 = Jacobians.at(dyn, v);
      for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) moved = Math.max(moved, Math.abs(j1[a][b] - j0[a][b]));
    } catch (RuntimeException singular) {
      moved = Math.sqrt(tolerance); // J singular at the root itself: degenerate
    }
    return describe(dyn, u, hits, 10 * moved);
  }

  /** Stability (eigenvalues below absoluteZero in real part count as zero) and residual of a point. */
  public static FixedPoint describe(Dynamics dyn, double[] u, int hits, double absoluteZero) {
    double[] h = new double[dyn.dimension()];
    dyn.drift(u, h);
    return new FixedPoint(u, maxAbs(h), Stability.of(Jacobians.at(dyn, u), absoluteZero), Jacobians.analytic(dyn), hits);
  }

  /** Damped Newton from start; empty if it does not converge, leaves the domain or meets a non-finite drift. */
  Optional<double[]> newton(Dynamics dyn, double[] start) {
    int n = dyn.dimension();
    double[] u = start.clone();
    double[] h = new double[n];
    double[] trial = new double[n];
    double[] ht = new double[n];
    dyn.drift(u, h);
    double res = maxAbs(h);
    for (int it = 0; it <= maxIterations; it++) {
      if (!Double.isFinite(res)) return Optional.empty();
      if (res <= tolerance) {
        polish(dyn, u, h, res);
        return admissible(u) ? Optional.of(u) : Optional.empty();
      }
      if (it == maxIterations) break;
      double[][] jac = Jacobians.at(dyn, u);
      DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(jac, false), 1e-14).getSolver();
      double[] step;
      try {
        step = solver.solve(new ArrayRealVector(h, true).mapMultiply(-1)).toArray();
      } catch (RuntimeException singular) {
        return Optional.empty();
      }
      double alpha = 1;
      boolean improved = false;
      while (alpha >= 0x1p-20) {
        for (int i = 0; i < n; i++) trial[i] = u[i] + alpha * step[i];
        dyn.drift(trial, ht);
        double r = maxAbs(ht);
        if (r < res || (r <= tolerance)) {
          System.arraycopy(trial, 0, u, 0, n);
          System.arraycopy(ht, 0, h, 0, n);
          res = r;
          improved = true;
          break;
        }
        alpha /= 2;
      }
      if (!improved) return Optional.empty();
    }
    return Optional.empty();
  }

  /** Up to two more full Newton steps, each kept only if it lowers the residual (rounding-level roots). */
  private static void polish(Dynamics dyn, double[] u, double[] h, double res) {
    int n = u.length;
    double[] trial = new double[n];
    double[] ht = new double[n];
    for (int extra = 0; extra < 2 && res > 0; extra++) {
      double[] step;
      try {
        step = new QRDecomposition(new Array2DRowRealMatrix(Jacobians.at(dyn, u), false), 1e-14).getSolver()
            .solve(new ArrayRealVector(h, true).mapMultiply(-1)).toArray();
      } catch (RuntimeException singular) {
        return;
      }
      for (int i = 0; i < n; i++) trial[i] = u[i] + step[i];
      dyn.drift(trial, ht);
      double r = maxAbs(ht);
      if (!(r < res)) return;
      System.arraycopy(trial, 0, u, 0, n);
      System.arraycopy(ht, 0, h, 0, n);
      res = r;
    }
  }

  private boolean admissible(double[] u) {
    for (double x : u) if (!Double.isFinite(x)) return false;
    return domain == null || domain.test(u);
  }

  private boolean close(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > mergeDistance * Math.max(1, Math.max(Math.abs(a[i]), Math.abs(b[i])))) return false;
    }
    return true;
  }

  static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      if (!Double.isFinite(v)) return Double.NaN;
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  // ---- starts ----

  /**
   * A regular grid over the box [lo_i, hi_i] with {@code perAxis} points per axis (perAxis^n starts;
   * keep n small), endpoints included.
   */
  public static List<double[]> grid(double[] lo, double[] hi, int perAxis) {
    Check.length("hi", hi, lo.length);
    Check.atLeast("per_axis", perAxis, 1);
    int n = lo.length;
    long total = 1;
    for (int i = 0; i < n; i++) {
      total *= perAxis;
      if (total > 1_000_000) throw new IllegalArgumentException("grid of starts too large: " + perAxis + "^" + n);
    }
    List<double[]> out = new ArrayList<>();
    int[] idx = new int[n];
    for (long c = 0; c < total; c++) {
      double[] u = new double[n];
      for (int i = 0; i < n; i++) {
        u[i] = perAxis == 1 ? 0.5 * (lo[i] + hi[i]) : lo[i] + (hi[i] - lo[i]) * idx[i] / (perAxis - 1.0);
      }
      out.add(u);
      for (int i = 0; i < n && ++idx[i] == perAxis; i++) idx[i] = 0;
    }
    return out;
  }

  /** {@code count} uniform points in the box, start i from {@code RandomStreams.stream(seed, i)}. */
  public static List<double[]> random(double[] lo, double[] hi, int count, long seed) {
    Check.length("hi", hi, lo.length);
    List<double[]> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      UniformRandomProvider rng = RandomStreams.stream(seed, c);
      double[] u = new double[lo.length];
      for (int i = 0; i < u.length; i++) u[i] = lo[i] + (hi[i] - lo[i]) * rng.nextDouble();
      out.add(u);
    }
    return out;
  }

  /** The end state of each trajectory (where the flow settled, or was going). */
  public static List<double[]> endStates(List<Trajectory> trajectories) {
    List<double[]> out = new ArrayList<>();
    for (Trajectory t : trajectories) out.add(t.finalState());
    return out;
  }

  /** A box around u: u_i ± spread·max(1, |u_i|). */
  public static double[][] boxAround(double[] u, double spread) {
    double[] lo = new double[u.length];
    double[] hi = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      double w = spread * Math.max(1, Math.abs(u[i]));
      lo[i] = u[i] - w;
      hi[i] = u[i] + w;
    }
    return new double[][] {lo, hi};
  }

  /** Layout-aware table, one fixed point a line. */
  public static String table(StateLayout layout, List<FixedPoint> points) {
    StringBuilder b = new StringBuilder();
    for (FixedPoint p : points) b.append(p.describe(layout)).append('\n');
    return b.toString();
  }
}
