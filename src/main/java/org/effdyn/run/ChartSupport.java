package org.effdyn.run;

/**
 * Whether charts can be drawn. XChart is an optional dependency of EffDyn, and SVG and PDF also need
 * VectorGraphics2D; the CLI jar bundles both. This class refers to no chart type, so it loads without
 * them and can fail with a message naming what is missing, before any file is written.
 */
public final class ChartSupport {
  private ChartSupport() {}

  /** True if XChart is on the classpath. */
  public static boolean available() {
    return present("org.knowm.xchart.XYChart");
  }

  /** True if VectorGraphics2D (SVG and PDF charts) is on the classpath. */
  public static boolean vectorAvailable() {
    return present("de.erichseifert.vectorgraphics2d.VectorGraphics2D");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ChartSupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * Throws {@link IllegalStateException} naming the dependency if charts cannot be drawn.
   *
   * @param field the setting that asked for a chart, for the message (e.g. {@code output.chart})
   */
  public static void require(String field) {
    require(field, false);
  }

  /**
   * As {@link #require(String)}; with {@code vector}, SVG or PDF files are asked for and
   * VectorGraphics2D must be there too.
   */
  public static void require(String field, boolean vector) {
    if (!available()) {
      throw new IllegalStateException(field + ": charts need org.knowm.xchart:xchart 4.0.3 on the classpath "
          + "(an optional dependency of org.effdyn:effdyn); add it, or turn charts off");
    }
    if (vector && !vectorAvailable()) {
      throw new IllegalStateException(field + ": SVG and PDF charts need de.erichseifert.vectorgraphics2d:VectorGraphics2D 0.13 "
          + "on the classpath (an optional dependency of org.effdyn:effdyn); add it, or set chart.formats: [png]");
    }
  }
}
