package org.effdyn.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SdeSolver;

/**
 * Time to an event: the first time a statistic f(u) (or |f(u)|) reaches a level, from whichever side it
 * starts on (escape times: |m̃| reaching a level; learning times: ε_g falling below one).
 * <ul>
 *   <li>ODE: one solve with a stopping {@link Event}, located by the solver's root finder to 1e-10
 *       in t ({@link #ode});</li>
 *   <li>SDE ensemble: Euler–Maruyama path i from {@code RandomStreams.stream(seed, i)} (first its
 *       initial state, then its noise, as the scenario runner does); the crossing is the linear
 *       interpolation between the two grid samples that bracket it, so its resolution is the output
 *       spacing ({@link #sde}).</li>
 * </ul>
 * A path that never reaches the level within the horizon has time NaN (censored). Results do not
 * depend on the thread count.
 */
public final class FirstPassage {
  private FirstPassage() {}

  /** The event: statistic (a layout name), level, and whether |statistic| is meant. */
  public record Level(String statistic, double level, boolean absolute) {
    public Level {
      Check.finite("level", level);
      if (absolute && level < 0) throw new IllegalArgumentException("level of |" + statistic + "| must be >= 0, got " + level);
    }

    double value(double x) {
      return absolute ? Math.abs(x) : x;
    }
  }

  /** Passage times by path (NaN = not reached by the horizon) and their summaries. */
  public record Result(double[] times, double horizon, double confidence) {
    public Result {
      times = times.clone();
    }

    @Override
    public double[] times() {
      return times.clone();
    }

    public int paths() {
      return times.length;
    }

    /** Number of paths that reached the level. */
    public int reached() {
      int k = 0;
      for (double t : times) if (!Double.isNaN(t)) k++;
      return k;
    }

    /** Fraction reached with its Wilson interval: {p, lower, upper}. */
    public double[] fractionReached() {
      double[] ci = Parallel.wilson(reached(), times.length, confidence);
      return new double[] {(double) reached() / times.length, ci[0], ci[1]};
    }

    /** Mean over the paths that reached (NaN if none). */
    public double mean() {
      double s = 0;
      int k = 0;
      for (double t : times) {
        if (!Double.isNaN(t)) {
          s += t;
          k++;
        }
      }
      return k == 0 ? Double.NaN : s / k;
    }

    /** Sample std over the paths that reached. */
    public double std() {
      double m = mean();
      double s = 0;
      int k = 0;
      for (double t : times) {
        if (!Double.isNaN(t)) {
          s += (t - m) * (t - m);
          k++;
        }
      }
      return k < 2 ? 0 : Math.sqrt(s / (k - 1));
    }

    /** Standard error of the mean. */
    public double standardError() {
      int k = reached();
      return k < 2 ? Double.NaN : std() / Math.sqrt(k);
    }

    /**
     * Quantile q of the passage time over all paths, censored ones counting as +∞ (so the median is
     * defined while at least half the paths reached); +∞ if the quantile falls among censored paths.
     */
    public double quantile(double q) {
      double[] s = new double[times.length];
      for (int i = 0; i < s.length; i++) s[i] = Double.isNaN(times[i]) ? Double.POSITIVE_INFINITY : times[i];
      Arrays.sort(s);
      double h = (s.length - 1) * q;
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, s.length - 1);
      if (Double.isInfinite(s[hi])) return Double.POSITIVE_INFINITY;
      return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
  }

  /** First passage of one ODE solve from u0 on the grid; NaN if not reached by grid.t1(). */
  public static double ode(OdeSolver solver, Dynamics dyn, double[] u0, TimeGrid grid, Level level) {
    int j = dyn.layout().indexOf(level.statistic());
    if (level.value(u0[j]) == level.level()) return grid.t0();
    List<Event> events = level.absolute() && level.level() > 0
        ? List.of(new Event("up", level.statistic(), level.level(), Event.Action.STOP),
            new Event("down", level.statistic(), -level.level(), Event.Action.STOP))
        : List.of(new Event("cross", level.statistic(), level.level(), Event.Action.STOP));
    Trajectory t = solver.solve(dyn, u0, grid, events);
    return t.events().isEmpty() ? Double.NaN : t.events().get(0).t();
  }

  /** First passage from the grid samples of one path (linear interpolation); NaN if never. */
  public static double fromSamples(double[] times, double[] x, Level level) {
    double l = level.level();
    double v0 = level.value(x[0]);
    if (v0 == l) return times[0];
    boolean below = v0 < l;
    for (int i = 1; i < x.length; i++) {
      double v = level.value(x[i]);
      if (below ? v >= l : v <= l) {
        double prev = level.value(x[i - 1]);
        double f = (l - prev) / (v - prev);
        return times[i - 1] + f * (times[i] - times[i - 1]);
      }
    }
    return Double.NaN;
  }

  /**
   * An SDE ensemble's passage times: path i draws u0 from the law (then the {@code fixed} values
   * are set) and its noise from {@code RandomStreams.stream(seed, i)}.
   */
  public static Result sde(SdeSolver solver, Dynamics dyn, InitialLaw law, Map<String, Double> fixed, TimeGrid grid,
      Level level, int paths, long seed, int threads, double confidence) {
    Check.atLeast("paths", paths, 1);
    int j = dyn.layout().indexOf(level.statistic());
    double[] times = grid.times();
    List<Double> out = Parallel.map(paths, threads, i -> {
      UniformRandomProvider rng = RandomStreams.stream(seed, i);
      double[] u0 = draw(dyn, law, fixed, rng);
      try {
        Trajectory t = solver.solve(dyn, u0, grid, rng);
        return fromSamples(times, t.column(dyn.layout().name(j)), level);
      } catch (RuntimeException failed) {
        return Double.NaN;
      }
    }, null);
    return new Result(unbox(out), grid.t1(), confidence);
  }

  /** An ODE ensemble's passage times from a random initial law (path i from stream(seed, i)). */
  public static Result odeEnsemble(OdeSolver solver, Dynamics dyn, InitialLaw law, Map<String, Double> fixed,
      TimeGrid grid, Level level, int paths, long seed, int threads, double confidence) {
    Check.atLeast("paths", paths, 1);
    List<Double> out = Parallel.map(paths, threads, i -> {
      double[] u0 = draw(dyn, law, fixed, RandomStreams.stream(seed, i));
      return ode(solver, dyn, u0, grid, level);
    }, null);
    return new Result(unbox(out), grid.t1(), confidence);
  }

  private static double[] draw(Dynamics dyn, InitialLaw law, Map<String, Double> fixed, UniformRandomProvider rng) {
    double[] u0 = new double[dyn.dimension()];
    law.sample(law.deterministic() ? null : rng, u0);
    for (Map.Entry<String, Double> e : fixed.entrySet()) u0[dyn.layout().indexOf(e.getKey())] = e.getValue();
    return u0;
  }

  private static double[] unbox(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) a[i] = l.get(i);
    return a;
  }
}
