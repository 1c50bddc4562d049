package org.effdyn.run;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.MutableCommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.StateCommand;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.effdyn.card.ChartSpec;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;

/**
 * Chart files in one house style: panels built by {@link #chart(String, String, String, int, int, ChartSpec.Style)}
 * and written as a figure (a grid of panels with an optional title above them) in PNG, SVG or PDF by
 * {@link #write(Path, ChartSpec.Format, List, int, String, ChartSpec.Style)}. SVG and PDF are drawn on
 * VectorGraphics2D, every text as glyph outlines (as XChart draws its labels), so that every glyph shows
 * without font embedding.
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

  /** A decimal number with more than two decimals: group 1 is it cut to two. */
  private static final Pattern SVG_DIGITS = Pattern.compile("(\\d\\.\\d{2})\\d+");

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
    for (XYSeries s : List.copyOf(c.getSeriesCollection())) {
      double[] x = s.getXData();
      double[] y = s.getYData();
      if (x.length < 2 || x[1] <= x[0]) continue;
      XYSeries p = c.addSeries("_ticks", new double[] {x[0] + 0.25 * (x[1] - x[0])}, new double[] {y[0]});
      p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
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
   * large as the largest panel), with {@code title} centred above them if not null or empty and one
   * legend for the whole figure below them (the panels' own legends are turned off; an entry is every
   * series name shown in some panel's legend, in order of first appearance, with a shaded swatch when
   * the series has a band), as one file in {@code format}. A paper-style PNG is drawn at twice the
   * size, for print resolution.
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
        if (format == ChartSpec.Format.PDF) g.scale(unit, unit);
        paint(g, l);
        PageSize page = new PageSize(0, 0, l.width * unit, l.height * unit);
        Document doc = Processors.get(format.extension()).getDocument(joinLines(g.getCommands()), page);
        if (format == ChartSpec.Format.SVG) {
          // coordinates to 1/100 pixel: a third of the size, no visible change
          java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
          try {
            doc.writeTo(buf);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          String svg = SVG_DIGITS.matcher(buf.toString(StandardCharsets.UTF_8)).replaceAll("$1");
          AtomicFiles.write(file, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
        } else {
          AtomicFiles.write(file, doc::writeTo);
        }
      }
      default -> throw new IllegalArgumentException("unknown format " + format);
    }
  }

  /**
   * The commands with every run of line segments that meet end to start, in one colour and stroke,
   * joined into one path. XChart draws a line series one segment at a time and sets the colour (line,
   * then marker) and stroke around each; a colour or stroke is passed on only when something is drawn
   * in it. Joined, a vector file is several times smaller and dash patterns run on across the data
   * points.
   */
  static CommandSequence joinLines(CommandSequence in) {
    MutableCommandSequence out = new MutableCommandSequence();
    Path2D.Double path = null;
    double lastX = Double.NaN;
    double lastY = Double.NaN;
    Command<?> color = null;    // the last colour and stroke asked for, not yet passed on
    Command<?> stroke = null;
    Object colorOut = null;     // the colour and stroke in force in out (null: unknown)
    Object strokeOut = null;
    for (Command<?> c : in) {
      if (c instanceof SetColorCommand) {
        color = c;
        continue;
      }
      if (c instanceof SetStrokeCommand) {
        stroke = c;
        continue;
      }
      boolean changes = color != null && !color.getValue().equals(colorOut) || stroke != null && !stroke.getValue().equals(strokeOut);
      if (c instanceof DrawShapeCommand d && d.getValue() instanceof Line2D l && path != null && !changes
          && l.getX1() == lastX && l.getY1() == lastY) {
        path.lineTo(l.getX2(), l.getY2());
        lastX = l.getX2();
        lastY = l.getY2();
        continue;
      }
      if (path != null) out.add(new DrawShapeCommand(path));
      path = null;
      if (color != null && !color.getValue().equals(colorOut)) {
        out.add(color);
        colorOut = color.getValue();
      }
      if (stroke != null && !stroke.getValue().equals(strokeOut)) {
        out.add(stroke);
        strokeOut = stroke.getValue();
      }
      color = null;
      stroke = null;
      if (c instanceof DrawShapeCommand d && d.getValue() instanceof Line2D l) {
        path = new Path2D.Double();
        path.moveTo(l.getX1(), l.getY1());
        path.lineTo(l.getX2(), l.getY2());
        lastX = l.getX2();
        lastY = l.getY2();
        continue;
      }
      out.add(c);
      if (c instanceof StateCommand && !(c instanceof SetHintCommand)) {   // create, dispose, paint, ...: unknown
        colorOut = null;
        strokeOut = null;
      }
    }
    if (path != null) out.add(new DrawShapeCommand(path));
    if (color != null) out.add(color);
    if (stroke != null) out.add(stroke);
    return out;
  }

  /** One entry of a figure legend: its text and how its series is drawn. */
  private record Entry(String name, Color line, BasicStroke stroke, Marker marker, Color markerColor, Color band) {}

  /** Where the panels, the title and the legend go. */
  private static final class Layout {
    final List<XYChart> panels;
    final int cols;
    final int cellW;
    final int cellH;
    final String title;
    final Font titleFont;
    final int titleH;
    final List<Entry> entries;
    final Font legendFont;
    final int markerSize;
    final int swatchW;
    final int entryW;
    final int lineH;
    final int legendCols;
    final int legendH;
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
      entries = entries(panels);
      XYStyler st = panels.get(0).getStyler();
      legendFont = st.getLegendFont();
      markerSize = st.getMarkerSize();
      swatchW = style == ChartSpec.Style.PAPER ? 22 : 28;
      FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(legendFont);
      int text = 0;
      for (Entry e : entries) text = Math.max(text, fm.stringWidth(e.name()));
      entryW = swatchW + 8 + text + 18;
      lineH = fm.getHeight() + 4;
      legendCols = entries.isEmpty() ? 1 : Math.max(1, Math.min(entries.size(), (width - 20) / entryW));
      int legendRows = (entries.size() + legendCols - 1) / legendCols;
      legendH = entries.isEmpty() ? 0 : legendRows * lineH + 12;
      height = titleH + rows * cellH + legendH;
    }

    /** The legend entries of every panel, by name in order of first appearance; turns the panels' own legends off. */
    private static List<Entry> entries(List<XYChart> panels) {
      java.util.Map<String, Entry> out = new java.util.LinkedHashMap<>();
      for (XYChart c : panels) {
        c.getStyler().setLegendVisible(false);
        List<XYSeries> all = List.copyOf(c.getSeriesCollection());
        for (XYSeries s : all) {
          if (!s.isShowInLegend() || out.containsKey(s.getName())) continue;
          Color band = null;
          for (XYSeries b : all) {
            if (b.getName().startsWith(s.getName() + " band")) band = b.getFillColor();
          }
          boolean line = s.getXYSeriesRenderStyle().orElse(XYSeries.XYSeriesRenderStyle.Line) != XYSeries.XYSeriesRenderStyle.Scatter
              && s.getLineStyle() != null && s.getLineStyle() != SeriesLines.NONE;
          out.put(s.getName(), new Entry(s.getName(), line ? s.getLineColor() : null, s.getLineStyle(), s.getMarker(),
              s.getMarkerColor(), band));
        }
      }
      return List.copyOf(out.values());
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
      text(g, l.title, (l.width - fm.stringWidth(l.title)) / 2.0, (l.titleH + fm.getAscent() - fm.getDescent()) / 2.0);
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
    paintLegend(g, l);
  }

  /** The figure legend, entries in rows of {@code legendCols}, centred below the panels. */
  private static void paintLegend(Graphics2D g, Layout l) {
    if (l.entries.isEmpty()) return;
    int rows = (l.panels.size() + l.cols - 1) / l.cols;
    double top = l.titleH + rows * l.cellH + 6;
    double left = (l.width - l.legendCols * l.entryW) / 2.0;
    g.setFont(l.legendFont);
    FontMetrics fm = g.getFontMetrics();
    for (int k = 0; k < l.entries.size(); k++) {
      Entry e = l.entries.get(k);
      double x = left + (k % l.legendCols) * l.entryW;
      double y = top + (k / l.legendCols) * l.lineH;
      double mid = y + l.lineH / 2.0;
      if (e.band() != null) {
        g.setColor(e.band());
        g.fill(new Rectangle2D.Double(x, mid - l.lineH * 0.32, l.swatchW, l.lineH * 0.64));
      }
      if (e.line() != null) {
        g.setColor(e.line());
        g.setStroke(e.stroke());
        g.draw(new Line2D.Double(x, mid, x + l.swatchW, mid));
      }
      if (e.marker() != null && e.markerColor() != null) {
        g.setColor(e.markerColor());
        e.marker().paint(g, x + l.swatchW / 2.0, mid, l.markerSize);
      }
      g.setColor(Color.BLACK);
      text(g, e.name(), x + l.swatchW + 8, mid + (fm.getAscent() - fm.getDescent()) / 2.0);
    }
  }

  /**
   * Text in the current font and colour with its baseline at (x, y), drawn as glyph outlines as XChart
   * draws its own labels: every glyph shows in SVG and PDF without fonts on the reader's side.
   */
  private static void text(Graphics2D g, String s, double x, double y) {
    TextLayout t = new TextLayout(s, g.getFont(), g.getFontRenderContext());
    g.fill(t.getOutline(AffineTransform.getTranslateInstance(x, y)));
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
