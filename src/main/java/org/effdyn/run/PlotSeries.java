package org.effdyn.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effdyn.card.ChartSpec;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Adds series to one panel, leaving out what its axes cannot show: on a logarithmic axis the points
 * with a non-positive coordinate, on any axis non-finite values and x below the axis minimum. Lines
 * and bands are broken where points are left out (the pieces after the first are not repeated in the
 * legend). Series names must be unique per panel, as XChart requires.
 */
final class PlotSeries {
  /** Fill opacity of bands, 0..255. */
  private static final int BAND_ALPHA = 56;

  final XYChart chart;
  final boolean logX;
  final boolean logY;
  final double xMin;
  private final float width;
  private int hidden;

  /**
   * Sets the panel's axes: logarithmic x (y) if asked and some x (y) to draw is positive, x from xMin
   * (or, on a log axis, from the first positive x) when xMin is finite.
   *
   * @param xs every x the panel will draw, for the log decision
   * @param ys every y the panel will draw
   */
  PlotSeries(XYChart chart, ChartSpec.Style style, boolean logX, boolean logY, double xMin, double[] xs, double[] ys) {
    this.chart = chart;
    double firstPositive = Double.POSITIVE_INFINITY;
    for (double x : xs) if (x > 0 && x < firstPositive && x >= xMin) firstPositive = x;
    this.logX = logX && firstPositive < Double.POSITIVE_INFINITY;
    this.logY = logY && anyPositive(ys);
    this.xMin = this.logX ? Math.max(xMin, firstPositive) : xMin;
    this.width = ChartFiles.lineWidth(style);
    XYStyler st = chart.getStyler();
    st.setXAxisLogarithmic(this.logX);
    st.setYAxisLogarithmic(this.logY);
    if (Double.isFinite(this.xMin)) st.setXAxisMin(this.xMin);
  }

  boolean okX(double x) {
    return Double.isFinite(x) && x >= xMin && (!logX || x > 0);
  }

  boolean okY(double y) {
    return Double.isFinite(y) && (!logY || y > 0);
  }

  /** A line through the drawable points in the style's width, broken where a point is not drawable. */
  void line(String name, double[] x, double[] y, Color color, BasicStroke dash, boolean legend) {
    boolean named = false;
    int i = 0;
    while (i < x.length) {
      while (i < x.length && !(okX(x[i]) && okY(y[i]))) i++;
      int from = i;
      while (i < x.length && okX(x[i]) && okY(y[i])) i++;
      if (i == from) continue;
      XYSeries ser = chart.addSeries(named ? name + " #" + hidden++ : name, Arrays.copyOfRange(x, from, i), Arrays.copyOfRange(y, from, i));
      ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      ser.setMarker(SeriesMarkers.NONE);
      ser.setLineColor(color);
      float[] d = dash.getDashArray();
      if (d != null) {
        d = d.clone();
        for (int k = 0; k < d.length; k++) d[k] = Math.max(1.5f, d[k] * width / 2f);
      }
      ser.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, d, 0f));
      ser.setShowInLegend(legend && !named);
      named = true;
    }
  }

  /** Markers at the drawable points; nothing if none is. */
  void markers(String name, double[] x, double[] y, Color color, Marker marker, boolean legend) {
    List<Double> px = new ArrayList<>();
    List<Double> py = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (okX(x[i]) && okY(y[i])) {
        px.add(x[i]);
        py.add(y[i]);
      }
    }
    if (px.isEmpty()) return;
    XYSeries ser = chart.addSeries(name, px, py);
    ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    ser.setMarker(marker);
    ser.setMarkerColor(color);
    ser.setShowInLegend(legend);
  }

  /** A shaded band between lo and hi, one polygon per stretch of drawable points; not in the legend. */
  void band(String name, double[] x, double[] lo, double[] hi, Color color) {
    Color fill = new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA);
    int i = 0;
    while (i < x.length) {
      while (i < x.length && !(okX(x[i]) && okY(lo[i]) && okY(hi[i]))) i++;
      int from = i;
      while (i < x.length && okX(x[i]) && okY(lo[i]) && okY(hi[i])) i++;
      int m = i - from;
      if (m < 2) continue;
      double[] px = new double[2 * m];
      double[] py = new double[2 * m];
      for (int k = 0; k < m; k++) {
        px[k] = x[from + k];
        py[k] = hi[from + k];
        px[2 * m - 1 - k] = x[from + k];
        py[2 * m - 1 - k] = lo[from + k];
      }
      XYSeries ser = chart.addSeries(name + " #" + hidden++, px, py);
      ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      ser.setMarker(SeriesMarkers.NONE);
      ser.setFillColor(fill);
      ser.setLineColor(new Color(0, 0, 0, 0));
      ser.setLineStyle(SeriesLines.NONE);
      ser.setShowInLegend(false);
    }
  }

  static boolean anyPositive(double[] v) {
    for (double x : v) if (x > 0 && Double.isFinite(x)) return true;
    return false;
  }

  /** The values of several arrays in one. */
  static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) n += p.length;
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
