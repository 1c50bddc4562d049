package org.effdyn.model.committee;

import java.util.List;
import java.util.Optional;
import org.effdyn.core.Check;
import org.effdyn.core.Trajectory;

/**
 * The symmetric (unspecialized) plateau of ε_g (docs/committee.md; Saad–Solla 1995): the longest
 * stretch of a trajectory where ε_g is flat within a tolerance, and that ends before the trajectory
 * does (so a converged tail, flat at ε_g → 0 or at a noise floor, is not a plateau).
 *
 * <p>Flatness at sample i: the relative rate over a centred window of width {@code window},
 * \[ r_i = \frac{|\varepsilon(t_{i^+}) - \varepsilon(t_{i^-})|}{(t_{i^+} - t_{i^-})\,\varepsilon(t_i)} \le \mathrm{tol}, \]
 * with t_{i±} the samples nearest t_i ± window/2 (clipped to the grid). The window smooths the
 * O(N^{-1/2}) jitter of SGD recordings; for an ODE trajectory any window of a few samples works.
 * Entry is the first flat sample of the run, exit the last; the level is ε_g at the middle sample.
 * The plateau of K = M = 2, erf, η = 0.5 sits at ε_g ≈ 0.0147 and its length grows like log N
 * (see {@code CommitteePlateauValidationTest}).
 *
 * @param entry entry time
 * @param exit  exit time
 * @param level ε_g in the middle of the plateau
 * @param entryIndex sample index of the entry
 * @param exitIndex  sample index of the exit
 */
public record Plateau(double entry, double exit, double level, int entryIndex, int exitIndex) {
  /** exit − entry. */
  public double length() {
    return exit - entry;
  }

  /**
   * The plateau of the column {@code eps_g} of a trajectory (which must carry it, e.g. through
   * {@code model.derivedColumns()}), as two events {@code plateau-entry} and {@code plateau-exit}
   * with the states there.
   */
  public List<Trajectory.EventRecord> events(Trajectory t) {
    return List.of(new Trajectory.EventRecord("plateau-entry", entry, t.state(entryIndex)),
        new Trajectory.EventRecord("plateau-exit", exit, t.state(exitIndex)));
  }

  /** {@link #detect(double[], double[], double, double, double)} on a trajectory's {@code eps_g} column. */
  public static Optional<Plateau> detect(Trajectory t, double tol, double window, double minLength) {
    return detect(t.times(), t.column("eps_g"), tol, window, minLength);
  }

  /**
   * The longest run of flat samples (see the class comment) that ends before the last sample and
   * lasts at least {@code minLength}; empty if there is none.
   *
   * @param times     increasing sample times
   * @param eps       ε_g at those times (entries ≤ 0 count as not flat)
   * @param tol       tolerance on the relative rate |dε/dt|/ε, &gt; 0 (per unit time)
   * @param window    width of the smoothing window, &gt; 0 (time units)
   * @param minLength shortest plateau reported, ≥ 0
   */
  public static Optional<Plateau> detect(double[] times, double[] eps, double tol, double window, double minLength) {
    Check.positiveFinite("tol", tol);
    Check.positiveFinite("window", window);
    Check.nonNegativeFinite("minLength", minLength);
    if (times.length != eps.length) {
      throw new IllegalArgumentException("times and eps differ in length: " + times.length + ", " + eps.length);
    }
    int n = times.length;
    int bestStart = -1;
    int bestEnd = -1;
    int start = -1;
    for (int i = 0; i < n; i++) {
      boolean flat = flat(times, eps, i, tol, window);
      if (flat && start < 0) start = i;
      if ((!flat || i == n - 1) && start >= 0) {
        int end = flat ? i : i - 1;
        boolean endsBeforeLast = !flat; // a run reaching the last sample is a converged tail
        if (endsBeforeLast && (bestStart < 0 || times[end] - times[start] > times[bestEnd] - times[bestStart])) {
          bestStart = start;
          bestEnd = end;
        }
        start = -1;
      }
    }
    if (bestStart < 0 || times[bestEnd] - times[bestStart] < minLength) return Optional.empty();
    return Optional.of(new Plateau(times[bestStart], times[bestEnd], eps[(bestStart + bestEnd) / 2], bestStart, bestEnd));
  }

  private static boolean flat(double[] t, double[] e, int i, double tol, double window) {
    if (!(e[i] > 0)) return false;
    int lo = i;
    while (lo > 0 && t[lo] > t[i] - window / 2) lo--;
    int hi = i;
    while (hi < t.length - 1 && t[hi] < t[i] + window / 2) hi++;
    if (hi == lo) return false;
    return Math.abs(e[hi] - e[lo]) <= tol * (t[hi] - t[lo]) * e[i];
  }
}
