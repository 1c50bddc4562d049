package org.effdyn.run.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effdyn.card.ValidationCase;
import org.effdyn.core.Trajectory;
import org.effdyn.run.AtomicFiles;
import org.effdyn.run.ChartFiles;
import org.effdyn.run.Outputs;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a case's report into {@code DIR/CASE/}: {@code report.md}, {@code errors.csv},
 * {@code trajectories.png} (one panel per compared statistic: the limit and SGD's mean with its
 * 5%–95% band over seeds at the largest d) with {@code trajectories.svg} (the first statistic), and
 * {@code errors.png} / {@code errors.svg} (error against d in log-log, with the fitted line and the
 * expected rate).
 */
public final class Report {
  private Report() {}

  /** Writes the files and returns their paths. */
  public static List<Path> write(Path dir, CaseResult r) {
    ValidationCase c = r.vcase();
    Path d = dir.resolve(c.name());
    List<Path> files = new ArrayList<>();
    Path csv = d.resolve("errors.csv");
    AtomicFiles.writeString(csv, errorsCsv(r));
    files.add(csv);
    List<XYChart> panels = new ArrayList<>();
    for (String stat : c.statistics().subList(0, Math.min(6, c.statistics().size()))) panels.add(trajectoryPanel(r, stat));
    Path png = d.resolve("trajectories.png");
    ChartFiles.png(png, panels, 3);
    files.add(png);
    Path svg = d.resolve("trajectories.svg");
    ChartFiles.svg(svg, panels.get(0));
    files.add(svg);
    XYChart err = errorChart(r);
    Path epng = d.resolve("errors.png");
    ChartFiles.png(epng, err);
    files.add(epng);
    Path esvg = d.resolve("errors.svg");
    ChartFiles.svg(esvg, err);
    files.add(esvg);
    Path md = d.resolve("report.md");
    AtomicFiles.writeString(md, markdown(r));
    files.add(md);
    return files;
  }

  static String f(double x) {
    if (Double.isNaN(x)) return "NaN";
    if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
    double a = Math.abs(x);
    return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", x) : String.format(Locale.ROOT, "%.4f", x);
  }

