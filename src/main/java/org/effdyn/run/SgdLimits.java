package org.effdyn.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.analysis.Parallel;
import org.effdyn.card.Scenario;
import org.effdyn.core.Dynamics;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;

/**
 * The limits that start where the SGD runs start ({@code simulate.limit_start}, ballistic cards),
 * as validation does: the limit theorem holds for the statistics measured at t0, and at finite d they
 * differ from the card's init (a random initial law is drawn afresh; planted values leave the other
 * statistics at their measured O(d^{-1/2}) values).
 * <ul>
 *   <li>{@link Scenario.LimitStart#MEASURED}: one limit per SGD run from its state at t0; runs whose
 *       starts are bit-identical share one solve;</li>
 *   <li>{@link Scenario.LimitStart#MEAN}: one limit per d from the mean (in seed order) of that d's
 *       starts.</li>
 * </ul>
 * Each limit is solved on the card's grid with the card's solver options and without its events
 * (they belong to {@code limit.csv}), then gets the model's derived columns. A failed solve is a
 * warning and leaves its run out. For every d and column, {@link #supError()} is the sup over the grid
 * of |SGD − its limit|, averaged over the d's runs. Solves run in parallel; the result does not
 * depend on the thread count.
 *
 * @param mode      measured or mean
 * @param blocks    the limits in (d, seed) order ({@code seedIndex} = -1 for a mean-start limit)
 * @param solves    ODE solves made (distinct starts)
 * @param failed    solves that failed
 * @param supError  per d (in simulate.d order): column -&gt; mean over runs of sup_t |SGD − limit|,
 *                  columns as in sgd.csv
 */
record SgdLimits(Scenario.LimitStart mode, List<Block> blocks, int solves, int failed, List<DimError> supError) {

  /** The sup-errors at one d: d, its index, the runs averaged over, column -&gt; mean sup error. */
  record DimError(int d, int dIndex, int runs, Map<String, Double> sup) {}

  /**
   * One limit: its d, the index of d, the seed index of its SGD run (-1: the mean start), and the
   * trajectory with derived columns.
   */
  record Block(int d, int dIndex, int seedIndex, Trajectory limit) {}

  /** Seed index of a limit from a mean start. */
  static final int MEAN_SEED = -1;

  /**
   * Solves the limits of one variant's SGD runs (sgd in (d, seed) order, at least one run).
   *
   * @param derived  appends the model's derived columns
   * @param warnings failed solves are added here, prefixed by {@code what}
   */
  static SgdLimits compute(Scenario.LimitStart mode, Dynamics dyn, OdeSolver solver, TimeGrid grid,
      List<ScenarioRunner.SgdRun> sgd, java.util.function.UnaryOperator<Trajectory> derived, int threads,
      String what, List<String> warnings) {
    // the starts to solve from, and which start each block uses
    List<double[]> starts = new ArrayList<>();
    List<int[]> owners = new ArrayList<>();   // per block: {d, dIndex, seedIndex, start index}
    if (mode == Scenario.LimitStart.MEASURED) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (ScenarioRunner.SgdRun r : sgd) {
        double[] u0 = r.trajectory().state(0);
        Integer k = seen.get(bits(u0));
        if (k == null) {
          k = starts.size();
          seen.put(bits(u0), k);
          starts.add(u0);
        }
        owners.add(new int[] {r.d(), r.dIndex(), r.seedIndex(), k});
      }
    } else if (mode == Scenario.LimitStart.MEAN) {
      Map<Integer, List<ScenarioRunner.SgdRun>> byD = byD(sgd);
      for (List<ScenarioRunner.SgdRun> runs : byD.values()) {
        double[] mean = new double[runs.get(0).trajectory().layout().size()];
        for (ScenarioRunner.SgdRun r : runs) {
          double[] u0 = r.trajectory().state(0);
          for (int j = 0; j < mean.length; j++) mean[j] += u0[j];
        }
        for (int j = 0; j < mean.length; j++) mean[j] /= runs.size();
        owners.add(new int[] {runs.get(0).d(), runs.get(0).dIndex(), MEAN_SEED, starts.size()});
        starts.add(mean);
      }
    } else {
      throw new IllegalArgumentException("no SGD-start limits for limit_start: " + mode.key());
    }

