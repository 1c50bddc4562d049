package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Pseudo-arclength continuation of a fixed-point branch h(u; p) = 0 in one parameter p
 * (Keller 1977; Allgower–Georg, <i>Numerical Continuation Methods</i>, ch. 2 and 8). With y = (u, p)
 * and G = [D_u h | ∂_p h] (n x (n+1)), the unit tangent t solves
 * \[ \begin{pmatrix} G(y) \\ t_{\rm prev}^T \end{pmatrix} t = e_{n+1}, \]
 * oriented so that t · t_prev &gt; 0. A step predicts y + Δs t and corrects by Newton on
 * \[ h(u; p) = 0, \qquad t^T (y - y_k) = \Delta s, \]
 * halving Δs on failure and growing it by 1.5 after an easy step. D_u h is analytic where the
 * dynamics has it, else central differences; ∂_p h is a central difference with step
 * ε^{1/3} max(1, |p|).
 *
 * <p>Along the branch two test functions are watched between consecutive points:
 * <ul>
 *   <li>fold (saddle-node, limit point): the parameter component t_p of the tangent changes sign;</li>
 *   <li>branch point (pitchfork, transcritical): det [G; tᵀ] changes sign (the augmented matrix is
 *       regular at a fold, singular at a simple branch point).</li>
 * </ul>
 * A detected point is located by the Illinois variant of regula falsi on the arclength, each trial
 * corrected onto the branch, to |Δs| &lt; {@code locateTolerance}.
 */
public final class Continuation {
  /** A one-parameter family of dynamics h(·; p). */
  @FunctionalInterface
  public interface Family {
    Dynamics at(double p);
  }

  /** Settings; see the class comment. The branch stops when p leaves [pMin, pMax]. */
  public record Options(double initialStep, double minStep, double maxStep, int maxPoints, double tolerance,
      double pMin, double pMax, double locateTolerance) {
    public Options {
      Check.positiveFinite("initial_step", initialStep);
      Check.positiveFinite("min_step", minStep);
      Check.positiveFinite("max_step", maxStep);
      Check.atLeast("max_points", maxPoints, 2);
      Check.positiveFinite("tolerance", tolerance);
      if (!(pMin < pMax)) throw new IllegalArgumentException("parameter range must have min < max, got [" + pMin + ", " + pMax + "]");
      Check.positiveFinite("locate_tolerance", locateTolerance);
    }

    /** Steps 0.01 .. 0.05 (min 1e-8), 2000 points, tolerance 1e-11, p in [pMin, pMax]. */
    public static Options between(double pMin, double pMax) {
      return new Options(0.01, 1e-8, 0.05, 2000, 1e-11, pMin, pMax, 1e-11);
    }

    public Options withSteps(double initial, double max) {
      return new Options(initial, minStep, max, maxPoints, tolerance, pMin, pMax, locateTolerance);
    }

    public Options withMaxPoints(int n) {
      return new Options(initialStep, minStep, maxStep, n, tolerance, pMin, pMax, locateTolerance);
    }
  }

  /** A point of the branch and its stability in u. */
  public record Point(double parameter, double[] state, Stability stability) {
    public Point {
      state = state.clone();
    }

    @Override
    public double[] state() {
      return state.clone();
    }
  }

  /** Kind of a special point. */
  public enum SpecialKind {
    FOLD, BRANCH_POINT;

    public String key() {
      return this == FOLD ? "fold" : "branch-point";
    }
  }

  /** A located fold or branch point. */
  public record Special(SpecialKind kind, double parameter, double[] state, Stability stability) {
    public Special {
      state = state.clone();
    }

    @Override
    public double[] state() {
      return state.clone();
    }
  }

  /** Why tracing stopped. */
  public enum End { PARAMETER_RANGE, MAX_POINTS, STEP_TOO_SMALL }

  private final Options options;

  public Continuation(Options options) {
    this.options = options;
  }

