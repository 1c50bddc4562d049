package org.effdyn.model.lazy;

import java.nio.file.Path;
import java.util.List;
import org.effdyn.run.ChartFiles;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Regenerates docs/img/lazy-alpha.png and docs/img/lazy-teps.png (not a test). Run from the repository
 * root with the test classpath, e.g.
 * {@code mvn -q -o test-compile exec:java -Dexec.mainClass=org.effdyn.model.lazy.LazyFigures -Dexec.classpathScope=test}
 * or any runner of a main class on the test classpath; argument: output directory (default docs/img).
 */
public final class LazyFigures {
  private LazyFigures() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/img");
    double[] alphas = {10, 30, 100, 300, 1e3, 1e4, 1e5};
    double[] times = {0, 1, 10, 100};
    LazySweep.AlphaSweep s = LazySweep.alphaSweep(LazyTwoLayer.defaults(10), alphas, times, LazyProblem.DEFAULT_OPTIONS);
    XYChart a = ChartFiles.chart("lazy-twolayer: gap vs alpha (n=20, d=3, m=40)", "alpha", "gap |r - rbar|", 800, 560);
    a.getStyler().setXAxisLogarithmic(true);
    a.getStyler().setYAxisLogarithmic(true);
    for (int j = 1; j < times.length; j++) {
      double[] g = new double[alphas.length];
      double[] pred = new double[alphas.length];
      for (int i = 0; i < alphas.length; i++) {
        g[i] = s.gap()[i][j];
        pred[i] = s.r1()[j] / alphas[i];
      }
      LazySweep.ExponentFit f = LazySweep.fit(alphas, g, 1e3, 1e5);
      XYSeries m = a.addSeries(String.format("t = %g (slope %.4f on [1e3, 1e5])", times[j], f.slope()), alphas, g);
      m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      m.setMarker(SeriesMarkers.CIRCLE);
      m.setMarkerColor(ChartFiles.PALETTE[j - 1]);
      XYSeries l = a.addSeries(String.format("|r1(%g)|/alpha (first order)", times[j]), alphas, pred);
      l.setMarker(SeriesMarkers.NONE);
      l.setLineColor(ChartFiles.PALETTE[j - 1]);
    }
    ChartFiles.png(dir.resolve("lazy-alpha.png"), a);

    double[] al = {300, 1e3, 3e3, 1e4, 3e4};
    double[] te = new double[al.length];
    double[] newG = new double[al.length];
    double[] chz = new double[al.length];
    double eps = 2e-3;
    for (int i = 0; i < al.length; i++) {
      te[i] = LazyOracles.diagonalTimeToDeviation(LazyDiagonal.multiScale(16, 1, 1, al[i]), eps, 1e-2, 1e6, 4001);
      double level = eps * Math.sqrt(2);
      newG[i] = level * al[i] / 6;                  // 6 kappa sqrt(R0) <= eps|r0|, L = R0 = 1
      chz[i] = Math.sqrt(level * al[i] / 2);         // 2 T^2 Lip(h)^2 L R0/alpha <= eps|r0|, Lip(h) ~ 1
    }
    LazySweep.ExponentFit f = LazySweep.fit(al, te, 300, 3e4);
    XYChart c = ChartFiles.chart("lazy-multiscale: time to deviation T_eps (eps = 2e-3)", "alpha", "T_eps", 800, 560);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    XYSeries m = c.addSeries(String.format("measured (slope %.4f)", f.slope()), al, te);
    m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    m.setMarker(SeriesMarkers.CIRCLE);
    for (Object[] row : List.of(new Object[] {"Thm 1.2 guarantee (T/alpha law, slope 1)", newG},
        new Object[] {"Chizat-type guarantee (T^2/alpha law, slope 1/2)", chz})) {
      XYSeries l = c.addSeries((String) row[0], al, (double[]) row[1]);
      l.setMarker(SeriesMarkers.NONE);
    }
    ChartFiles.png(dir.resolve("lazy-teps.png"), c);
    System.out.println("wrote " + dir.resolve("lazy-alpha.png") + ", " + dir.resolve("lazy-teps.png"));
  }
}
