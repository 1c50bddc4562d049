package org.effdyn.run.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.analysis.Branch;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.analysis.FixedPointFinder;
import org.effdyn.analysis.Parallel;
import org.effdyn.card.ValidationCase;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SdeSolver;
import org.effdyn.solve.SgdRecorder;

/**
 * Runs one {@link ValidationCase}.
 * <ul>
 *   <li>SUP_ERROR (ballistic): SGD run (d_i, s) draws from {@code RandomStreams.stream(seed, i, s)}
 *       with the planted values; the limit is solved from that run's measured u(x_0) on the same grid;
 *       per run, the sup over t of |SGD - limit| per statistic (the run's error is the max over the
 *       compared statistics) and the tLog-RMSE over {@code tlog_points} log-spaced times. The mean over
 *       seeds per d is fitted in log-log ({@link Metrics#fit}); the case passes if the slope lies within
 *       rate ± band and the mean error decreases with d.</li>
 *   <li>LAW (diffusive): at each d, an SGD ensemble of {@code seeds} runs and an SDE ensemble of
 *       {@code sde.paths} paths (path j from {@code stream(seed + 1, j)}, initial state from the model's
 *       law then the planted values); at every grid time and compared statistic the means and the
 *       standard deviations are compared in units of their standard errors; the case passes if the
 *       largest such z is at most {@code max_z} at every d.</li>
 *   <li>ITERATION (an {@link IterationLimit} model, e.g. the DMF, docs/dmf.md): the limit is
 *       computed once on the iteration grid; finite-d run (d_i, s) draws from
 *       {@code RandomStreams.stream(seed, i, s)}; per run, the sup over l of |finite-d − limit| per
 *       statistic (the run's error: the max over the compared statistics), fitted as for SUP_ERROR. At
 *       l = L−1 and each d it also reports, per statistic, the seed-mean bias with its standard error
 *       (seeds and the limit's Monte Carlo error) and d·Var over seeds; with {@code expect.bias_z} the
 *       case also requires |bias| &lt;= bias_z · s.e. at every d.</li>
 * </ul>
 * Oracles are then checked on the limit. Runs are parallel over (d, seed) pairs; results do not depend
 * on the thread count.
 */
public final class ValidationRunner {
  private ValidationRunner() {}

