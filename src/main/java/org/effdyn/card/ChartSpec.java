package org.effdyn.card;

import java.util.List;
import java.util.Locale;

/**
 * A card's {@code chart} section: what the charts of {@code run}, {@code sweep} and
 * {@code fixed-points} draw and in which files. Every key is optional:
 * <pre>
 * chart:
 *   columns: [eps_g, "Q[1,1]"]    # statistics / derived columns to draw (default: the model's chart columns)
 *   log_x: true                   # true | false | a list of columns (default: the model's choice, e.g. log t for committees)
 *   log_y: [eps_g]                # true | false | a list of columns (default: false)
 *   layout: grid                  # grid (one panel per column) | overlay (every column on one panel)
 *   cols: 3                       # panels per row of a grid (default: up to 3)
 *   title: "Committee K = 2"      # figure title above the panels (default: the card name; none in paper style)
 *   style: paper                  # screen (default) | paper
 *   formats: [png, svg, pdf]      # which files (default: all three)
 *   width: 640                    # one panel, in pixels (PNG) or points (SVG, PDF)
 *   height: 520
 *   card_limit: true              # draw the limit from the card's init beside the SGD-start limits
 * </pre>
 * A log axis leaves out the points whose coordinate is not positive; a panel with no positive value
 * on its log axis falls back to a linear axis.
 *
 * @param columns   the columns to draw, in order; null for the model's chart columns
 * @param logX      which panels get a logarithmic x axis; null for the model's default
 * @param logY      which panels get a logarithmic y axis
 * @param layout    grid or overlay
 * @param cols      panels per grid row; 0 for automatic (up to 3)
 * @param title     the figure title; null for the style's default, "" for none
 * @param style     screen or paper
 * @param formats   the files written, at least one, no repeats
 * @param width     one panel's width; 0 for the style's default
 * @param height    one panel's height; 0 for the style's default
 * @param cardLimit whether run charts with SGD overlays also draw the limit from the card's init
 */
public record ChartSpec(List<String> columns, LogAxes logX, LogAxes logY, Layout layout, int cols, String title,
    Style style, List<Format> formats, int width, int height, boolean cardLimit) {

  /** How panels are arranged. */
  public enum Layout {
    /** One panel per column, {@code cols} per row. */
    GRID,
    /** Every column on one panel. */
    OVERLAY;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The look of a chart. */
  public enum Style {
    /** Titles on every panel, a grid, medium fonts: for reading on screen. */
    SCREEN,
    /** DejaVu Sans (else the JDK's sans serif) at print sizes, thin lines, no titles unless asked: for papers. */
    PAPER;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A chart file format. */
  public enum Format {
    PNG, SVG, PDF;

    /** The file extension without the dot. */
    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** True for the formats drawn through VectorGraphics2D. */
    public boolean vector() {
      return this != PNG;
    }
  }

  /**
   * Which panels get a logarithmic axis: all of them ({@code all}), or those of the listed columns.
   *
   * @param all     every panel
   * @param columns the panels of these columns (ignored when {@code all})
   */
  public record LogAxes(boolean all, List<String> columns) {
    public LogAxes {
      columns = List.copyOf(columns);
    }

    /** No logarithmic axis. */
    public static LogAxes none() {
      return new LogAxes(false, List.of());
    }

    /** Every panel logarithmic. */
    public static LogAxes every() {
      return new LogAxes(true, List.of());
    }

    /** True if the panel of {@code column} gets a logarithmic axis. */
    public boolean appliesTo(String column) {
      return all || columns.contains(column);
    }

    /** True if no panel does. */
    public boolean isNone() {
      return !all && columns.isEmpty();
    }
  }

  public ChartSpec {
    if (columns != null) columns = List.copyOf(columns);
    if (logY == null) logY = LogAxes.none();
    if (formats.isEmpty()) throw new IllegalArgumentException("formats must not be empty");
    formats = List.copyOf(formats);
  }

  /** Every default: the model's columns and time axis, a grid, screen style, PNG + SVG + PDF. */
  public static ChartSpec defaults() {
    return new ChartSpec(null, null, LogAxes.none(), Layout.GRID, 0, null, Style.SCREEN,
        List.of(Format.PNG, Format.SVG, Format.PDF), 0, 0, true);
  }

  /** True if some format needs VectorGraphics2D. */
  public boolean needsVectorGraphics() {
    return formats.stream().anyMatch(Format::vector);
  }

  /** The same settings writing only {@code f} (tests, tools). */
  public ChartSpec withFormats(List<Format> f) {
    return new ChartSpec(columns, logX, logY, layout, cols, title, style, f, width, height, cardLimit);
  }
}
