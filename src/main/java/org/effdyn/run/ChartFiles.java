package org.effdyn.run;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Chart files for analysis, sweep and validation outputs: one house style, PNG (one chart or a grid
 * of panels) and SVG (one chart, through VectorGraphics2D). Files are written atomically.
 */
public final class ChartFiles {
  /** Panel colours (matplotlib's tab10), shared with the scenario charts. */
  public static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0xbcbd22), new Color(0x7f7f7f)};

  private ChartFiles() {}

  /** A white XY chart with the legend below, titles and axis labels set. */
  public static XYChart chart(String title, String x, String y, int width, int height) {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
    XYStyler st = c.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xdddddd));
    st.setLegendBackgroundColor(new Color(255, 255, 255, 200));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    st.setMarkerSize(7);
    return c;
  }

  /** One chart as PNG. */
  public static void png(Path file, XYChart chart) {
    png(file, List.of(chart), 1);
  }

  /** Panels in a grid (at most {@code maxCols} per row) as one PNG. */
  public static void png(Path file, List<XYChart> panels, int maxCols) {
    int cols = Math.min(panels.size(), maxCols);
    int rows = (panels.size() + cols - 1) / cols;
    AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(panels, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /** One chart as SVG. */
  @SuppressWarnings("deprecation") // XChart 4.0.3 deprecates every SVG entry point and offers no successor
  public static void svg(Path file, XYChart chart) {
    AtomicFiles.write(file, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
        VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
  }
}