  /** Runs the case (quick or full) on {@code threads} workers; progress (may be null) ticks once per SGD run. */
  public static CaseResult run(ValidationCase c, boolean full, int threads, Runnable progress) {
    if (c.metric() == ValidationCase.Metric.ITERATION) return runIterations(c, full, threads, progress);
    long t0 = System.nanoTime();
    List<Integer> dims = c.dims(full);
    int seeds = c.seeds(full);
    StateLayout layout = c.model().initialLaw(c.regime()).layout();
    int[] idx = new int[c.statistics().size()];
    for (int j = 0; j < idx.length; j++) idx[j] = layout.indexOf(c.statistics().get(j));
    Dynamics dyn = c.model().limit(c.regime());
    OdeSolver solver = new OdeSolver(c.solver());
    int nd = dims.size();

    List<Trajectory[]> runs = Parallel.map(nd * seeds, threads, k -> {
      int a = k / seeds, s = k % seeds;
      try {
        Trajectory sgd = SgdRecorder.record(c.model().simulator(dims.get(a), c.regime()), c.grid(),
            RandomStreams.stream(c.seed(), a, s), c.plant());
        Trajectory lim = c.metric() == ValidationCase.Metric.SUP_ERROR ? solver.solve(dyn, sgd.state(0), c.grid()) : null;
        return new Trajectory[] {sgd, lim};
      } catch (RuntimeException e) {
        return null;
      }
    }, progress);

    List<CaseResult.Dim> out = new ArrayList<>();
    List<Trajectory> lastSgd = new ArrayList<>();
    List<Trajectory> lastLim = new ArrayList<>();
    List<Trajectory> sde = c.metric() == ValidationCase.Metric.LAW ? sdeEnsemble(c, dyn, threads) : List.of();
    int[] tlogIdx = Metrics.logSampledIndices(c.grid().times(), c.tlogPoints());
    for (int a = 0; a < nd; a++) {
      List<Trajectory> sgdA = new ArrayList<>();
      List<Trajectory> limA = new ArrayList<>();
      int failed = 0;
      for (int s = 0; s < seeds; s++) {
        Trajectory[] r = runs.get(a * seeds + s);
        if (r == null) {
          failed++;
          continue;
        }
        sgdA.add(r[0]);
        limA.add(r[1]);
      }
      if (sgdA.size() < 2) {
        throw new IllegalStateException(c.name() + ": only " + sgdA.size() + " of " + seeds + " SGD runs at d=" + dims.get(a) + " succeeded");
      }
      if (c.metric() == ValidationCase.Metric.SUP_ERROR) {
        double[] sup = new double[sgdA.size()];
        double[] tlog = new double[sgdA.size()];
        Map<String, Double> perStat = new LinkedHashMap<>();
        for (int j = 0; j < idx.length; j++) perStat.put(c.statistics().get(j), 0.0);
        for (int s = 0; s < sgdA.size(); s++) {
          for (int j = 0; j < idx.length; j++) {
            double e = Metrics.supError(sgdA.get(s), limA.get(s), idx[j]);
            sup[s] = Math.max(sup[s], e);
            perStat.merge(c.statistics().get(j), e / sgdA.size(), Double::sum);
            tlog[s] += Metrics.tLogRmse(sgdA.get(s), limA.get(s), idx[j], tlogIdx) / idx.length;
          }
        }
        out.add(new CaseResult.Dim(dims.get(a), sgdA.size(), failed, sup, perStat, tlog, Double.NaN, List.of()));
      } else {
        out.add(lawDim(c, dims.get(a), sgdA, sde, idx, failed));
      }
      if (a == nd - 1) {
        lastSgd = sgdA;
        lastLim = c.metric() == ValidationCase.Metric.SUP_ERROR ? limA : sde.subList(0, Math.min(sde.size(), 200));
      }
    }

    Metrics.Fit fit = null, tlogFit = null;
    boolean ok;
    if (c.metric() == ValidationCase.Metric.SUP_ERROR) {
      int[] d = new int[nd];
      double[] mean = new double[nd], se = new double[nd], tm = new double[nd], ts = new double[nd];
      for (int a = 0; a < nd; a++) {
        CaseResult.Dim x = out.get(a);
        d[a] = x.d();
        mean[a] = x.mean();
        se[a] = x.se();
        tm[a] = Metrics.mean(x.tlog());
        ts[a] = Metrics.std(x.tlog()) / Math.sqrt(x.tlog().length);
      }
      fit = Metrics.fit(d, mean, se, 0.95);
      tlogFit = Metrics.fit(d, tm, ts, 0.95);
      ok = Math.abs(fit.slope() - c.rate()) <= c.band();
      for (int a = 1; a < nd; a++) ok &= mean[a] < mean[a - 1];
    } else {
      ok = true;
      for (CaseResult.Dim x : out) ok &= x.maxZ() <= c.maxZ();
    }
    List<CaseResult.OracleCheck> oracles = new ArrayList<>();
    for (ValidationCase.Oracle o : c.oracles()) oracles.add(check(c, o, solver));
    return new CaseResult(c, full, out, fit, tlogFit, ok, oracles, lastSgd, lastLim, System.nanoTime() - t0);
  }

