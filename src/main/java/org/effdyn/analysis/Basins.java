package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.TimeGrid;
import org.effdyn.solve.OdeSolver;

/**
 * Basins of attraction seen from an initial law: the probability that the limit ODE started from
 * u0 ~ ν settles at each attractor. Path i draws u0 from {@code RandomStreams.stream(seed, i)}, solves
 * to the horizon, and Newton from the end state finds the fixed point it was approaching; the path
 * counts for that point if it is attracting (stable node or focus) and the end state lies within
 * {@code settle} of it (max norm, relative to max(1, |u*|)), else as unresolved (horizon too short, or
 * a non-attracting end, or a failed solve). Probabilities carry Wilson score intervals. Results do not depend on the
 * thread count.
 */
public final class Basins {
  private Basins() {}

  /** One attractor: the fixed point, how many paths reached it, the estimate and its interval. */
  public record Attractor(FixedPoint point, int count, double probability, double lower, double upper) {}

  /** All attractors (in order of first discovery by path index), the unresolved paths and the settings. */
  public record Result(List<Attractor> attractors, int unresolved, int paths, double confidence, int[] assignment) {
    /** The attractor nearest to u (max norm), if any. */
    public Optional<Attractor> nearest(double[] u) {
      Attractor best = null;
      double bd = Double.POSITIVE_INFINITY;
      for (Attractor a : attractors) {
        double d = 0;
        for (int i = 0; i < u.length; i++) d = Math.max(d, Math.abs(u[i] - a.point().get(i)));
        if (d < bd) {
          bd = d;
          best = a;
        }
      }
      return Optional.ofNullable(best);
    }
  }

  /** Settings: horizon T, number of paths, master seed, threads, settle distance, confidence level. */
  public record Options(double horizon, int paths, long seed, int threads, double settle, double confidence) {
    public Options {
      Check.positiveFinite("horizon", horizon);
      Check.atLeast("paths", paths, 1);
      Check.atLeast("threads", threads, 1);
      Check.positiveFinite("settle", settle);
      if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }

    /** settle 1e-3, 95% intervals. */
    public static Options of(double horizon, int paths, long seed, int threads) {
      return new Options(horizon, paths, seed, threads, 1e-3, 0.95);
    }
  }

  /**
   * Estimates basin probabilities.
   *
   * @param fixed statistics set after each draw (by coordinate name), e.g. a planted value; may be empty
   */
  public static Result estimate(Dynamics dyn, InitialLaw law, Map<String, Double> fixed, OdeSolver solver,
      FixedPointFinder finder, Options o) {
    int n = dyn.dimension();
    int[] idx = new int[fixed.size()];
    double[] val = new double[fixed.size()];
    int k = 0;
    for (Map.Entry<String, Double> e : fixed.entrySet()) {
      idx[k] = dyn.layout().indexOf(e.getKey());
      val[k++] = e.getValue();
    }
    TimeGrid grid = TimeGrid.of(o.horizon(), 2);
    // an adaptive first step as long as the horizon can overflow a polynomial drift in its trial
    // stages (a NaN there is fatal; seen for tensor PCA from m = 0.41 over T = 40, where a step of T/100 still
    // failed): cap the step at T/1000 unless the caller set one
    OdeSolver bounded = Double.isNaN(solver.options().step()) && solver.options().method().adaptive()
        ? new OdeSolver(solver.options().withStep(o.horizon() / 1000)) : solver;
    List<Optional<FixedPoint>> ends = Parallel.map(o.paths(), o.threads(), i -> {
      UniformRandomProvider rng = RandomStreams.stream(o.seed(), i);
      double[] u0 = new double[n];
      law.sample(law.deterministic() ? null : rng, u0);
      for (int j = 0; j < idx.length; j++) u0[idx[j]] = val[j];
      double[] end;
      try {
        end = bounded.solve(dyn, u0, grid).finalState();
      } catch (RuntimeException failed) {
        return Optional.<FixedPoint>empty();
      }
      Optional<FixedPoint> fp = finder.from(dyn, end);
      if (fp.isEmpty() || !fp.get().kind().attracting()) return Optional.<FixedPoint>empty();
      for (int j = 0; j < n; j++) {
        double s = fp.get().get(j);
        if (Math.abs(end[j] - s) > o.settle() * Math.max(1, Math.abs(s))) return Optional.<FixedPoint>empty();
      }
      return fp;
    }, null);
    List<FixedPoint> points = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    int[] assignment = new int[o.paths()];
    int unresolved = 0;
    for (int i = 0; i < ends.size(); i++) {
      Optional<FixedPoint> e = ends.get(i);
      if (e.isEmpty()) {
        unresolved++;
        assignment[i] = -1;
        continue;
      }
      int match = -1;
      for (int a = 0; a < points.size() && match < 0; a++) if (same(points.get(a), e.get(), finder.mergeDistance())) match = a;
      if (match < 0) {
        points.add(e.get());
        counts.add(0);
        match = points.size() - 1;
      }
      counts.set(match, counts.get(match) + 1);
      assignment[i] = match;
    }
    List<Attractor> out = new ArrayList<>();
    for (int a = 0; a < points.size(); a++) {
      int c = counts.get(a);
      double[] ci = Parallel.wilson(c, o.paths(), o.confidence());
      out.add(new Attractor(points.get(a), c, (double) c / o.paths(), ci[0], ci[1]));
    }
    return new Result(out, unresolved, o.paths(), o.confidence(), assignment);
  }

  private static boolean same(FixedPoint a, FixedPoint b, double tol) {
    for (int i = 0; i < a.state().length; i++) {
      if (Math.abs(a.get(i) - b.get(i)) > tol * Math.max(1, Math.abs(a.get(i)))) return false;
    }
    return true;
  }
}