    List<Object> solved = Parallel.map(starts.size(), threads, i -> {
      try {
        return derived.apply(solver.solve(dyn, starts.get(i), grid));
      } catch (RuntimeException e) {
        return e;
      }
    }, null);
    int failed = 0;
    for (Object o : solved) {
      if (o instanceof RuntimeException e) {
        if (failed == 0) {
          warnings.add(what + ": a limit from an SGD start failed and its runs are left out of limit-sgd.csv; first: " + e.getMessage());
        }
        failed++;
      }
    }
    List<Block> blocks = new ArrayList<>();
    for (int[] o : owners) {
      if (solved.get(o[3]) instanceof Trajectory t) blocks.add(new Block(o[0], o[1], o[2], t));
    }
    return new SgdLimits(mode, List.copyOf(blocks), starts.size(), failed, supErrors(mode, sgd, blocks));
  }

  /** Per d: the mean over runs of sup_t |SGD − its limit| per column (runs whose limit failed are left out). */
  private static List<DimError> supErrors(Scenario.LimitStart mode, List<ScenarioRunner.SgdRun> sgd, List<Block> blocks) {
    List<DimError> out = new ArrayList<>();
    for (List<ScenarioRunner.SgdRun> runs : byD(sgd).values()) {
      Map<String, Double> m = new LinkedHashMap<>();
      int n = 0;
      for (ScenarioRunner.SgdRun r : runs) {
        Trajectory lim = limitOf(mode, r, blocks);
        if (lim == null) continue;
        n++;
        for (String c : r.trajectory().columnNames()) m.merge(c, sup(r.trajectory().column(c), lim.column(c)), Double::sum);
      }
      if (n == 0) continue;
      int runsUsed = n;
      m.replaceAll((k, v) -> v / runsUsed);
      out.add(new DimError(runs.get(0).d(), runs.get(0).dIndex(), n, m));
    }
    return out;
  }

  /** The limit run r is compared with, or null if its solve failed. */
  static Trajectory limitOf(Scenario.LimitStart mode, ScenarioRunner.SgdRun r, List<Block> blocks) {
    for (Block b : blocks) {
      if (b.dIndex() == r.dIndex() && (mode == Scenario.LimitStart.MEAN || b.seedIndex() == r.seedIndex())) return b.limit();
    }
    return null;
  }

  /** The limits of the d with index dIndex (one per run, or the one mean-start limit). */
  List<Trajectory> limitsOf(int dIndex) {
    List<Trajectory> l = new ArrayList<>();
    for (Block b : blocks) if (b.dIndex() == dIndex) l.add(b.limit());
    return l;
  }

  private static double sup(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double e = Math.abs(a[i] - b[i]);
      if (e > s || Double.isNaN(e)) s = e;
    }
    return s;
  }

  /** The runs grouped by the index of their d, in order. */
  private static Map<Integer, List<ScenarioRunner.SgdRun>> byD(List<ScenarioRunner.SgdRun> sgd) {
    Map<Integer, List<ScenarioRunner.SgdRun>> m = new LinkedHashMap<>();
    for (ScenarioRunner.SgdRun r : sgd) m.computeIfAbsent(r.dIndex(), k -> new ArrayList<>()).add(r);
    return m;
  }

  /** The exact bits of a state, as a map key. */
  private static String bits(double[] u) {
    StringBuilder b = new StringBuilder(u.length * 17);
    for (double x : u) b.append(Long.toHexString(Double.doubleToRawLongBits(x))).append(',');
    return b.toString();
  }
}