  private static CaseResult runIterations(ValidationCase c, boolean full, int threads, Runnable progress) {
    long t0 = System.nanoTime();
    IterationLimit model = (IterationLimit) c.model();
    List<Integer> dims = c.dims(full);
    int seeds = c.seeds(full);
    int nd = dims.size();
    int iterations = c.grid().samples();
    StateLayout layout = model.observables();
    int[] idx = new int[c.statistics().size()];
    for (int j = 0; j < idx.length; j++) idx[j] = layout.indexOf(c.statistics().get(j));
    IterationLimit.Limit limit = model.limit(iterations, threads);
    Trajectory lim = limit.value();
    List<Trajectory> runs = Parallel.map(nd * seeds, threads, k -> {
      try {
        return model.finiteSize(iterations, dims.get(k / seeds), RandomStreams.stream(c.seed(), k / seeds, k % seeds));
      } catch (RuntimeException e) {
        return null;
      }
    }, progress);
    int[] tlogIdx = Metrics.logSampledIndices(c.grid().times(), c.tlogPoints());
    int last = iterations - 1;
    List<CaseResult.Dim> out = new ArrayList<>();
    List<Trajectory> lastRuns = List.of();
    int[] d = new int[nd];
    double[] mean = new double[nd], se = new double[nd], tm = new double[nd], ts = new double[nd];
    boolean ok = true;
    for (int a = 0; a < nd; a++) {
      List<Trajectory> rA = new ArrayList<>();
      for (int s = 0; s < seeds; s++) if (runs.get(a * seeds + s) != null) rA.add(runs.get(a * seeds + s));
      if (rA.size() < 2) {
        throw new IllegalStateException(c.name() + ": only " + rA.size() + " of " + seeds + " finite-d runs at d=" + dims.get(a) + " succeeded");
      }
      int n = rA.size();
      double[] sup = new double[n];
      double[] tlog = new double[n];
      Map<String, Double> perStat = new LinkedHashMap<>();
      List<CaseResult.Endpoint> ends = new ArrayList<>();
      double maxZ = 0;
      for (int j = 0; j < idx.length; j++) {
        String stat = c.statistics().get(j);
        perStat.put(stat, 0.0);
        double[] end = new double[n];
        for (int s = 0; s < n; s++) {
          double e = Metrics.supError(rA.get(s), lim, idx[j]);
          sup[s] = Math.max(sup[s], e);
          perStat.merge(stat, e / n, Double::sum);
          tlog[s] += Metrics.tLogRmse(rA.get(s), lim, idx[j], tlogIdx) / idx.length;
          end[s] = rA.get(s).state(last)[idx[j]] - lim.state(last)[idx[j]];
        }
        double var = Metrics.var(end);
        double limSe = limit.standardError() == null ? 0 : limit.standardError().state(last)[idx[j]];
        CaseResult.Endpoint ep = new CaseResult.Endpoint(stat, Metrics.mean(end), Math.sqrt(var / n + limSe * limSe), dims.get(a) * var);
        ends.add(ep);
        maxZ = Math.max(maxZ, ep.z());
      }
      CaseResult.Dim x = new CaseResult.Dim(dims.get(a), n, seeds - n, sup, perStat, tlog, maxZ, ends);
      out.add(x);
      d[a] = x.d();
      mean[a] = x.mean();
      se[a] = x.se();
      tm[a] = Metrics.mean(tlog);
      ts[a] = Metrics.std(tlog) / Math.sqrt(n);
      if (a > 0) ok &= mean[a] < mean[a - 1];
      if (!Double.isNaN(c.maxZ())) ok &= maxZ <= c.maxZ();
      if (a == nd - 1) lastRuns = rA;
    }
    Metrics.Fit fit = Metrics.fit(d, mean, se, 0.95);
    Metrics.Fit tlogFit = Metrics.fit(d, tm, ts, 0.95);
    ok &= Math.abs(fit.slope() - c.rate()) <= c.band();
    return new CaseResult(c, full, out, fit, tlogFit, ok, List.of(), lastRuns, List.of(lim), System.nanoTime() - t0);
  }

  private static List<Trajectory> sdeEnsemble(ValidationCase c, Dynamics dyn, int threads) {
    SdeSolver solver = new SdeSolver(c.sdeDt());
    InitialLaw law = c.model().initialLaw(c.regime());
    StateLayout layout = law.layout();
    List<Trajectory> paths = Parallel.map(c.sdePaths(), threads, j -> {
      UniformRandomProvider rng = RandomStreams.stream(c.seed() + 1, j);
      double[] u0 = new double[layout.size()];
      law.sample(law.deterministic() ? null : rng, u0);
      for (Map.Entry<String, Double> e : c.plant().entrySet()) if (layout.contains(e.getKey())) u0[layout.indexOf(e.getKey())] = e.getValue();
      try {
        return solver.solve(dyn, u0, c.grid(), rng);
      } catch (RuntimeException e) {
        return null;
      }
    }, null);
    List<Trajectory> ok = new ArrayList<>();
    for (Trajectory t : paths) if (t != null) ok.add(t);
    return ok;
  }

