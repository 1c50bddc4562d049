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

  /** Largest state dimension for which {@link FixedPoint#multiplicity()} of a non-hyperbolic point is computed. */
  public static final int MULTIPLICITY_MAX_DIMENSION = 3;

  /**
   * What a search did: the distinct points, how many starts it used, how many converged, how many
   * converged to a root outside the domain (dropped), the domain, and the indices of the starts not searched
   * (not reached, or stopped, within the {@link Budget}).
   */
  public record Search(List<FixedPoint> points, int starts, int converged, int outsideDomain, String domain,
      List<Integer> notSearched) {
    public Search {
      points = List.copyOf(points);
      notSearched = List.copyOf(notSearched);
    }

    /** Starts that did not converge (diverged, stalled, or met a drift undefined there). */
    public int failed() {
      return starts - converged - outsideDomain - notSearched.size();
    }
  }

  /**
   * A wall-time limit on a search: a start not begun by the deadline is not run, and a Newton run still going
   * at the deadline is stopped; both count as not searched ({@link Search#notSearched}). Which starts are
   * reached depends on the machine's speed and load (the points found from those reached do not).
   *
   * @param deadline {@link System#nanoTime()} at which the search stops; {@link Long#MAX_VALUE}: no limit
   */
  public record Budget(long deadline) {
    /** No limit. */
    public static Budget none() {
      return new Budget(Long.MAX_VALUE);
    }

    /** A limit of {@code seconds} from now (+∞: none). */
    public static Budget seconds(double seconds) {
      Check.positiveOrInfinite("budget", seconds);
      if (seconds == Double.POSITIVE_INFINITY || seconds > 1e9) return none();
      return new Budget(System.nanoTime() + (long) (seconds * 1e9));
    }

    /** True once the deadline has passed. */
    public boolean spent() {
      return deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0;
    }
  }

  /** Every distinct fixed point reached from the starts, sorted by coordinates (lexicographic). */
  public List<FixedPoint> find(Dynamics dyn, List<double[]> starts) {
    return search(dyn, starts).points();
  }

  /**
   * Every distinct fixed point reached from the starts, with counts. Each start is projected onto the
   * domain ({@link HasDomain} of the dynamics, intersected with this finder's predicate), Newton's trials
   * are projected too (a projected damped Newton: the backtracking keeps the iterate where the drift is
   * defined), and a root outside the domain is dropped and counted. A root where J is singular
   * (non-hyperbolic) is polished further by full Newton steps while the residual falls (Newton converges
   * only linearly there, so the first root within tolerance is still of order √tol away and two starts
   * would report two copies of one point), then merged with any other copy within the distance of its last
   * steps, and given its multiplicity.
   */
  public Search search(Dynamics dyn, List<double[]> starts) {
    return search(dyn, starts, Budget.none());
  }

  /**
   * {@link #search(Dynamics, List)} within a wall-time budget: starts not reached, or cut short, by its
   * deadline are counted in {@link Search#notSearched}; the points found from the others are returned.
   */
  public Search search(Dynamics dyn, List<double[]> starts, Budget budget) {
    int n = dyn.dimension();
    for (double[] s : starts) Check.length("start", s, n);
    StateDomain dom = HasDomain.of(dyn);
    Outcome[] outcomes = new Outcome[starts.size()];
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    int workers = Math.max(1, Math.min(starts.size(), Runtime.getRuntime().availableProcessors()));
    IntStream.range(0, workers).parallel().forEach(w -> { // starts taken in order, so a spent budget leaves a tail
      for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
        outcomes[i] = budget.spent() ? CUT : solveFrom(dyn, starts.get(i), dom, budget);
      }
    });
    List<double[]> distinct = new ArrayList<>();
    List<Double> spread = new ArrayList<>();
    List<Integer> hits = new ArrayList<>();
    int converged = 0, outside = 0;
    List<Integer> cut = new ArrayList<>();
    for (int k = 0; k < outcomes.length; k++) {
      Outcome o = outcomes[k];
      if (o == CUT) cut.add(k);
      if (o == null || o == CUT) continue;
      if (!o.admissible) {
        outside++;
        continue;
      }
      converged++;
      int match = -1;
      for (int i = 0; i < distinct.size() && match < 0; i++) {
        if (close(distinct.get(i), o.root) || distance(distinct.get(i), o.root) <= spread.get(i) + o.spread) match = i;
      }
      if (match >= 0) {
        hits.set(match, hits.get(match) + 1);
        if (o.spread < spread.get(match)) { // keep the better-polished copy
          distinct.set(match, o.root);
          spread.set(match, o.spread);
        }
      } else {
        distinct.add(o.root);
        spread.add(o.spread);
        hits.add(1);
      }
    }
    List<FixedPoint> out = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) {
      FixedPoint p = describe(dyn, distinct.get(i), hits.get(i));
      if (p.kind() == Stability.Kind.NON_HYPERBOLIC) p = p.with(p.hits(), multiplicity(dyn, p.state()));
      out.add(p);
    }
    out.sort(Comparator.comparing(FixedPoint::state, java.util.Arrays::compare));
    String described = dom.describe();
    if (domain != null) described += "; and the caller's predicate";
    if (described.startsWith("unrestricted; ")) described = described.substring("unrestricted; ".length());
    return new Search(out, starts.size(), converged, outside, described, cut);
  }

  /** A converged Newton run: its root, whether it is admissible, and the size of its last steps (0 for a simple root). */
  private record Outcome(double[] root, boolean admissible, double spread) {}

  /** A start not run, or stopped, at the budget's deadline. */
  private static final Outcome CUT = new Outcome(new double[0], false, 0);

  private Outcome solveFrom(Dynamics dyn, double[] start, StateDomain dom, Budget budget) {
    double[] u = start.clone();
    dom.project(u);
    double[] r = solve(dyn, u, dom, null, budget).orElse(null);
    if (r == null) return budget.spent() ? CUT : null;
    double spread = 0;
    if (describe(dyn, r, 1).kind() == Stability.Kind.NON_HYPERBOLIC) {
      spread = deepPolish(dyn, r, dom);
      double[] h = new double[r.length];
      double[] step = Double.isFinite(residual(dyn, r, null, h)) ? newtonStep(dyn, r, h) : null;
      if (step != null) spread = Math.max(spread, 4 * maxAbs(step)); // the distance left to the root, about one Newton step
    }
    return new Outcome(r, admissible(r) && dom.contains(r), spread);
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

  /** Damped Newton from start (projected onto the dynamics' domain); empty if it does not converge, leaves the domain or meets a non-finite drift. */
  Optional<double[]> newton(Dynamics dyn, double[] start) {
    StateDomain dom = HasDomain.of(dyn);
    double[] u = start.clone();
    dom.project(u);
    return solve(dyn, u, dom, null, Budget.none()).filter(r -> dom.contains(r) && admissible(r));
  }

  /**
   * Projected damped Newton for h(u) = target (target null: 0) from u (already in the domain).
   * Each trial is P(u + αΔ), P the projection onto the domain; a drift that throws or is not finite at a
   * trial counts as a failed trial (α halved). Returns the root (after polishing) or empty (also when the
   * budget is spent before it converges).
   */
  private Optional<double[]> solve(Dynamics dyn, double[] u, StateDomain dom, double[] target, Budget budget) {
    int n = dyn.dimension();
    double[] h = new double[n];
    double res = residual(dyn, u, target, h);
    double tol = tolerance;
    for (int it = 0; it <= maxIterations; it++) {
      if (!Double.isFinite(res)) return Optional.empty();
      if (res <= tol) {
        polish(dyn, u, h, res, dom, target);
        return Optional.of(u);
      }
      if (it == maxIterations) break;
      if (budget.spent()) return Optional.empty();
      double[] step = newtonStep(dyn, u, h);
      if (step == null) return Optional.empty();
      double current = res;
      double r = backtrack(u, h, step, dom, (x, hx) -> residual(dyn, x, target, hx), v -> v < current || v <= tol);
      if (Double.isNaN(r)) return stalled(dyn, u, res, target);
      res = r;
    }
    return stalled(dyn, u, res, target);
  }

  /**
   * Newton stalled at u (no decrease within 2^-20 backtracking, or out of iterations). Accepted as a
   * degenerate root when the residual is within √tolerance and J is singular there (non-hyperbolic): Newton
   * converges only linearly to such a root, and near the boundary of the domain (a hidden unit that died,
   * its Gram row at 0) the projection shortens its steps further. The residual it reports says how far it got.
   */
  private Optional<double[]> stalled(Dynamics dyn, double[] u, double res, double[] target) {
    if (target != null || !(res <= Math.sqrt(tolerance))) return Optional.empty();
    try {
      return describe(dyn, u, 1).kind() == Stability.Kind.NON_HYPERBOLIC ? Optional.of(u) : Optional.empty();
    } catch (RuntimeException undefined) {
      return Optional.empty();
    }
  }

  /** A merit value at a trial point, with the drift there written into its second argument (NaN: undefined there). */
  interface TrialValue {
    double at(double[] trial, double[] h);
  }

  /**
   * Backtracking: trials P(u + α step), P the projection onto the domain, α = 1, 1/2, … down to 2^-20;
   * the first whose value {@code accept} takes is copied into u (its drift into h) and its value returned;
   * NaN if none is taken (u and h unchanged).
   */
  static double backtrack(double[] u, double[] h, double[] step, StateDomain dom, TrialValue value,
      java.util.function.DoublePredicate accept) {
    int n = u.length;
    double[] trial = new double[n];
    double[] ht = new double[n];
    for (double alpha = 1; alpha >= 0x1p-20; alpha /= 2) {
      for (int i = 0; i < n; i++) trial[i] = u[i] + alpha * step[i];
      dom.project(trial);
      double v = value.at(trial, ht);
      if (accept.test(v)) {
        System.arraycopy(trial, 0, u, 0, n);
        System.arraycopy(ht, 0, h, 0, n);
        return v;
      }
    }
    return Double.NaN;
  }

  /** max|h(u) − target| into h (h − target), NaN if the drift throws or is not finite there. */
  private static double residual(Dynamics dyn, double[] u, double[] target, double[] h) {
    try {
      dyn.drift(u, h);
    } catch (RuntimeException undefined) { // e.g. a Gram matrix that is not PSD: outside the drift's domain
      return Double.NaN;
    }
    if (target != null) for (int i = 0; i < h.length; i++) h[i] -= target[i];
    return maxAbs(h);
  }

  /** The Newton step −J⁻¹h (least squares through QR), or null when J cannot be formed or solved. */
  private static double[] newtonStep(Dynamics dyn, double[] u, double[] h) {
    try {
      double[][] jac = Jacobians.at(dyn, u);
      DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(jac, false), 1e-14).getSolver();
      return solver.solve(new ArrayRealVector(h, true).mapMultiply(-1)).toArray();
    } catch (RuntimeException singular) {
      return null;
    }
  }

  /** Up to two more full Newton steps, each kept only if it lowers the residual (rounding-level roots). */
  private static void polish(Dynamics dyn, double[] u, double[] h, double res, StateDomain dom, double[] target) {
    fullSteps(dyn, u, h, res, dom, target, 2);
  }

  /** Full projected Newton steps while the residual falls, at most max; returns the size (max norm) of the last step taken. */
  private static double fullSteps(Dynamics dyn, double[] u, double[] h, double res, StateDomain dom, double[] target, int max) {
    int n = u.length;
    double[] trial = new double[n];
    double[] ht = new double[n];
    double last = 0;
    for (int extra = 0; extra < max && res > 0; extra++) {
      double[] step = newtonStep(dyn, u, h);
      if (step == null) return last;
      for (int i = 0; i < n; i++) trial[i] = u[i] + step[i];
      dom.project(trial);
      double r = residual(dyn, trial, target, ht);
      if (!(r < res)) return last;
      last = 0;
      for (int i = 0; i < n; i++) last = Math.max(last, Math.abs(trial[i] - u[i]));
      System.arraycopy(trial, 0, u, 0, n);
      System.arraycopy(ht, 0, h, 0, n);
      res = r;
    }
    return last;
  }

  /**
   * A root where J is singular: up to 200 more full Newton steps while the residual falls. Newton
   * converges linearly there (ratio (p − 1)/p at a root of order p in one variable), so this takes the
   * root from the √tol-level distance where the residual first met the tolerance to rounding level.
   * Returns the size of the last step, an estimate of the remaining error used to merge copies.
   */
  private static double deepPolish(Dynamics dyn, double[] u, StateDomain dom) {
    double[] h = new double[u.length];
    double res = residual(dyn, u, null, h);
    return 4 * fullSteps(dyn, u, h, res, dom, null, 200);
  }

  /**
   * Multiplicity of a non-hyperbolic root u* (n ≤ {@link #MULTIPLICITY_MAX_DIMENSION}; else 0): the largest
   * number of distinct real roots of h(u) = ε within the box u* ± ρ, ρ = 1e-3 max(1, |u*|), over the 2ⁿ
   * sign patterns ε_i = ±s_i, where s_i = max |h_i| over u* ± (ρ/2) e_j (so the perturbed roots lie at
   * about ρ/2). Roots are counted from a 7ⁿ grid of starts by Newton on the perturbed system, which is
   * regular at its roots, ignoring the domain (a root of the unperturbed system on the domain's boundary
   * splits into roots on both sides). For a scalar root of order p this is p when ε has the sign giving p
   * real roots; for the tensor PCA origin, h ≈ (6λm², 12c_δ²(m² + r⊥²)²), it is 4 = 2·2.
   */
  int multiplicity(Dynamics dyn, double[] u) {
    int n = u.length;
    if (n > MULTIPLICITY_MAX_DIMENSION) return 0;
    double rho = 1e-3 * Math.max(1, maxAbs(u));
    double[] s = new double[n];
    double[] h = new double[n];
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      for (int sign : new int[] {-1, 1}) {
        System.arraycopy(u, 0, v, 0, n);
        v[j] += sign * rho / 2;
        if (!Double.isFinite(residual(dyn, v, null, h))) continue;
        for (int i = 0; i < n; i++) s[i] = Math.max(s[i], Math.abs(h[i]));
      }
    }
    for (double x : s) if (!(x > 0)) return 0;
    double[] lo = new double[n], hi = new double[n];
    for (int i = 0; i < n; i++) {
      lo[i] = u[i] - rho;
      hi[i] = u[i] + rho;
    }
    List<double[]> starts = grid(lo, hi, 7);
    StateDomain free = StateDomain.unrestricted(dyn.layout());
    FixedPointFinder perturbed = new FixedPointFinder(1e-9 * minPositive(s), 60, 1e-3, null);
    int best = 0;
    for (int pattern = 0; pattern < (1 << n); pattern++) {
      double[] target = new double[n];
      for (int i = 0; i < n; i++) target[i] = ((pattern >> i) & 1) == 0 ? s[i] : -s[i];
      List<double[]> roots = new ArrayList<>();
      for (double[] st : starts) {
        double[] r = perturbed.solve(dyn, st.clone(), free, target, Budget.none()).orElse(null);
        if (r == null || distance(r, u) > 2 * rho) continue;
        boolean seen = false;
        for (double[] q : roots) seen |= distance(q, r) <= 1e-3 * rho;
        if (!seen) roots.add(r);
      }
      best = Math.max(best, roots.size());
    }
    return Math.max(best, 1);
  }

  private static double minPositive(double[] s) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : s) m = Math.min(m, x);
    return m;
  }

  private static double distance(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
    return d;
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
