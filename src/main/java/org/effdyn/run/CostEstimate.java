package org.effdyn.run;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.card.Limits;
import org.effdyn.card.Scenario;
import org.effdyn.card.ScenarioException;
import org.effdyn.core.HasCost;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.Study;
import org.effdyn.core.TimeGrid;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;

/**
 * What a run will cost, estimated from the card before anything is computed (summed over its
 * variants, or over a sweep's points):
 * <ul>
 *   <li>state dimension n: the number of statistics ({@link HasCost#stateDimension}, else the layout's size);</li>
 *   <li>drift work: operations of one drift evaluation ({@link HasCost#driftWork}, else 10 n², a dense
 *       drift, which over-estimates the shipped closed forms);</li>
 *   <li>evaluations: fixed-step methods exactly (stages x steps); adaptive methods a nominal
 *       stages x (samples - 1), capped by {@code solver.max_evaluations} (the true count depends on
 *       the tolerance and the dynamics); diffusive: paths x steps of dt;</li>
 *   <li>SGD work: d x steps x seeds summed over the dimensions, with steps = end / delta(d).</li>
 * </ul>
 * {@link #check} refuses a run over {@link Limits}. Studies (iteration-indexed, computed as a whole)
 * are not estimated.
 */
public record CostEstimate(long stateDimension, String driftCostClass, double driftWork, double evaluations,
    boolean nominal, double limitWork, double sgdSteps, double sgdWork, int runs) {

  /** The estimate of a card's run (every variant). */
  public static CostEstimate of(Scenario s) {
    CostEstimate total = null;
    for (Scenario.Variant v : s.variants()) {
      CostEstimate e = of(s, v.model());
      total = total == null ? e : total.plus(e);
    }
    return total;
  }

  /** The estimate of a sweep: each point's card run (without SGD, as the sweep runs it). */
  public static CostEstimate ofPoints(List<Scenario> points) {
    CostEstimate total = null;
    for (Scenario p : points) total = total == null ? of(p) : total.plus(of(p));
    return total;
  }

  private static CostEstimate of(Scenario s, Model m) {
    if (m instanceof Study<?>) return new CostEstimate(0, "study (not estimated)", 0, 0, false, 0, 0, 0, 1);
    Regime r = s.regime();
    long n;
    double work;
    String cls;
    if (m instanceof HasCost c) {
      n = c.stateDimension(r);
      work = c.driftWork(r);
      cls = c.driftCostClass();
    } else {
      n = m.initialLaw(r).layout().size();
      work = 10.0 * n * n;
      cls = "O(n^2) assumed";
    }
    TimeGrid g = s.grid();
    double span = g.t1() - g.t0();
    double evals;
    boolean nominal = false;
    if (r == Regime.BALLISTIC) {
      OdeOptions o = s.solver();
      OdeMethod method = o.method();
      int stages = method.evaluationsPerAttempt() > 0 ? method.evaluationsPerAttempt() : 20;
      if (method.adaptive()) {
        nominal = true;
        evals = Math.min((double) stages * Math.max(1, g.samples() - 1), o.maxEvaluations());
      } else {
        double h = Double.isNaN(o.step()) ? span / Math.max(1, g.samples() - 1) / 10 : o.step();
        evals = stages * Math.ceil(span / h);
      }
    } else {
      evals = 2.0 * s.sde().paths() * Math.ceil(span / s.sde().dt());   // drift and volatility per step
    }
    double steps = 0;
    double sgd = 0;
    if (s.simulate() != null && n <= Limits.MAX_STATE) {
      for (int d : s.simulate().d()) {
        double st = Math.ceil(g.t1() / m.simulator(d, r).timePerStep());
        steps += st * s.simulate().seeds();
        sgd += (double) d * st * s.simulate().seeds();
      }
    }
    return new CostEstimate(n, cls, work, evals, nominal, evals * work, steps, sgd, 1);
  }

  /** Two runs together: the larger state and drift describe them, counts and work add up. */
  private CostEstimate plus(CostEstimate o) {
    CostEstimate big = driftWork >= o.driftWork ? this : o;
    return new CostEstimate(Math.max(stateDimension, o.stateDimension), big.driftCostClass, big.driftWork,
        evaluations + o.evaluations, nominal || o.nominal, limitWork + o.limitWork, sgdSteps + o.sgdSteps,
        sgdWork + o.sgdWork, runs + o.runs);
  }

  /** The estimate for {@code --verbose}, one line per quantity. */
  public List<String> lines() {
    List<String> l = new ArrayList<>();
    if (driftWork == 0 && evaluations == 0) return List.of("estimate: a study computed as a whole (not estimated)");
    l.add("estimate: " + runs + (runs == 1 ? " run" : " runs") + "; state dimension " + Limits.amount(stateDimension)
        + " statistics");
    l.add("estimate: drift cost " + driftCostClass + ", about " + Limits.amount(driftWork) + " operations per evaluation");
    l.add("estimate: " + Limits.amount(evaluations) + " drift evaluations" + (nominal ? " (nominal: adaptive steps)" : "")
        + ", limit work about " + Limits.amount(limitWork) + " operations");
    if (sgdSteps > 0) {
      l.add("estimate: " + Limits.amount(sgdSteps) + " SGD steps, SGD work d x steps x seeds = " + Limits.amount(sgdWork));
    }
    return l;
  }

  /**
   * Throws a {@link ScenarioException} naming the card when the run is over a limit (state dimension,
   * limit work or SGD work); {@code force} skips the check.
   */
  public void check(String card, boolean force) {
    if (force) return;
    String over = null;
    if (stateDimension > Limits.MAX_STATE) {
      over = Limits.amount(stateDimension) + " statistics, over the limit of " + Limits.amount(Limits.MAX_STATE);
    } else if (limitWork > Limits.MAX_WORK) {
      over = "the limit's estimated work is " + Limits.amount(limitWork) + " operations (" + Limits.amount(evaluations)
          + " drift evaluations of " + driftCostClass + "), over the limit of " + Limits.amount(Limits.MAX_WORK);
    } else if (sgdWork > Limits.MAX_WORK) {
      over = "the SGD work d x steps x seeds is " + Limits.amount(sgdWork) + ", over the limit of "
          + Limits.amount(Limits.MAX_WORK);
    }
    if (over != null) {
      throw new ScenarioException(card, 0, null, "refused: " + over + "; reduce the sizes, or pass --force to run it anyway");
    }
  }
}
