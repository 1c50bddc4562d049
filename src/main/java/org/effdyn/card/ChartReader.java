package org.effdyn.card;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;

/**
 * Reads a card's {@code chart} section into a {@link ChartSpec}. Column names are checked against
 * every variant's statistics and derived columns (one spelling, as in the CSV headers); every error
 * names the field and the value as written.
 */
final class ChartReader {
  static final List<String> CHART = List.of("columns", "log_x", "log_y", "layout", "cols", "title", "style",
      "formats", "width", "height", "card_limit");
  /** Panel sizes outside this range are refused (pixels for PNG, points for SVG and PDF). */
  static final int MIN_SIZE = 100;
  static final int MAX_SIZE = 8000;

  private ChartReader() {}

  /**
   * The chart settings, or the defaults if c is null.
   *
   * @param variants the card's variants (their models give the known columns)
   */
  static ChartSpec read(CardSection c, List<Scenario.Variant> variants, Regime regime) {
    ChartSpec d = ChartSpec.defaults();
    if (c == null) return d;
    c.allow(CHART);
    List<List<String>> known = new ArrayList<>();
    for (Scenario.Variant v : variants) known.add(columns(v, regime));

    List<String> columns = null;
    CardValue cv = c.get("columns");
    if (cv != null) {
      List<CardValue> items = cv.isList() ? cv.items() : List.of(cv);
      if (items.isEmpty()) throw cv.error("must list at least one column (or leave columns out for the model's default)");
      Set<String> seen = new LinkedHashSet<>();
      for (CardValue item : items) {
        String name = column(item, known, variants, regime);
        if (!seen.add(name)) throw item.error("column '" + name + "' is listed twice");
      }
      columns = List.copyOf(seen);
    }
    ChartSpec.LogAxes logX = c.has("log_x") ? logAxes(c.get("log_x"), known, variants, regime) : null;
    ChartSpec.LogAxes logY = c.has("log_y") ? logAxes(c.get("log_y"), known, variants, regime) : ChartSpec.LogAxes.none();

    ChartSpec.Layout layout = d.layout();
    if (c.has("layout")) layout = ChartSpec.Layout.valueOf(c.get("layout").choice(List.of("grid", "overlay")).toUpperCase(Locale.ROOT));
    int cols = 0;
    if (c.has("cols")) {
      if (layout == ChartSpec.Layout.OVERLAY) throw c.error("cols", "only used with layout: grid (overlay draws one panel)");
      cols = c.get("cols").atLeast(1);
    }
    String title = c.has("title") ? c.get("title").word() : null;
    ChartSpec.Style style = d.style();
    if (c.has("style")) style = ChartSpec.Style.valueOf(c.get("style").choice(List.of("screen", "paper")).toUpperCase(Locale.ROOT));

    List<ChartSpec.Format> formats = d.formats();
    CardValue fv = c.get("formats");
    if (fv != null) {
      List<CardValue> items = fv.isList() ? fv.items() : List.of(fv);
      if (items.isEmpty()) throw fv.error("must list at least one of png, svg, pdf (or set output.chart: false)");
      Set<ChartSpec.Format> fs = new LinkedHashSet<>();
      for (CardValue item : items) {
        ChartSpec.Format f = ChartSpec.Format.valueOf(item.choice(List.of("png", "svg", "pdf")).toUpperCase(Locale.ROOT));
        if (!fs.add(f)) throw item.error("format '" + f.extension() + "' is listed twice");
      }
      formats = List.copyOf(fs);
    }
    int width = size(c, "width");
    int height = size(c, "height");
    boolean cardLimit = c.bool("card_limit", d.cardLimit());
    return new ChartSpec(columns, logX, logY, layout, cols, title, style, formats, width, height, cardLimit);
  }

  /** A panel size in [MIN_SIZE, MAX_SIZE], or 0 (the style's default) if not given. */
  private static int size(CardSection c, String key) {
    CardValue v = c.get(key);
    if (v == null) return 0;
    int n = v.integer();
    if (n < MIN_SIZE || n > MAX_SIZE) throw v.error("must be between " + MIN_SIZE + " and " + MAX_SIZE + ", got " + n);
    return n;
  }

  /** {@code true}, {@code false} or a list of columns. */
  private static ChartSpec.LogAxes logAxes(CardValue v, List<List<String>> known, List<Scenario.Variant> variants, Regime regime) {
    if (v.node().isBoolean() || v.node().isTextual() && !v.isList() && isBoolText(v.node().textValue())) {
      return v.bool() ? ChartSpec.LogAxes.every() : ChartSpec.LogAxes.none();
    }
    if (!v.isList()) throw v.error("must be true, false or a list of columns, got " + CardValue.show(v.node()));
    Set<String> cols = new LinkedHashSet<>();
    for (CardValue item : v.items()) {
      String name = column(item, known, variants, regime);
      if (!cols.add(name)) throw item.error("column '" + name + "' is listed twice");
    }
    return new ChartSpec.LogAxes(false, List.copyOf(cols));
  }

  private static boolean isBoolText(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return t.equals("true") || t.equals("false");
  }

  /** A column name known to every variant, in its canonical spelling. */
  private static String column(CardValue item, List<List<String>> known, List<Scenario.Variant> variants, Regime regime) {
    String name = item.word();
    for (int i = 0; i < known.size(); i++) {
      StateLayout layout = variants.get(i).model().initialLaw(regime).layout();
      String canonical = layout.contains(name) ? layout.name(layout.indexOf(name)) : name;
      if (!known.get(i).contains(canonical)) {
        String which = variants.size() > 1 ? " of variant '" + variants.get(i).label() + "'" : "";
        throw item.error("unknown column '" + name + "'" + which + "; known: " + String.join(", ", known.get(i)));
      }
      name = canonical;
    }
    return name;
  }

  /** A variant's columns: its statistics, then its derived columns. */
  private static List<String> columns(Scenario.Variant v, Regime regime) {
    List<String> out = new ArrayList<>(v.model().initialLaw(regime).layout().names());
    v.model().derivedColumns().ifPresent(dc -> out.addAll(dc.names()));
    return out;
  }
}
