package org.effdyn.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.card.Scenario;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.EnsembleSummary;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code chart.png}: one panel per statistic, t on the x axis. The limit is a line per variant; SGD
 * is one marker series per (variant, d), the mean over seeds at (at most {@value #MAX_MARKERS}) grid
 * times, without a line; an SDE ensemble is its mean (solid) and 5% / 95% quantiles (dashed).
 * A single variant draws the limit in black and each d in its own colour; several variants get one
 * colour each, and d is told apart by the marker shape.
 */
final class Charts {
  static final int MAX_MARKERS = 41;
  private static final int WIDTH = 640;
  private static final int HEIGHT = 520;
  private static final Color[] PALETTE = ChartFiles.PALETTE;
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

  private Charts() {}

  static void write(Path file, Scenario s, List<ScenarioRunner.VariantResult> results) {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    List<String> stats = results.get(0).variant().model().chartColumns(s.regime());
    List<XYChart> panels = new ArrayList<>();
    for (String stat : stats) panels.add(panel(s, stat, results));
    int cols = Math.min(stats.size(), 3);
    int rows = (stats.size() + cols - 1) / cols;
    // XChart's grid merge needs rows * cols charts: fill the last row with invisible panels
    while (panels.size() < rows * cols) panels.add(blank());
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(panels, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
  }

  private static XYChart panel(Scenario s, String stat, List<ScenarioRunner.VariantResult> results) {
    XYChart c = ChartFiles.chart(s.name() + ": " + stat, "t", stat, WIDTH, HEIGHT);
    XYStyler st = c.getStyler();
    st.setXAxisDecimalPattern("0.##");
    st.setXAxisTickMarkSpacingHint(90);
    // a log time axis (when the model asks for one) starts at the first positive output time
    boolean logT = results.get(0).variant().model().chartLogTime() && s.grid().t1() > 0;
    double tMin = logT ? firstPositive(s.grid()) : s.grid().t0();
    if (logT) st.setXAxisLogarithmic(true);
    c.getStyler().setXAxisMin(tMin);
    c.getStyler().setXAxisMax(s.grid().t1());
    boolean several = results.size() > 1;
    for (int v = 0; v < results.size(); v++) {
      ScenarioRunner.VariantResult r = results.get(v);
      String lab = r.variant().label() == null ? "" : " " + r.variant().label();
      Color vc = several ? PALETTE[v % PALETTE.length] : Color.BLACK;
      if (r.limit() != null) {
        Trajectory t = r.limit();
        line(c, "limit" + lab, t.times(), t.column(stat), vc, SeriesLines.SOLID, tMin);
      }
      if (r.summary() != null) {
        EnsembleSummary e = r.summary();
        double[] times = e.times();
        double[] mean = new double[times.length];
        double[] lo = new double[times.length];
        double[] hi = new double[times.length];
        for (int i = 0; i < times.length; i++) {
          mean[i] = e.mean(i, stat);
          lo[i] = e.quantile(i, stat, 0.05);
          hi[i] = e.quantile(i, stat, 0.95);
        }
        line(c, "SDE mean" + lab, times, mean, vc, SeriesLines.SOLID, tMin);
        line(c, "SDE 5%" + lab, times, lo, vc, SeriesLines.DASH_DASH, tMin);
        line(c, "SDE 95%" + lab, times, hi, vc, SeriesLines.DASH_DASH, tMin);
      }
      Map<Integer, List<Trajectory>> byD = new LinkedHashMap<>();
      for (ScenarioRunner.SgdRun run : r.sgd()) byD.computeIfAbsent(run.d(), k -> new ArrayList<>()).add(run.trajectory());
      int di = 0;
      for (Map.Entry<Integer, List<Trajectory>> e : byD.entrySet()) {
        List<Trajectory> runs = e.getValue();
        Trajectory first = runs.get(0);
        int n = first.size();
        int stride = Math.max(1, (int) Math.ceil((n - 1) / (double) (MAX_MARKERS - 1)));
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double[][] cols = new double[runs.size()][];
        for (int k = 0; k < runs.size(); k++) cols[k] = runs.get(k).column(stat);
        int last = -1;
        for (int j = 0; j < MAX_MARKERS; j++) {
          // markers evenly spaced in t, or in log t on a log axis
          int i = logT ? nearest(first, tMin * Math.pow(s.grid().t1() / tMin, j / (MAX_MARKERS - 1.0))) : j * stride;
          if (i >= n || i <= last || first.time(i) < tMin) continue;
          last = i;
          double sum = 0;
          for (double[] col : cols) sum += col[i];
          xs.add(first.time(i));
          ys.add(sum / cols.length);
        }
        Color mc = several ? vc : PALETTE[di % PALETTE.length];
        XYSeries ser = c.addSeries("SGD d=" + e.getKey() + lab + " (mean of " + runs.size() + ")", xs, ys);
        ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        ser.setMarker(MARKERS[di % MARKERS.length]);
        ser.setMarkerColor(mc);
        di++;
      }
    }
    return c;
  }

  private static double firstPositive(org.effdyn.core.TimeGrid g) {
    for (int i = 0; i < g.samples(); i++) if (g.time(i) > 0) return g.time(i);
    return g.t1();
  }

  /** Index of the row whose time is nearest to t. */
  private static int nearest(Trajectory tr, double t) {
    int best = 0;
    for (int i = 1; i < tr.size(); i++) if (Math.abs(tr.time(i) - t) < Math.abs(tr.time(best) - t)) best = i;
    return best;
  }

  /** A line of the points with x >= xMin (a log axis cannot show t = 0). */
  private static void line(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke, double xMin) {
    int from = 0;
    while (from < x.length - 1 && x[from] < xMin) from++;
    XYSeries ser = c.addSeries(name, java.util.Arrays.copyOfRange(x, from, x.length), java.util.Arrays.copyOfRange(y, from, y.length));
    ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    ser.setMarker(SeriesMarkers.NONE);
    ser.setLineColor(color);
    ser.setLineStyle(stroke);
    ser.setLineWidth(stroke == SeriesLines.SOLID ? 2f : 1.5f);
  }

  /** An empty white panel with no axes, title or legend. */
  private static XYChart blank() {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).build();
    XYStyler st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderVisible(false);
    st.setPlotGridLinesVisible(false);
    st.setAxisTicksVisible(false);
    st.setChartTitleVisible(false);
    st.setLegendVisible(false);
    return c;
  }
}