  /**
   * Traces the branch through the fixed point near u0 at p0, first in the direction of increasing p
   * (direction &gt; 0) or decreasing p (direction &lt; 0). u0 is first corrected at fixed p0 by Newton.
   *
   * @throws IllegalArgumentException if no fixed point is found near u0 at p0
   */
  public Branch trace(Family family, String parameter, double p0, double[] u0, double direction) {
    Check.finite(parameter, p0);
    Check.allFinite("start", u0);
    if (direction == 0 || !Double.isFinite(direction)) throw new IllegalArgumentException("direction must be +1 or -1, got " + direction);
    Dynamics d0 = family.at(p0);
    StateLayout layout = d0.layout();
    int n = layout.size();
    double[] start = new FixedPointFinder(options.tolerance(), 100, 1e-6, null).newton(d0, u0)
        .orElseThrow(() -> new IllegalArgumentException("continuation: no fixed point found near the start "
            + java.util.Arrays.toString(u0) + " at " + parameter + "=" + p0));
    double[] y = new double[n + 1];
    System.arraycopy(start, 0, y, 0, n);
    y[n] = p0;
    double[] ep = new double[n + 1];
    ep[n] = Math.signum(direction);
    double[] t = tangent(family, y, ep);
    if (t[n] * direction < 0) scale(t, -1);

    List<Point> points = new ArrayList<>();
    List<Special> specials = new ArrayList<>();
    points.add(point(family, y));
    double tauBp = augmentedDet(family, y, t);
    double ds = options.initialStep();
    End end = End.MAX_POINTS;
    while (points.size() < options.maxPoints()) {
      double[] next = null;
      int iters = 0;
      while (ds >= options.minStep()) {
        Corrected c = correct(family, y, t, ds);
        if (c != null) {
          next = c.y;
          iters = c.iterations;
          break;
        }
        ds /= 2;
      }
      if (next == null) {
        end = End.STEP_TOO_SMALL;
        break;
      }
      double[] tn;
      try {
        tn = tangent(family, next, t);
      } catch (MathIllegalArgumentException singular) {
        ds *= 0.7; // landed exactly on a branch point: step again with another length
        continue;
      }
      if (dot(tn, t) < 0) scale(tn, -1);
      double tauNext = augmentedDet(family, next, tn);
      if (Math.signum(tauNext) * Math.signum(tauBp) < 0) {
        specials.add(locate(family, y, t, ds, SpecialKind.BRANCH_POINT, tauBp));
      } else if (Math.signum(tn[n]) * Math.signum(t[n]) < 0) {
        specials.add(locate(family, y, t, ds, SpecialKind.FOLD, t[n]));
      }
      y = next;
      t = tn;
      tauBp = tauNext;
      points.add(point(family, y));
      if (y[n] < options.pMin() || y[n] > options.pMax()) {
        end = End.PARAMETER_RANGE;
        break;
      }
      if (iters <= 3) ds = Math.min(options.maxStep(), ds * 1.5);
    }
    return new Branch(parameter, layout, points, specials, end);
  }

  private record Corrected(double[] y, int iterations) {}

  /** Predictor y + ds t, then Newton on (h, t·(y - y0) - ds); null if it fails. */
  private Corrected correct(Family family, double[] y0, double[] t, double ds) {
    int n = y0.length - 1;
    double[] y = new double[n + 1];
    for (int i = 0; i <= n; i++) y[i] = y0[i] + ds * t[i];
    double[] h = new double[n];
    for (int it = 0; it < 25; it++) {
      Dynamics d = family.at(y[n]);
      double[] u = java.util.Arrays.copyOf(y, n);
      d.drift(u, h);
      double arc = -ds;
      for (int i = 0; i <= n; i++) arc += t[i] * (y[i] - y0[i]);
      double res = Math.max(FixedPointFinder.maxAbs(h), Math.abs(arc));
      if (!Double.isFinite(res)) return null;
      if (res <= options.tolerance()) return new Corrected(y, it);
      RealMatrix a = augmented(family, y, t);
      double[] rhs = new double[n + 1];
      for (int i = 0; i < n; i++) rhs[i] = -h[i];
      rhs[n] = -arc;
      double[] step;
      try {
        step = new LUDecomposition(a, 1e-14).getSolver().solve(new ArrayRealVector(rhs, false)).toArray();
      } catch (RuntimeException singular) {
        return null;
      }
      for (int i = 0; i <= n; i++) y[i] += step[i];
      double move = 0;
      for (double s : step) move = Math.max(move, Math.abs(s));
      if (move > 10 * Math.max(ds, 1e-3) * (1 + norm(y0))) return null; // jumped to another branch
    }
    return null;
  }