  /** Means and standard deviations of SGD and SDE ensembles per time, in standard errors. */
  private static CaseResult.Dim lawDim(ValidationCase c, int d, List<Trajectory> sgd, List<Trajectory> sde, int[] idx, int failed) {
    int nt = c.grid().samples();
    double maxZ = 0;
    double[] supMean = new double[idx.length];
    Map<String, Double> supStd = new LinkedHashMap<>();
    for (int j = 0; j < idx.length; j++) {
      double worstStd = 0;
      for (int i = 0; i < nt; i++) {
        double[] a = column(sgd, i, idx[j]);
        double[] b = column(sde, i, idx[j]);
        double ma = Metrics.mean(a), mb = Metrics.mean(b), sa = Metrics.std(a), sb = Metrics.std(b);
        double seMean = Math.sqrt(sa * sa / a.length + sb * sb / b.length);
        double seStd = Math.sqrt(sa * sa / (2.0 * (a.length - 1)) + sb * sb / (2.0 * (b.length - 1)));
        maxZ = Math.max(maxZ, z(Math.abs(ma - mb), seMean));
        maxZ = Math.max(maxZ, z(Math.abs(sa - sb), seStd));
        supMean[j] = Math.max(supMean[j], Math.abs(ma - mb));
        worstStd = Math.max(worstStd, Math.abs(sa - sb));
      }
      supStd.put(c.statistics().get(j), worstStd);
    }
    return new CaseResult.Dim(d, sgd.size(), failed, supMean, supStd, new double[0], maxZ, List.of());
  }

  private static double z(double diff, double se) {
    if (diff == 0) return 0;
    return se == 0 ? Double.POSITIVE_INFINITY : diff / se;
  }

  private static double[] column(List<Trajectory> ts, int i, int j) {
    double[] x = new double[ts.size()];
    for (int k = 0; k < x.length; k++) x[k] = ts.get(k).state(i)[j];
    return x;
  }

  /** The limit's nominal start: a draw of the initial law (stream(seed, 0)) with the planted values. */
  static double[] nominalStart(ValidationCase c) {
    InitialLaw law = c.model().initialLaw(c.regime());
    double[] u0 = new double[law.layout().size()];
    law.sample(law.deterministic() ? null : RandomStreams.stream(c.seed(), 0), u0);
    for (Map.Entry<String, Double> e : c.plant().entrySet()) {
      if (law.layout().contains(e.getKey())) u0[law.layout().indexOf(e.getKey())] = e.getValue();
    }
    return u0;
  }

  private static CaseResult.OracleCheck check(ValidationCase c, ValidationCase.Oracle o, OdeSolver solver) {
    try {
      Dynamics dyn = c.model().limit(c.regime());
      StateLayout layout = dyn.layout();
      double measured;
      String note;
      switch (o.kind()) {
        case "end", "fixed-point" -> {
          Trajectory t = solver.solve(dyn, nominalStart(c), c.grid());
          int j = layout.indexOf(o.statistic());
          if (o.kind().equals("end")) {
            measured = t.finalState()[j];
            note = "limit from the planted start, at t = " + c.grid().t1();
          } else {
            Optional<FixedPoint> fp = FixedPointFinder.defaults().from(dyn, t.finalState());
            if (fp.isEmpty()) return new CaseResult.OracleCheck(o, Double.NaN, false, "Newton from the end state did not converge");
            measured = fp.get().get(j);
            note = "Newton from the limit's end state: " + fp.get().describe(layout);
          }
        }
        default -> {
          Map<String, Object> base = new LinkedHashMap<>(c.params());
          Continuation.Family family = p -> {
            Map<String, Object> m = new LinkedHashMap<>(base);
            m.put(o.parameter(), p);
            return c.factory().create(m).limit(c.regime());
          };
          double p0 = o.start().get(o.parameter());
          double[] u0 = nominalStart(c);
          for (Map.Entry<String, Double> e : o.start().entrySet()) if (layout.contains(e.getKey())) u0[layout.indexOf(e.getKey())] = e.getValue();
          Branch b = new Continuation(Continuation.Options.between(o.range()[0], o.range()[1]))
              .trace(family, o.parameter(), p0, u0, o.direction());
          Continuation.SpecialKind kind = o.kind().equals("fold") ? Continuation.SpecialKind.FOLD : Continuation.SpecialKind.BRANCH_POINT;
          List<Continuation.Special> found = b.specials(kind);
          if (found.isEmpty()) return new CaseResult.OracleCheck(o, Double.NaN, false, "no " + o.kind() + " on the branch in " + java.util.Arrays.toString(o.range()));
          measured = found.get(0).parameter();
          note = o.kind() + " by pseudo-arclength continuation in " + o.parameter() + " (" + b.points().size() + " points)";
        }
      }
      return new CaseResult.OracleCheck(o, measured, Math.abs(measured - o.value()) <= o.tolerance(), note);
    } catch (RuntimeException e) {
      return new CaseResult.OracleCheck(o, Double.NaN, false, "failed: " + e.getMessage());
    }
  }

}