  static String markdown(CaseResult r) {
    ValidationCase c = r.vcase();
    StringBuilder b = new StringBuilder();
    b.append("# Validation: ").append(c.name()).append(r.passed() ? " — PASS" : " — FAIL").append("\n\n");
    if (!c.description().isBlank()) b.append(c.description().strip()).append("\n\n");
    boolean iter = c.metric() == ValidationCase.Metric.ITERATION;
    if (iter) {
      b.append("- model `").append(c.factory().name()).append("`, params ").append(c.params())
          .append(", iteration-indexed: the limit computed once (").append(r.limits().get(0).provenance().getOrDefault("method", "limit")).append(")\n");
    } else {
      b.append("- model `").append(c.factory().name()).append("`, params ").append(c.params()).append(", regime ")
          .append(c.regime().key()).append(", planted ").append(c.plant().isEmpty() ? "nothing (x_0 from the model's law)" : c.plant()).append('\n');
    }
    b.append(iter ? "- iterations l ∈ [" : "- grid t ∈ [").append(c.grid().t0()).append(", ").append(c.grid().t1()).append("], ").append(c.grid().samples())
        .append(" samples; ").append(r.full() ? "full" : "quick").append(" run: d = ").append(c.dims(r.full()))
        .append(", ").append(c.seeds(r.full())).append(" seeds per d, master seed ").append(c.seed()).append('\n');
    b.append("- compared: ").append(String.join(", ", c.statistics())).append(String.format(Locale.ROOT, "; wall time %.1f s%n%n", r.wallNanos() / 1e9));
    if (c.metric() != ValidationCase.Metric.LAW) {
      if (iter) {
        b.append("Finite-d run (d_i, s) from `RandomStreams.stream(").append(c.seed()).append(", i, s)`; one limit for all runs. ")
            .append("Error of a run: max over the compared statistics of sup_l |finite-d − limit|; tLog-RMSE: RMS over ")
            .append(c.tlogPoints()).append(" log-spaced iterations, mean over statistics.\n\n");
      } else {
        b.append("SGD run (d_i, s) from `RandomStreams.stream(").append(c.seed()).append(", i, s)`; the limit from each run's measured u(x_0). ")
            .append("Error of a run: max over the compared statistics of sup_t |SGD − limit|; tLog-RMSE: RMS over ")
            .append(c.tlogPoints()).append(" log-spaced times (Bae & Jeong 2024, arXiv:2405.00642), mean over statistics.\n\n");
      }
      b.append("| d | runs | mean sup error | s.e. | min – max over seeds |");
      for (String s : c.statistics()) b.append(" sup ").append(s).append(" |");
      b.append(" tLog-RMSE |\n|---|---|---|---|---|");
      for (int i = 0; i < c.statistics().size(); i++) b.append("---|");
      b.append("---|\n");
      for (CaseResult.Dim d : r.dims()) {
        b.append("| ").append(d.d()).append(" | ").append(d.seeds()).append(d.failed() > 0 ? " (" + d.failed() + " failed)" : "")
            .append(" | ").append(f(d.mean())).append(" | ").append(f(d.se())).append(" | ").append(f(d.min())).append(" – ").append(f(d.max())).append(" |");
        for (String s : c.statistics()) b.append(' ').append(f(d.perStat().get(s))).append(" |");
        b.append(' ').append(f(Metrics.mean(d.tlog()))).append(" |\n");
      }
      b.append(String.format(Locale.ROOT, "%nFitted slope of log(mean sup error) on log(d): **%.3f**, 95%% CI [%.3f, %.3f]; expected %.2f ± %.2f: **%s**%n",
          r.fit().slope(), r.fit().lower(), r.fit().upper(), c.rate(), c.band(), r.rateOk() ? "pass" : "fail"));
      b.append(String.format(Locale.ROOT, "(tLog-RMSE slope %.3f, CI [%.3f, %.3f], reported only.)%n%n", r.tlogFit().slope(), r.tlogFit().lower(), r.tlogFit().upper()));
      if (iter) endpoints(b, r);
    } else {
      b.append("SGD ensemble (").append(c.seeds(r.full())).append(" runs per d) against an SDE ensemble (").append(c.sdePaths())
          .append(" Euler–Maruyama paths, dt = ").append(c.sdeDt()).append("): per time, the difference of the means and of the standard deviations in units of their standard errors.\n\n");
      b.append("| d | runs |");
      for (String s : c.statistics()) b.append(" sup_t |Δmean| ").append(s).append(" | sup_t |Δstd| ").append(s).append(" |");
      b.append(" max z |\n|---|---|");
      for (int i = 0; i < c.statistics().size(); i++) b.append("---|---|");
      b.append("---|\n");
      for (CaseResult.Dim d : r.dims()) {
        b.append("| ").append(d.d()).append(" | ").append(d.seeds()).append(" |");
        for (int j = 0; j < c.statistics().size(); j++) {
          b.append(' ').append(f(d.sup()[j])).append(" | ").append(f(d.perStat().get(c.statistics().get(j)))).append(" |");
        }
        b.append(' ').append(f(d.maxZ())).append(" |\n");
      }
      b.append(String.format(Locale.ROOT, "%nLargest z %.2f, bound %.2f: **%s**%n%n", r.dims().stream().mapToDouble(CaseResult.Dim::maxZ).max().orElse(0),
          c.maxZ(), r.rateOk() ? "pass" : "fail"));
    }
    if (!r.oracles().isEmpty()) {
      b.append("| oracle | expected | measured | tolerance | result | how |\n|---|---|---|---|---|---|\n");
      for (CaseResult.OracleCheck o : r.oracles()) {
        ValidationCase.Oracle x = o.oracle();
        String what = x.statistic() != null ? x.kind() + " " + x.statistic() : x.kind() + " in " + x.parameter();
        b.append("| ").append(what).append(" | ").append(x.value()).append(" | ").append(Double.isNaN(o.measured()) ? "—" : String.format(Locale.ROOT, "%.8g", o.measured()))
            .append(" | ").append(x.tolerance()).append(" | ").append(o.pass() ? "pass" : "**fail**").append(" | ").append(o.note().replace("|", "/")).append(" |\n");
      }
      b.append('\n');
    }
    b.append("![trajectories](trajectories.png)\n\n![errors](errors.png)\n\n");
    b.append("Reproduce: `./effdyn validate ").append(c.name()).append(r.full() ? " --full" : "").append("` (errors.csv holds the numbers).\n");
    return b.toString();
  }

