package org.effdyn.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.card.ChartSpec;
import org.effdyn.card.Scenario;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.EnsembleSummary;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of {@code run} ({@code chart.png}, {@code .svg}, {@code .pdf}), t on the x axis, drawn as
 * the card's {@code chart} section asks ({@link ChartSpec}): one panel per column (grid) or every
 * column on one panel (overlay).
 * <ul>
 *   <li>SGD, for each d: the mean over seeds as markers (at most {@value #MAX_MARKERS}, evenly spaced
 *       in t or in log t), with the 5–95% band over seeds shaded when there are at least 2 seeds
 *       (quantiles by linear interpolation between order statistics, as in {@code ensemble.csv});</li>
 *   <li>the limit from the SGD runs' measured starts ({@code limit-sgd.csv}), in the colour of its d: the
 *       mean over the d's limits (one per run), or the limit from the d's mean start;</li>
 *   <li>the limit from the card's init ({@code limit.csv}): a black line when SGD is drawn (one dash
 *       pattern per variant), else one colour per variant (black for a single one); left out with
 *       {@code chart.card_limit: false} when SGD-start limits are drawn;</li>
 *   <li>an SDE ensemble (diffusive): its mean as a line and its 5–95% band.</li>
 * </ul>
 * Colours (Okabe–Ito, {@link ChartFiles#PALETTE}) tell apart the (variant, d) groups, or the columns
 * of an overlay; marker shapes tell apart d. On a logarithmic axis, points with a non-positive
 * coordinate are left out and lines and bands are broken there; a panel with no positive value on its
 * log axis is drawn linear.
 */
final class Charts {
  static final int MAX_MARKERS = 41;
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
  private static final BasicStroke[] DASHES = {
    SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};

  private Charts() {}

  /** The panels of a run's chart and how to lay them out. */
  record Figure(List<XYChart> panels, int cols, String title, ChartSpec.Style style) {
    void write(Path file, ChartSpec.Format format) {
      ChartFiles.write(file, format, panels, cols, title, style);
    }
  }

  /** Default panel size of a style: {width, height}. */
  static int[] panelSize(ChartSpec spec, int screenW, int screenH, int paperW, int paperH) {
    boolean paper = spec.style() == ChartSpec.Style.PAPER;
    int w = spec.width() > 0 ? spec.width() : paper ? paperW : screenW;
    int h = spec.height() > 0 ? spec.height() : paper ? paperH : screenH;
    return new int[] {w, h};
  }

  /** The figure title: the card's {@code chart.title}, else the card name on screen and none on paper. */
  static String title(ChartSpec spec, String cardName) {
    if (spec.title() != null) return spec.title();
    return spec.style() == ChartSpec.Style.PAPER ? null : cardName;
  }

  /** Panels per row: {@code chart.cols}, else up to 3. */
  static int cols(ChartSpec spec, int panels) {
    return spec.cols() > 0 ? Math.min(spec.cols(), panels) : Math.min(panels, 3);
  }

  static Figure figure(Scenario s, List<ScenarioRunner.VariantResult> results) {
    ChartSpec spec = s.chart();
    List<String> columns = spec.columns() != null ? spec.columns() : results.get(0).variant().model().chartColumns(s.regime());
    int[] size = panelSize(spec, 640, 520, 420, 340);
    boolean paper = spec.style() == ChartSpec.Style.PAPER;
    List<XYChart> panels = new ArrayList<>();
    if (spec.layout() == ChartSpec.Layout.OVERLAY) {
      String y = columns.size() == 1 ? columns.get(0) : columns.size() <= 3 ? String.join(", ", columns) : "value";
      panels.add(new Panel(s, spec, columns, results, size, null, y).build());
      return new Figure(panels, 1, title(spec, s.name()), spec.style());
    }
    for (String c : columns) panels.add(new Panel(s, spec, List.of(c), results, size, paper ? null : c, c).build());
    return new Figure(panels, cols(spec, panels.size()), title(spec, s.name()), spec.style());
  }

  /** One panel: the columns it shows and the series it adds. */
  private static final class Panel {
    final ChartSpec spec;
    final List<String> columns;
    final List<ScenarioRunner.VariantResult> results;
    final XYChart c;
    final PlotSeries p;

    Panel(Scenario s, ChartSpec spec, List<String> columns, List<ScenarioRunner.VariantResult> results, int[] size,
        String title, String yTitle) {
      this.spec = spec;
      this.columns = columns;
      this.results = results;
      boolean lx = false;
      boolean ly = false;
      for (String col : columns) {
        lx |= spec.logX() != null ? spec.logX().appliesTo(col) : results.get(0).variant().model().chartLogTime();
        ly |= spec.logY().appliesTo(col);
      }
      c = ChartFiles.chart(title, "t", yTitle, size[0], size[1], spec.style());
      XYStyler st = c.getStyler();
      st.setXAxisDecimalPattern("0.##");
      st.setXAxisTickMarkSpacingHint(spec.style() == ChartSpec.Style.PAPER ? 70 : 90);
      st.setXAxisMax(s.grid().t1());
      p = new PlotSeries(c, spec.style(), lx, ly, s.grid().t0(), s.grid().times(), values());
    }

    XYChart build() {
      boolean overlay = columns.size() > 1;
      boolean several = results.size() > 1;
      boolean hasSgd = results.stream().anyMatch(r -> !r.sgd().isEmpty());
      for (int ci = 0; ci < columns.size(); ci++) {
        String col = columns.get(ci);
        String colPfx = overlay ? col + ": " : "";
        int group = 0;
        for (int v = 0; v < results.size(); v++) {
          ScenarioRunner.VariantResult r = results.get(v);
          String pfx = colPfx + (several ? r.variant().label() + ": " : "");
          Color vc = overlay ? ChartFiles.PALETTE[ci % ChartFiles.PALETTE.length]
              : hasSgd ? Color.BLACK : several ? ChartFiles.PALETTE[v % ChartFiles.PALETTE.length] : Color.BLACK;
          boolean sgdLimits = r.sgdLimits() != null && !r.sgdLimits().blocks().isEmpty();
          if (r.limit() != null && (spec.cardLimit() || !sgdLimits)) {
            BasicStroke dash = overlay && hasSgd ? SeriesLines.DASH_DASH
                : hasSgd && several ? DASHES[v % DASHES.length] : SeriesLines.SOLID;
            String name = sgdLimits ? "limit from card init" : "limit";
            p.line(pfx + name, r.limit().times(), r.limit().column(col), vc, dash, true);
          }
          if (r.summary() != null) sde(pfx, r.summary(), col, vc);
          Map<Integer, List<ScenarioRunner.SgdRun>> byD = new LinkedHashMap<>();
          for (ScenarioRunner.SgdRun run : r.sgd()) byD.computeIfAbsent(run.dIndex(), k -> new ArrayList<>()).add(run);
          int di = 0;
          for (Map.Entry<Integer, List<ScenarioRunner.SgdRun>> e : byD.entrySet()) {
            Color gc = overlay ? ChartFiles.PALETTE[ci % ChartFiles.PALETTE.length]
                : ChartFiles.PALETTE[group % ChartFiles.PALETTE.length];
            sgd(pfx, col, e.getValue(), r.sgdLimits(), e.getKey(), gc, MARKERS[di % MARKERS.length]);
            group++;
            di++;
          }
        }
      }
      ChartFiles.spaceTicksByHint(c);
      return c;
    }

    /** Markers of the mean over seeds, the 5–95% band, the SGD-start limit of this d. */
    private void sgd(String pfx, String col, List<ScenarioRunner.SgdRun> runs, SgdLimits limits, int dIndex, Color color,
        Marker marker) {
      int d = runs.get(0).d();
      int n = runs.size();
      Trajectory first = runs.get(0).trajectory();
      int len = first.size();
      double[] t = first.times();
      double[][] cols = new double[n][];
      for (int k = 0; k < n; k++) cols[k] = runs.get(k).trajectory().column(col);
      double[] mean = new double[len];
      double[] lo = new double[len];
      double[] hi = new double[len];
      double[] x = new double[n];
      for (int i = 0; i < len; i++) {
        for (int k = 0; k < n; k++) x[k] = cols[k][i];
        double sum = 0;
        for (double v : x) sum += v;
        mean[i] = sum / n;
        Arrays.sort(x);
        lo[i] = quantile(x, 0.05);
        hi[i] = quantile(x, 0.95);
      }
      String what = "SGD d=" + d + ", " + n + (n == 1 ? " seed" : " seeds (mean, 5–95%)");
      if (n >= 2) p.band(pfx + what + " band", t, lo, hi, color);
      List<Integer> idx = markerIndices(first);
      double[] mx = new double[idx.size()];
      double[] my = new double[idx.size()];
      for (int k = 0; k < mx.length; k++) {
        mx[k] = t[idx.get(k)];
        my[k] = mean[idx.get(k)];
      }
      p.markers(pfx + what, mx, my, color, marker, true);
      if (limits != null) {
        List<Trajectory> lims = limits.limitsOf(dIndex);
        if (lims.isEmpty()) return;
        double[] lt = lims.get(0).times();
        double[] lm = new double[lt.length];
        for (Trajectory l : lims) {
          double[] v = l.column(col);
          for (int i = 0; i < lm.length; i++) lm[i] += v[i];
        }
        for (int i = 0; i < lm.length; i++) lm[i] /= lims.size();
        String name = limits.mode() == Scenario.LimitStart.MEAN ? "limit from mean SGD start, d=" + d
            : "limit from SGD start" + (lims.size() == 1 ? "" : "s") + ", d=" + d;
        p.line(pfx + name, lt, lm, color, SeriesLines.SOLID, true);
      }
    }

    /** An SDE ensemble: mean line and 5–95% band. */
    private void sde(String pfx, EnsembleSummary e, String col, Color color) {
      double[] times = e.times();
      double[] mean = new double[times.length];
      double[] lo = new double[times.length];
      double[] hi = new double[times.length];
      for (int i = 0; i < times.length; i++) {
        mean[i] = e.mean(i, col);
        lo[i] = e.quantile(i, col, 0.05);
        hi[i] = e.quantile(i, col, 0.95);
      }
      String name = "SDE, " + e.paths() + " paths (mean, 5–95%)";
      p.band(pfx + name + " band", times, lo, hi, color);
      p.line(pfx + name, times, mean, color, SeriesLines.SOLID, true);
    }

    /** Grid rows for the markers: evenly spaced in t, or in log t on a log axis. */
    private List<Integer> markerIndices(Trajectory tr) {
      int n = tr.size();
      List<Integer> idx = new ArrayList<>();
      int stride = Math.max(1, (int) Math.ceil((n - 1) / (double) (MAX_MARKERS - 1)));
      int last = -1;
      double t1 = tr.time(n - 1);
      for (int j = 0; j < MAX_MARKERS; j++) {
        int i = p.logX ? nearest(tr, p.xMin * Math.pow(t1 / p.xMin, j / (MAX_MARKERS - 1.0))) : j * stride;
        if (i >= n || i <= last || tr.time(i) < p.xMin) continue;
        last = i;
        idx.add(i);
      }
      return idx;
    }

    /** Every value this panel may draw (for the log-axis decision). */
    private double[] values() {
      List<double[]> parts = new ArrayList<>();
      for (ScenarioRunner.VariantResult r : results) {
        for (String col : columns) {
          if (r.limit() != null) parts.add(r.limit().column(col));
          for (ScenarioRunner.SgdRun run : r.sgd()) parts.add(run.trajectory().column(col));
          if (r.summary() != null) {
            double[] m = new double[r.summary().times().length];
            for (int i = 0; i < m.length; i++) m[i] = r.summary().mean(i, col);
            parts.add(m);
          }
        }
      }
      return PlotSeries.concat(parts);
    }
  }

  /** Quantile of sorted values, linear interpolation between order statistics (Hyndman–Fan type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Index of the row whose time is nearest to t. */
  private static int nearest(Trajectory tr, double t) {
    int best = 0;
    for (int i = 1; i < tr.size(); i++) if (Math.abs(tr.time(i) - t) < Math.abs(tr.time(best) - t)) best = i;
    return best;
  }
}