  /** [G(y); tᵀ], (n+1) x (n+1). */
  private static RealMatrix augmented(Family family, double[] y, double[] t) {
    int n = y.length - 1;
    double[] u = java.util.Arrays.copyOf(y, n);
    double p = y[n];
    double[][] ju = Jacobians.at(family.at(p), u);
    double s = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(p));
    double[] hp = new double[n];
    double[] hm = new double[n];
    family.at(p + s).drift(u, hp);
    family.at(p - s).drift(u, hm);
    double[][] a = new double[n + 1][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ju[i], 0, a[i], 0, n);
      a[i][n] = (hp[i] - hm[i]) / ((p + s) - (p - s));
    }
    System.arraycopy(t, 0, a[n], 0, n + 1);
    return new Array2DRowRealMatrix(a, false);
  }

  /** Unit tangent: solve [G; refᵀ] t = e_{n+1}. */
  private static double[] tangent(Family family, double[] y, double[] ref) {
    int n = y.length - 1;
    double[] e = new double[n + 1];
    e[n] = 1;
    double[] t = new LUDecomposition(augmented(family, y, ref), 1e-300).getSolver()
        .solve(new ArrayRealVector(e, false)).toArray();
    scale(t, 1 / norm(t));
    return t;
  }

  private static double augmentedDet(Family family, double[] y, double[] t) {
    return new LUDecomposition(augmented(family, y, t), 0).getDeterminant();
  }

  /** Illinois regula falsi on the arclength σ in (0, ds) for the test function's zero. */
  private Special locate(Family family, double[] y0, double[] t0, double ds, SpecialKind kind, double tau0) {
    double lo = 0, hi = ds, fLo = tau0;
    double[] yHi = correct(family, y0, t0, ds).y;
    double fHi = test(family, yHi, t0, kind);
    double[] best = yHi;
    int side = 0;
    for (int it = 0; it < 200 && hi - lo > options.locateTolerance(); it++) {
      double s = (lo * fHi - hi * fLo) / (fHi - fLo);
      if (!(s > lo && s < hi)) s = 0.5 * (lo + hi);
      Corrected c = correct(family, y0, t0, s);
      if (c == null) {
        s = 0.5 * (lo + hi);
        c = correct(family, y0, t0, s);
        if (c == null) break;
      }
      double f = test(family, c.y, t0, kind);
      best = c.y;
      if (f == 0) break;
      if (Math.signum(f) == Math.signum(fLo)) {
        lo = s;
        fLo = f;
        if (side == -1) fHi /= 2;
        side = -1;
      } else {
        hi = s;
        fHi = f;
        if (side == 1) fLo /= 2;
        side = 1;
      }
    }
    int n = y0.length - 1;
    Point p = point(family, best);
    return new Special(kind, best[n], java.util.Arrays.copyOf(best, n), p.stability());
  }

  private static double test(Family family, double[] y, double[] tRef, SpecialKind kind) {
    double[] t;
    try {
      t = tangent(family, y, tRef);
    } catch (MathIllegalArgumentException singular) {
      return 0; // exactly at a branch point the augmented matrix is singular: the test function is zero
    }
    if (dot(t, tRef) < 0) scale(t, -1);
    return kind == SpecialKind.FOLD ? t[t.length - 1] : augmentedDet(family, y, t);
  }

  private static Point point(Family family, double[] y) {
    int n = y.length - 1;
    double[] u = java.util.Arrays.copyOf(y, n);
    return new Point(y[n], u, Stability.of(Jacobians.at(family.at(y[n]), u)));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static void scale(double[] a, double f) {
    for (int i = 0; i < a.length; i++) a[i] *= f;
  }
}
