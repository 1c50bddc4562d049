package org.effdyn.run;

/**
 * Whether charts can be drawn. XChart is an optional dependency of EffDyn (SVG also needs
 * VectorGraphics2D); the CLI jar bundles both. This class refers to no chart type, so it loads without
 * them and can fail with a message naming what is missing, before any file is written.
 */
public final class ChartSupport {
  private ChartSupport() {}

  /** True if XChart is on the classpath. */
  public static boolean available() {
    try {
      Class.forName("org.knowm.xchart.XYChart", false, ChartSupport.class.getClassLoader());
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
    if (!available()) {
      throw new IllegalStateException(field + ": charts need org.knowm.xchart:xchart 4.0.3 on the classpath "
          + "(an optional dependency of org.effdyn:effdyn); add it, or turn charts off");
    }
  }
}
