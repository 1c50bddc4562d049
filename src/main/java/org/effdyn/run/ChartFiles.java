package org.effdyn.run;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.VectorHints;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.effdyn.card.ChartSpec;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Chart files in one house style: panels built by {@link #chart(String, String, String, int, int, ChartSpec.Style)}
 * and written as a figure (a grid of panels with an optional title above them) in PNG, SVG or PDF by
 * {@link #write(Path, ChartSpec.Format, List, int, String, ChartSpec.Style)}. SVG and PDF are drawn on
 * VectorGraphics2D (PDF with its text as outlines, so that every glyph shows without font embedding).
 * Colours are the Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2002), which stays
 * distinguishable under the common colour-vision deficiencies. Files are written atomically.
 */
public final class ChartFiles {
  /**
   * Series colours, the Okabe–Ito palette without its black (black is kept for the reference line):
   * blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow; then a mid grey.
   */
  public static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x999999)};

  /** Millimetres per PostScript point. */
  private static final double MM_PER_POINT = 25.4 / 72;

  /** The font family of every chart: DejaVu Sans where installed, else the JDK's sans serif. */
  static final String FONT = fontFamily();

  private ChartFiles() {}

  /** A white XY chart in screen style with the legend below, title and axis labels set. */
  public static XYChart chart(String title, String x, String y, int width, int height) {
    return chart(title, x, y, width, height, ChartSpec.Style.SCREEN);
  }

  /**
   * A white XY chart with the legend below and axis labels set, in {@code style}: screen has a light
   * grid and medium fonts; paper has no grid, print-size fonts, thin strokes and small markers. The
   * title is drawn if not null.
   */
  public static XYChart chart(String title, String x, String y, int width, int height, ChartSpec.Style style) {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    XYChartBuilder b = new XYChartBuilder().width(width).height(height).xAxisTitle(x).yAxisTitle(y);
    if (title != null) b.title(title);
    XYChart c = b.build();
    XYStyler st = c.getStyler();
    boolean paper = style == ChartSpec.Style.PAPER;
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendBackgroundColor(Color.WHITE);
    st.setLegendBorderColor(paper ? Color.WHITE : new Color(0xbbbbbb));
    st.setChartTitleVisible(title != null);
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(FONT, Font.BOLD, paper ? 12 : 14));
    st.setAxisTitleFont(new Font(FONT, Font.PLAIN, paper ? 12 : 12));
    st.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, paper ? 10 : 11));
    st.setLegendFont(new Font(FONT, Font.PLAIN, paper ? 10 : 11));
    st.setPlotGridLinesVisible(!paper);
    st.setPlotGridLinesColor(new Color(0xe3e3e3));
    st.setPlotGridLinesStroke(new BasicStroke(0.6f));
    st.setPlotBorderColor(paper ? Color.BLACK : new Color(0x888888));
    st.setAxisTickMarksColor(paper ? Color.BLACK : new Color(0x888888));
    st.setAxisTickMarksStroke(new BasicStroke(paper ? 0.6f : 1f));
    st.setAxisTickLabelsColor(Color.BLACK);
    st.setMarkerSize(paper ? 5 : 7);
    st.setChartPadding(paper ? 6 : 10);
    st.setLegendPadding(paper ? 4 : 8);
    st.setLegendSeriesLineLength(paper ? 20 : 24);
    return c;
  }

  /**
   * Makes XChart space the x ticks by its tick-spacing hint. When every x value of a chart lies on one
   * evenly spaced grid, XChart 4.0.3 puts a tick at as many grid points as their labels allow (0, 0.14,
   * 0.28, ...); an invisible point a quarter step off the grid makes it choose round steps instead.
   */
  static void spaceTicksByHint(XYChart c) {
    for (org.knowm.xchart.XYSeries s : List.copyOf(c.getSeriesCollection())) {
      double[] x = s.getXData();
      double[] y = s.getYData();
      if (x.length < 2 || x[1] <= x[0]) continue;
      org.knowm.xchart.XYSeries p = c.addSeries("_ticks", new double[] {x[0] + 0.25 * (x[1] - x[0])}, new double[] {y[0]});
      p.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
      p.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
      p.setShowInLegend(false);
      return;
    }
  }

  /** Width of a line in {@code style}: limits and references. */
  static float lineWidth(ChartSpec.Style style) {
    return style == ChartSpec.Style.PAPER ? 1.1f : 2f;
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

  /**
   * Panels in a grid of {@code cols} columns (rows as needed; every panel at its own size, cells as
   * large as the largest panel), with {@code title} centred above them if not null or empty, as one
   * file in {@code format}. A paper-style PNG is drawn at twice the size, for print resolution.
   */
  public static void write(Path file, ChartSpec.Format format, List<XYChart> panels, int cols, String title,
      ChartSpec.Style style) {
    if (panels.isEmpty()) throw new IllegalArgumentException("no panels to draw");
    Layout l = new Layout(panels, Math.max(1, Math.min(cols, panels.size())), title, style);
    switch (format) {
      case PNG -> {
        double scale = style == ChartSpec.Style.PAPER ? 2 : 1;
        BufferedImage img = new BufferedImage((int) Math.ceil(l.width * scale), (int) Math.ceil(l.height * scale),
            BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(scale, scale);
        paint(g, l);
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
      }
      case SVG, PDF -> {
        VectorGraphics2D g = new VectorGraphics2D();
        // VectorGraphics2D's PDF page is in millimetres: scale so that one chart pixel is one point
        double unit = format == ChartSpec.Format.PDF ? MM_PER_POINT : 1;
        if (format == ChartSpec.Format.PDF) {
          g.setRenderingHint(VectorHints.KEY_TEXT, VectorHints.VALUE_TEXT_VECTOR);
          g.scale(unit, unit);
        }
        paint(g, l);
        PageSize page = new PageSize(0, 0, l.width * unit, l.height * unit);
        Document doc = Processors.get(format.extension()).getDocument(g.getCommands(), page);
        AtomicFiles.write(file, doc::writeTo);
      }
      default -> throw new IllegalArgumentException("unknown format " + format);
    }
  }

  /** Where the panels and the title go. */
  private static final class Layout {
    final List<XYChart> panels;
    final int cols;
    final int cellW;
    final int cellH;
    final String title;
    final Font titleFont;
    final int titleH;
    final int width;
    final int height;

    Layout(List<XYChart> panels, int cols, String title, ChartSpec.Style style) {
      this.panels = panels;
      this.cols = cols;
      int w = 0;
      int h = 0;
      for (XYChart c : panels) {
        w = Math.max(w, c.getWidth());
        h = Math.max(h, c.getHeight());
      }
      cellW = w;
      cellH = h;
      this.title = title == null || title.isBlank() ? null : title;
      titleFont = new Font(FONT, Font.BOLD, style == ChartSpec.Style.PAPER ? 13 : 16);
      titleH = this.title == null ? 0 : titleFont.getSize() * 2 + 4;
      int rows = (panels.size() + cols - 1) / cols;
      width = cols * cellW;
      height = titleH + rows * cellH;
    }
  }

  private static void paint(Graphics2D g, Layout l) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, l.width, l.height);
    if (l.title != null) {
      g.setFont(l.titleFont);
      g.setColor(Color.BLACK);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(l.title, (float) (l.width - fm.stringWidth(l.title)) / 2, (l.titleH + fm.getAscent() - fm.getDescent()) / 2f);
    }
    for (int i = 0; i < l.panels.size(); i++) {
      XYChart c = l.panels.get(i);
      AffineTransform saved = g.getTransform();
      g.translate((i % l.cols) * l.cellW, l.titleH + (i / l.cols) * l.cellH);
      Graphics2D sub = (Graphics2D) g.create();
      sub.clipRect(0, 0, c.getWidth(), c.getHeight());
      c.paint(sub, c.getWidth(), c.getHeight());
      sub.dispose();
      g.setTransform(saved);
    }
  }

  private static String fontFamily() {
    try {
      if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
      String[] names = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
      if (Arrays.asList(names).contains("DejaVu Sans")) return "DejaVu Sans";
    } catch (RuntimeException | Error e) {
      // no font configuration: the logical font below still draws
    }
    return Font.SANS_SERIF;
  }
}
