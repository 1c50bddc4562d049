package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.hipparchus.complex.Complex;
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
 * <p>Along the branch three test functions are watched between consecutive points:
 * <ul>
 *   <li>fold (saddle-node, limit point): the parameter component t_p of the tangent changes sign;</li>
 *   <li>branch point (pitchfork, transcritical): det [G; tᵀ] changes sign (the augmented matrix is
 *       regular at a fold, singular at a simple branch point);</li>
 *   <li>Hopf: the real part of the complex eigenvalue pair nearest the imaginary axis changes sign
 *       ({@link #hopfTest}); its frequency and first Lyapunov coefficient come from {@link HopfNormalForm}.</li>
 * </ul>
 * A detected point is located on the arclength, each trial corrected onto the branch, by Hipparchus'
 * {@code BracketingNthOrderBrentSolver} to |Δs| &lt; {@code locateTolerance}. Every point carries the
 * eigenvalues of D_u h ({@link Stability}); {@link Branch#stabilityChanges()} lists where their count in
 * the right half-plane changes. At a simple branch point {@link #switchAt} starts the crossing branch
 * from the null vectors of G, and {@link #diagram} traces every branch found that way.
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
    /** Fold (saddle-node, limit point): one real eigenvalue crosses 0, the branch turns in p. */
    FOLD,
    /** Simple branch point (transcritical, pitchfork): two branches cross. */
    BRANCH_POINT,
    /** Andronov–Hopf: a complex pair crosses the imaginary axis; a periodic orbit is born. */
    HOPF;

    public String key() {
      return switch (this) {
        case FOLD -> "fold";
        case BRANCH_POINT -> "branch-point";
        case HOPF -> "hopf";
      };
    }
  }

  /**
   * A located fold, branch point or Hopf point, with the branch's unit tangent (u, p) there (at a branch
   * point: the tangent of the branch it was found on), and for a Hopf point its frequency ω and first
   * Lyapunov coefficient l₁ ({@link HopfNormalForm}; NaN otherwise).
   */
  public record Special(SpecialKind kind, double parameter, double[] state, Stability stability, double[] tangent,
      double frequency, double firstLyapunov) {
    public Special {
      state = state.clone();
      tangent = tangent.clone();
    }

    @Override
    public double[] state() {
      return state.clone();
    }

    @Override
    public double[] tangent() {
      return tangent.clone();
    }

    /** For a Hopf point: "supercritical" (l₁ &lt; 0), "subcritical" (l₁ &gt; 0), else "". */
    public String criticality() {
      if (kind != SpecialKind.HOPF || !Double.isFinite(firstLyapunov)) return "";
      return firstLyapunov < 0 ? "supercritical" : firstLyapunov > 0 ? "subcritical" : "degenerate";
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
    return traceFrom(family, parameter, layout, y, t, null);
  }

  /**
   * Continues from the point y = (u, p) on a branch with unit tangent t (oriented the way to go);
   * {@code first}, if not null, is put before y as the branch's first point (a branch point switched from).
   */
  Branch traceFrom(Family family, String parameter, StateLayout layout, double[] y, double[] t, Point first) {
    int n = y.length - 1;
    List<Point> points = new ArrayList<>();
    List<Special> specials = new ArrayList<>();
    if (first != null) points.add(first);
    points.add(point(family, y));
    double tauBp = augmentedDet(family, y, t);
    double tauHopf = hopfTest(points.get(points.size() - 1).stability());
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
      Point pNext = point(family, next);
      double hopfNext = hopfTest(pNext.stability());
      if (Math.signum(tauNext) * Math.signum(tauBp) < 0) {
        specials.add(locate(family, y, t, ds, SpecialKind.BRANCH_POINT));
      } else if (Math.signum(tn[n]) * Math.signum(t[n]) < 0) {
        specials.add(locate(family, y, t, ds, SpecialKind.FOLD));
      }
      if (Double.isFinite(tauHopf) && Double.isFinite(hopfNext) && Math.signum(tauHopf) * Math.signum(hopfNext) < 0) {
        Special h = locate(family, y, t, ds, SpecialKind.HOPF);
        if (h != null) specials.add(h);
      }
      y = next;
      t = tn;
      tauBp = tauNext;
      tauHopf = hopfNext;
      points.add(pNext);
      if (y[n] < options.pMin() || y[n] > options.pMax()) {
        end = End.PARAMETER_RANGE;
        break;
      }
      if (iters <= 3) ds = Math.min(options.maxStep(), ds * 1.5);
    }
    return new Branch(parameter, layout, points, specials, end);
  }

  /**
   * Hopf test function: the real part of the complex eigenvalue pair (Im μ &gt; 1e-8 max(1, |μ|)) nearest
   * the imaginary axis; NaN if there is none. It changes sign where a pair crosses the axis (a neutral
   * saddle, real μ₁ = −μ₂, is not a zero of it, unlike the bialternate-product test).
   */
  static double hopfTest(Stability st) {
    double best = Double.NaN;
    for (Complex mu : st.eigenvalues()) {
      if (mu.getImaginary() > 1e-8 * Math.max(1, mu.norm()) && !(Math.abs(mu.getReal()) >= Math.abs(best))) best = mu.getReal();
    }
    return best;
  }

  /**
   * The branch crossing the given one at a simple branch point, both halves, each traced to the end of
   * the parameter range (or of its points). The null space of G = [D_u h | ∂_p h] is two-dimensional at a
   * simple branch point and holds the tangents of both branches; with the null vectors from the SVD of
   * [G; 0] (Hipparchus {@code SingularValueDecomposition}, the last two right singular vectors), the new
   * direction is the null vector orthogonal to the old branch's tangent t, φ = v − (v·t)t, normalized.
   * Each half starts from a corrector on the hyperplane φ·(y − y_bp) = ±Δs, which the old branch does not
   * meet near the point (φ ⟂ t), so Newton lands on the new branch: for a pitchfork the two halves are
   * the two new branches (x = ±√p), for a transcritical point the new branch on either side of it.
   *
   * @throws IllegalArgumentException if {@code bp} is not a branch point
   */
  public List<Branch> switchAt(Family family, String parameter, Special bp) {
    if (bp.kind() != SpecialKind.BRANCH_POINT) throw new IllegalArgumentException("not a branch point: " + bp.kind().key());
    int n = bp.state().length;
    double[] y = java.util.Arrays.copyOf(bp.state(), n + 1);
    y[n] = bp.parameter();
    double[] t = bp.tangent();
    RealMatrix a = augmented(family, y, new double[n + 1]); // last row zero: [G; 0]
    RealMatrix v = new org.hipparchus.linear.SingularValueDecomposition(a).getV();
    double[] v1 = v.getColumn(n), v2 = v.getColumn(n - 1);
    double[] base = Math.abs(dot(v1, t)) <= Math.abs(dot(v2, t)) ? v1 : v2;
    double[] phi = base.clone();
    double along = dot(phi, t);
    for (int i = 0; i <= n; i++) phi[i] -= along * t[i];
    scale(phi, 1 / norm(phi));
    StateLayout layout = family.at(bp.parameter()).layout();
    Point first = point(family, y);
    List<Branch> out = new ArrayList<>();
    for (int sign : new int[] {+1, -1}) {
      double[] dir = phi.clone();
      scale(dir, sign);
      Corrected c = null;
      for (double ds = options.initialStep(); ds >= options.minStep() && c == null; ds /= 2) c = correct(family, y, dir, ds);
      if (c == null) continue;
      double[] tn;
      try {
        tn = tangent(family, c.y, dir);
      } catch (MathIllegalArgumentException singular) {
        continue;
      }
      if (dot(tn, dir) < 0) scale(tn, -1);
      out.add(traceFrom(family, parameter, layout, c.y, tn, first));
    }
    return out;
  }

  /**
   * A bifurcation diagram: the branch through each start (corrected at p0) traced both ways, then, if
   * {@code switchBranches}, the branches through every simple branch point found ({@link #switchAt}), and
   * those through the branch points they meet, until no new branch point is left or {@code maxBranches}
   * branches are traced. Branch points closer than 1e-6 (max norm over (u, p)) are one point; a start that
   * fails to converge is skipped.
   */
  public List<Branch> diagram(Family family, String parameter, double p0, List<double[]> starts, boolean switchBranches,
      int maxBranches) {
    List<Branch> out = new ArrayList<>();
    for (double[] u0 : starts) {
      for (int dir : new int[] {+1, -1}) {
        if (out.size() >= maxBranches) return out;
        try {
          out.add(trace(family, parameter, p0, u0, dir));
        } catch (IllegalArgumentException noPoint) {
          break;
        }
      }
    }
    if (!switchBranches) return out;
    List<Special> done = new ArrayList<>();
    for (int b = 0; b < out.size() && out.size() < maxBranches; b++) {
      for (Special sp : out.get(b).specials(SpecialKind.BRANCH_POINT)) {
        boolean seen = false;
        for (Special d : done) seen |= sameSpecial(d, sp);
        if (seen) continue;
        done.add(sp);
        for (Branch nb : switchAt(family, parameter, sp)) if (out.size() < maxBranches) out.add(nb);
      }
    }
    return out;
  }

  private static boolean sameSpecial(Special a, Special b) {
    double d = Math.abs(a.parameter() - b.parameter());
    double[] x = a.state(), y = b.state();
    for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
    return d <= 1e-6 * Math.max(1, Math.abs(a.parameter()));
  }

  private record Corrected(double[] y, int iterations) {}

  /**
   * Predictor y + ds t, then Newton on (h, t·(y - y0) - ds); null if it fails, also when the family
   * rejects the parameter (a model's constructor throws, e.g. β ≤ 0) or the drift is undefined there.
   */
  private Corrected correct(Family family, double[] y0, double[] t, double ds) {
    try {
      return correctOrThrow(family, y0, t, ds);
    } catch (RuntimeException outside) {
      return null;
    }
  }

  private Corrected correctOrThrow(Family family, double[] y0, double[] t, double ds) {
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

  /**
   * Locates the zero of the test function of {@code kind} on the arclength σ ∈ (0, ds) from y0 (each trial
   * corrected onto the branch) with Hipparchus' {@code BracketingNthOrderBrentSolver} (inverse polynomial
   * interpolation of order 5 kept inside the bracket) to |Δσ| &lt; locateTolerance. A Hopf point gets its
   * frequency and first Lyapunov coefficient; null if its bracket cannot be evaluated.
   */
  private Special locate(Family family, double[] y0, double[] t0, double ds, SpecialKind kind) {
    int n = y0.length - 1;
    double[][] last = new double[1][];
    org.hipparchus.analysis.UnivariateFunction f = sigma -> {
      if (sigma <= 0) return testAt(family, y0, t0, kind);
      Corrected c = correct(family, y0, t0, sigma);
      // exactly at a branch point the bordered matrix is singular and the corrector can fail: nudge σ
      // (within about the corrector's tolerance of it): nudge σ by up to ±2^-10 ds
      for (int k = 0; c == null && k <= 20; k++) {
        double nudged = sigma + (k % 2 == 0 ? 1 : -1) * ds * Math.pow(2, -30 + k);
        if (nudged > 0 && nudged < ds) c = correct(family, y0, t0, nudged);
      }
      if (c == null) throw new IllegalStateException("corrector failed");
      last[0] = c.y;
      return testAt(family, c.y, t0, kind);
    };
    double[] best;
    try {
      double f0 = f.value(0), f1 = f.value(ds);
      if (f0 == 0) best = y0.clone();
      else if (f1 == 0 || Math.signum(f0) == Math.signum(f1)) best = last[0];
      else {
        double root = new org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver(
            0, options.locateTolerance(), 0, 5).solve(200, f, 0, ds);
        Corrected c = correct(family, y0, t0, root);
        best = c != null ? c.y : last[0];
      }
    } catch (RuntimeException failed) {
      if (kind == SpecialKind.HOPF) return null;
      Corrected c = correct(family, y0, t0, ds / 2);
      best = c != null ? c.y : y0.clone();
    }
    Point p = point(family, best);
    double[] tan;
    try {
      tan = tangent(family, best, t0);
      if (dot(tan, t0) < 0) scale(tan, -1);
    } catch (MathIllegalArgumentException singular) {
      tan = t0.clone();
    }
    double freq = Double.NaN, l1 = Double.NaN;
    if (kind == SpecialKind.HOPF) {
      try {
        HopfNormalForm.Result r = HopfNormalForm.at(family.at(best[n]), java.util.Arrays.copyOf(best, n));
        freq = r.frequency();
        l1 = r.firstLyapunov();
      } catch (RuntimeException notHopf) {
        return null;
      }
    }
    return new Special(kind, best[n], java.util.Arrays.copyOf(best, n), p.stability(), tan, freq, l1);
  }

  private static double testAt(Family family, double[] y, double[] tRef, SpecialKind kind) {
    if (kind == SpecialKind.HOPF) {
      int n = y.length - 1;
      return hopfTest(Stability.of(Jacobians.at(family.at(y[n]), java.util.Arrays.copyOf(y, n))));
    }
    return test(family, y, tRef, kind);
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
