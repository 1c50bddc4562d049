package org.effdyn.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.analysis.FixedPointFinder;
import org.effdyn.card.Scenario;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Study;
import org.effdyn.core.Trajectory;

/**
 * The one-screen summary {@code effdyn run} prints: per variant the final state, the fixed point
 * reached (Newton from the final state, with its classification; "none" if Newton does not converge
 * there, i.e. the limit has not settled) and the solver statistics; for an SDE ensemble the final mean
 * ± std per statistic; for SGD the final mean per dimension. At most a few coordinates a line.
 */
public final class RunSummary {
  /** Coordinates shown per state (the rest are elided with their count). */
  static final int MAX_SHOWN = 6;

  private RunSummary() {}

  /** The summary lines of a finished run. */
  public static List<String> lines(Scenario s, ScenarioRunner.Result r) {
    List<String> out = new ArrayList<>();
    if (s.variants().get(0).model() instanceof Study<?>) {   // computed as a whole: one summary line per variant
      out.add(s.name() + ": model " + s.factory().name() + " " + s.baseParams());
      for (int i = 0; i < r.studies().size(); i++) {
        String label = s.variants().get(i).label();
        out.add("  " + (label == null ? "" : "[" + label + "] ") + r.studies().get(i).summary());
      }
      return out;
    }
    out.add(s.name() + ": model " + s.factory().name() + " " + s.baseParams() + ", " + s.regime().key()
        + ", t in [" + num(s.grid().t0()) + ", " + num(s.grid().t1()) + "]");
    for (ScenarioRunner.VariantResult v : r.variants()) {
      String lab = v.variant().label() == null ? "" : "[" + v.variant().label() + "] ";
      if (v.limit() != null) {
        Trajectory t = v.limit();
        StateLayout layout = t.layout();
        out.add("  " + lab + "final t=" + num(t.time(t.size() - 1)) + ": " + state(layout, t.finalState()));
        for (Trajectory.EventRecord e : t.events()) out.add("  " + lab + "event " + e.name() + " at t=" + num(e.t()));
        Dynamics d = v.variant().model().limit(Regime.BALLISTIC);
        Optional<FixedPoint> fp = reached(d, t.finalState());
        out.add("  " + lab + "fixed point reached: " + fp.map(p -> p.describe(layout)).orElse(
            "none (Newton from the final state does not converge: not settled by t1)"));
        out.add("  " + lab + "solver: " + t.provenance().get("solver") + ", " + stats(t.stats()));
        if (t.provenance().get("quadrature_error") instanceof Map<?, ?> q) {
          out.add("  " + lab + "drift quadrature error (estimated): " + num((Double) q.get("start")) + " at the start, "
              + num((Double) q.get("end")) + " at the end");
        }
      }
      if (v.summary() != null) {
        int last = v.summary().times().length - 1;
        StringBuilder b = new StringBuilder("  " + lab + "SDE " + v.summary().paths() + " paths, final mean ± std: ");
        int k = 0;
        for (String c : v.summary().columns()) {
          if (k++ == MAX_SHOWN) {
            b.append(", ...");
            break;
          }
          if (k > 1) b.append(", ");
          b.append(c).append('=').append(num(v.summary().mean(last, c))).append(" ± ").append(num(v.summary().std(last, c)));
        }
        out.add(b.toString());
      }
      if (!v.sgd().isEmpty()) {
        java.util.Map<Integer, List<Trajectory>> byD = new java.util.LinkedHashMap<>();
        for (ScenarioRunner.SgdRun run : v.sgd()) byD.computeIfAbsent(run.d(), x -> new ArrayList<>()).add(run.trajectory());
        for (var e : byD.entrySet()) {
          Trajectory first = e.getValue().get(0);
          double[] mean = new double[first.layout().size()];
          for (Trajectory t : e.getValue()) {
            double[] f = t.finalState();
            for (int i = 0; i < mean.length; i++) mean[i] += f[i] / e.getValue().size();
          }
          out.add("  " + lab + "SGD d=" + e.getKey() + " (mean of " + e.getValue().size() + "): " + state(first.layout(), mean));
        }
      }
      if (v.sgdLimits() != null && !v.sgdLimits().supError().isEmpty()) {
        StringBuilder b = new StringBuilder("  " + lab + "limit from " + (v.sgdLimits().mode() == Scenario.LimitStart.MEAN
            ? "the mean SGD start" : "each SGD start") + ", largest mean sup_t |SGD - limit|:");
        for (SgdLimits.DimError e : v.sgdLimits().supError()) {
          String worst = null;
          for (var x : e.sup().entrySet()) if (worst == null || x.getValue() > e.sup().get(worst)) worst = x.getKey();
          b.append(" d=").append(e.d()).append(' ').append(num(e.sup().get(worst))).append(" (").append(worst).append(')');
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /** Newton from the final state, or empty if it does not converge or the limit is not an ODE. */
  static Optional<FixedPoint> reached(Dynamics d, double[] u) {
    try {
      return FixedPointFinder.defaults().withTolerance(1e-9).from(d, u);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static String state(StateLayout layout, double[] u) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < u.length; i++) {
      if (i == MAX_SHOWN) {
        b.append(", ... (").append(u.length - MAX_SHOWN).append(" more)");
        break;
      }
      if (i > 0) b.append(", ");
      b.append(layout.name(i)).append('=').append(num(u[i]));
    }
    return b.toString();
  }

  static String stats(SolveStats st) {
    return st.evaluations() + " evaluations, " + st.acceptedSteps() + " steps"
        + (st.rejectedSteps() >= 0 ? " (" + st.rejectedSteps() + " rejected)" : "")
        + String.format(Locale.ROOT, ", %.1f ms", st.wallNanos() / 1e6);
  }

  static String num(double x) {
    if (x == 0) return "0";
    double a = Math.abs(x);
    if (a >= 1e-4 && a < 1e6) return String.format(Locale.ROOT, "%.6g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    return String.format(Locale.ROOT, "%.4e", x);
  }
}