  /**
   * ITERATION: per d and statistic at l = L−1, the seed-mean bias ± s.e. (expected O(1/d), within
   * sampling error) and d·Var (expected to tend to a constant); docs/validation.md.
   */
  private static void endpoints(StringBuilder b, CaseResult r) {
    ValidationCase c = r.vcase();
    int last = c.grid().samples() - 1;
    b.append("At l = ").append(last).append(": seed-mean bias ± s.e. (the s.e. includes the limit's Monte Carlo error) and d·Var over seeds")
        .append(Double.isNaN(c.maxZ()) ? " (reported only)" : String.format(Locale.ROOT, "; |bias| ≤ %.1f s.e. required", c.maxZ())).append(".\n\n");
    b.append("| statistic |");
    for (CaseResult.Dim d : r.dims()) b.append(" bias d=").append(d.d()).append(" |");
    for (CaseResult.Dim d : r.dims()) b.append(" d·Var d=").append(d.d()).append(" |");
    b.append("\n|---|");
    for (int i = 0; i < 2 * r.dims().size(); i++) b.append("---|");
    b.append('\n');
    for (int j = 0; j < c.statistics().size(); j++) {
      b.append("| ").append(c.statistics().get(j)).append(" |");
      for (CaseResult.Dim d : r.dims()) {
        CaseResult.Endpoint e = d.endpoints().get(j);
        b.append(' ').append(signed(e.bias())).append(" ± ").append(f(e.se())).append(" |");
      }
      for (CaseResult.Dim d : r.dims()) b.append(' ').append(f(d.endpoints().get(j).dVar())).append(" |");
      b.append('\n');
    }
    b.append(String.format(Locale.ROOT, "%nLargest |bias| / s.e.: %.2f.%n%n", r.dims().stream().mapToDouble(CaseResult.Dim::maxZ).max().orElse(0)));
  }

  private static String signed(double x) {
    return (x >= 0 ? "+" : "") + f(x);
  }

  static String errorsCsv(CaseResult r) {
    StringBuilder b = new StringBuilder("d,seed,sup_error");
    boolean sup = r.vcase().metric() != ValidationCase.Metric.LAW;
    b.append(sup ? ",tlog_rmse\n" : ",max_z\n");
    for (CaseResult.Dim d : r.dims()) {
      for (int s = 0; s < d.sup().length; s++) {
        String key = sup ? String.valueOf(s) : Outputs.csvCell(r.vcase().statistics().get(s));
        b.append(d.d()).append(',').append(key).append(',').append(d.sup()[s]).append(',')
            .append(sup ? d.tlog()[s] : d.maxZ()).append('\n');
      }
    }
    return b.toString();
  }

  private static XYChart trajectoryPanel(CaseResult r, String stat) {
    ValidationCase c = r.vcase();
    int d = r.dims().get(r.dims().size() - 1).d();
    boolean iter = c.metric() == ValidationCase.Metric.ITERATION;
    XYChart ch = ChartFiles.chart(c.name() + ": " + stat + " (d = " + d + ")", iter ? "l" : "t", stat, 560, 460);
    double[] t = r.sgd().get(0).times();
    boolean law = c.metric() == ValidationCase.Metric.LAW;
    if (!law) {
      Trajectory lim = r.limits().get(0);
      line(ch, iter ? "limit" : "limit (from seed 0's u(x_0))", lim.times(), lim.column(stat), java.awt.Color.BLACK, SeriesLines.SOLID);
    } else {
      band(ch, "SDE", r.limits(), stat, t, java.awt.Color.BLACK);
    }
    band(ch, iter ? "finite d" : "SGD", r.sgd(), stat, t, ChartFiles.PALETTE[0]);
    return ch;
  }

