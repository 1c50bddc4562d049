package org.effdyn.run;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.effdyn.card.Scenario;
import org.effdyn.model.xor.XorGmm;
import org.effdyn.model.xor.XorOracles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Card-driven basin report (docs/xor.md): for every variant of an {@code xor-gmm} card at λ = ∞ (typically
 * one per K), the Monte Carlo estimate of p_K = P(all four classes found) through the exact flow
 * ({@link XorOracles#basinProbability}, horizon = the card's {@code time.end}, seed = the card's
 * {@code init.seed}), against the formula p_K = 1 − 4(3/4)^K + 6(1/2)^K − 4(1/4)^K. Writes
 * {@code basins.csv}, {@code basins.md} and
 * {@code basins.png} (p̂_K with its 95% interval, and the formula, against K) into a directory.
 */
public final class XorBasins {
  private XorBasins() {}

  /** The estimates, one per variant, in card order. */
  public static List<XorOracles.BasinEstimate> estimate(Scenario s, int samples, int threads) {
    if (!s.factory().name().equals("xor-gmm")) {
      throw new IllegalArgumentException("model: basins need an xor-gmm card, got '" + s.factory().name() + "'");
    }
    List<XorOracles.BasinEstimate> out = new ArrayList<>();
    for (Scenario.Variant v : s.variants()) {
      XorGmm g = (XorGmm) v.model();
      out.add(XorOracles.basinProbability(g, samples, s.grid().t1(), s.initSeed(), threads));
    }
    return out;
  }

  /** True if the card has a basin study ({@code effdyn fixed-points CARD --basins N}): an xor-gmm card. */
  public static boolean supports(Scenario s) {
    return s.factory().name().equals("xor-gmm");
  }

  /** Runs {@link #estimate} and writes basins.csv, basins.md and basins.png into dir; returns the file names. */
  public static List<String> write(Scenario s, int samples, int threads, Path dir) {
    List<XorOracles.BasinEstimate> est = estimate(s, samples, threads);
    StringBuilder csv = new StringBuilder("K,samples,hits,failures,p_hat,ci_low,ci_high,p_formula\n");
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "# XOR optimal-basin probability, lambda = inf (%s, %d samples per K, T = %s, seed %d)%n%n"
            + "| K | p_hat | 95%% interval | p_K formula |%n|---|---|---|---|%n",
        s.shownFile(), samples, s.grid().t1(), s.initSeed()));
    for (XorOracles.BasinEstimate e : est) {
      csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.6f,%.6f,%.6f,%.6f%n", e.k(), e.samples(), e.hits(),
          e.failures(), e.p(), e.low(), e.high(), e.formula()));
      md.append(String.format(Locale.ROOT, "| %d | %.4f | [%.4f, %.4f] | %.4f |%n", e.k(), e.p(), e.low(), e.high(),
          e.formula()));
    }
    AtomicFiles.write(dir.resolve("basins.csv"), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(dir.resolve("basins.md"), o -> o.write(md.toString().getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(dir.resolve("basins.png"), o -> BitmapEncoder.saveBitmap(chart(est, samples), o,
        BitmapEncoder.BitmapFormat.PNG));
    return List.of("basins.csv", "basins.md", "basins.png");
  }

  private static XYChart chart(List<XorOracles.BasinEstimate> est, int samples) {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    XYChart c = new XYChartBuilder().width(640).height(480).title("XOR, lambda = inf: P(all four classes found)")
        .xAxisTitle("K").yAxisTitle("p_K").build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    int kMin = est.stream().mapToInt(XorOracles.BasinEstimate::k).min().orElse(1);
    int kMax = est.stream().mapToInt(XorOracles.BasinEstimate::k).max().orElse(1);
    List<Double> fx = new ArrayList<>(), fy = new ArrayList<>();
    for (double k = kMin; k <= kMax + 1e-9; k += 0.05) {
      fx.add(k);
      fy.add(1 - 4 * Math.pow(0.75, k) + 6 * Math.pow(0.5, k) - 4 * Math.pow(0.25, k));
    }
    XYSeries f = c.addSeries("1 - 4(3/4)^K + 6(1/2)^K - 4(1/4)^K", fx, fy);
    f.setMarker(SeriesMarkers.NONE);
    f.setLineColor(Color.BLACK);
    double[] x = new double[est.size()], y = new double[est.size()], err = new double[est.size()];
    for (int i = 0; i < est.size(); i++) {
      x[i] = est.get(i).k();
      y[i] = est.get(i).p();
      err[i] = (est.get(i).high() - est.get(i).low()) / 2;
    }
    XYSeries m = c.addSeries("Monte Carlo, exact flow, " + samples + " samples (95% CI)", x, y, err);
    m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    m.setMarker(SeriesMarkers.CIRCLE);
    m.setMarkerColor(new Color(0xd62728));
    return c;
  }
}