  /** Mean (solid) and 5% / 95% quantiles (dashed) of an ensemble. */
  private static void band(XYChart ch, String name, List<Trajectory> ts, String stat, double[] t, java.awt.Color color) {
    double[][] cols = new double[ts.size()][];
    for (int k = 0; k < cols.length; k++) cols[k] = ts.get(k).column(stat);
    double[] mean = new double[t.length], lo = new double[t.length], hi = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      double[] x = new double[cols.length];
      for (int k = 0; k < x.length; k++) x[k] = cols[k][i];
      Arrays.sort(x);
      mean[i] = Metrics.mean(x);
      lo[i] = quantile(x, 0.05);
      hi[i] = quantile(x, 0.95);
    }
    String n = name + " (" + ts.size() + " runs)";
    line(ch, n + " mean", t, mean, color, SeriesLines.SOLID);
    line(ch, n + " 5%", t, lo, color, SeriesLines.DASH_DASH);
    line(ch, n + " 95%", t, hi, color, SeriesLines.DASH_DASH);
  }

  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static XYChart errorChart(CaseResult r) {
    ValidationCase c = r.vcase();
    boolean law = c.metric() == ValidationCase.Metric.LAW;
    XYChart ch = ChartFiles.chart(c.name() + (law ? ": largest z vs d" : ": sup error vs d"), "d", law ? "max z" : "sup error", 560, 460);
    double[] d = new double[r.dims().size()], y = new double[d.length], e = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      CaseResult.Dim x = r.dims().get(i);
      d[i] = x.d();
      y[i] = law ? x.maxZ() : x.mean();
      e[i] = law ? 0 : x.se();
    }
    ch.getStyler().setXAxisLogarithmic(true);
    ch.getStyler().setYAxisLogarithmic(!law);
    XYSeries pts = law ? ch.addSeries("max z", d, y) : ch.addSeries("mean over seeds ± s.e.", d, y, e);
    pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    pts.setMarker(SeriesMarkers.CIRCLE);
    pts.setMarkerColor(ChartFiles.PALETTE[0]);
    if (!law) {
      double[] fitY = new double[d.length], refY = new double[d.length];
      for (int i = 0; i < d.length; i++) {
        fitY[i] = Math.exp(r.fit().intercept() + r.fit().slope() * Math.log(d[i]));
        refY[i] = y[0] * Math.pow(d[i] / d[0], c.rate());
      }
      line(ch, String.format(Locale.ROOT, "fit: slope %.3f", r.fit().slope()), d, fitY, ChartFiles.PALETTE[1], SeriesLines.SOLID);
      line(ch, String.format(Locale.ROOT, "expected: slope %.2f", c.rate()), d, refY, java.awt.Color.GRAY, SeriesLines.DASH_DASH);
    } else {
      line(ch, "bound " + c.maxZ(), d, constant(d.length, c.maxZ()), ChartFiles.PALETTE[1], SeriesLines.DASH_DASH);
    }
    return ch;
  }

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static void line(XYChart c, String name, double[] x, double[] y, java.awt.Color color, java.awt.BasicStroke stroke) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(stroke);
  }

  /** Suite index: one line per case. */
  public static String index(List<CaseResult> results, Map<String, String> failures) {
    StringBuilder b = new StringBuilder("# Validation reports\n\n| case | model | regime | run | result | rate / z | oracles |\n|---|---|---|---|---|---|---|\n");
    for (CaseResult r : results) {
      ValidationCase c = r.vcase();
      String rate = c.metric() != ValidationCase.Metric.LAW
          ? String.format(Locale.ROOT, "slope %.3f [%.3f, %.3f] (expected %.2f ± %.2f)", r.fit().slope(), r.fit().lower(), r.fit().upper(), c.rate(), c.band())
          : String.format(Locale.ROOT, "max z %.2f (bound %.1f)", r.dims().stream().mapToDouble(CaseResult.Dim::maxZ).max().orElse(0), c.maxZ());
      long ok = r.oracles().stream().filter(CaseResult.OracleCheck::pass).count();
      b.append("| [").append(c.name()).append("](").append(c.name()).append("/report.md) | ").append(c.factory().name()).append(" | ")
          .append(c.metric() == ValidationCase.Metric.ITERATION ? "iteration" : c.regime().key()).append(" | ").append(r.full() ? "full" : "quick").append(" | ").append(r.passed() ? "PASS" : "**FAIL**")
          .append(" | ").append(rate).append(" | ").append(ok).append('/').append(r.oracles().size()).append(" |\n");
    }
    for (Map.Entry<String, String> e : failures.entrySet()) {
      b.append("| ").append(e.getKey()).append(" | | | | **ERROR** | ").append(e.getValue().replace("|", "/")).append(" | |\n");
    }
    return b.toString();
  }
}
