package org.effdyn.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.effdyn.model.spectral.SpectrumStudy;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code spectrum.png} of a {@link SpectrumStudy}: one row per block (x^c, v, W_i) and SGD seed, three panels: the
 * Hessian eigenvalues, the G eigenvalues (log scale; empirical as markers, one colour per d; population
 * outliers along the limit as black lines, at the SGD statistics as grey dashed lines) and the alignments
 * ρ of the block's parameter vector with the top eigenspaces (markers empirical, lines population).
 */
public final class SpectrumCharts {
  private SpectrumCharts() {}

  private static final int WIDTH = 560;
  private static final int HEIGHT = 440;
  private static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);

  /** Writes the chart; title prefixes every panel title. */
  public static void write(Path file, String title, SpectrumStudy.Result r) {
    Set<String> blocks = new LinkedHashSet<>();
    for (SpectrumStudy.Eigen e : r.eigenvalues()) blocks.add(e.block());
    List<Integer> dims = new ArrayList<>(new LinkedHashSet<>(r.eigenvalues().stream().map(SpectrumStudy.Eigen::d).toList()));
    List<Integer> seeds = new ArrayList<>(new LinkedHashSet<>(r.eigenvalues().stream().map(SpectrumStudy.Eigen::seed).toList()));
    List<XYChart> panels = new ArrayList<>();
    for (int seed : seeds) {
      // one seed's rows: the other seeds' entries are filtered out
      SpectrumStudy.Result one = seeds.size() == 1 ? r : new SpectrumStudy.Result(
          r.eigenvalues().stream().filter(e -> e.seed() == seed).toList(),
          r.alignments().stream().filter(a -> a.seed() == seed).toList());
      String t = seeds.size() == 1 ? title : title + " seed " + seed;
      for (String b : blocks) {
        for (String m : new String[] {"hessian", "g"}) panels.add(eigenPanel(t, b, m, one, dims));
        panels.add(alignPanel(t, b, one, dims));
      }
    }
    ChartFiles.png(file, panels, 3);
  }

  /**
   * {@code vectors.png} (k-GMM; Fig. 2.2 of Ben Arous, Gheissari, Huang, Jagannath 2023,
   * arXiv:2310.03010): one row per d, seed and class c, three panels of entries
   * against the coordinate: x^c, the top-k eigenvectors of Hess_cc and those of Ĝ_cc (one colour per
   * eigenvector index). The coordinate axis is logarithmic so that the means, coordinates 1..k, are
   * resolved next to the d − k others (the paper places them at 50, 100, …, a permutation of coordinates).
   */
  public static void writeVectors(Path file, String title, SpectrumStudy.Result r) {
    List<XYChart> panels = new ArrayList<>();
    for (SpectrumStudy.Vectors v : r.vectors()) {
      String c = v.block().substring(1);
      String t = title + (v.seed() == 0 ? "" : " seed " + v.seed()) + ", d = " + v.d() + ", t = "
          + String.format(java.util.Locale.ROOT, "%.4g", v.t()) + ": ";
      int k = v.hessian().length;
      panels.add(vectorPanel(t + "x^" + c, "entry of x^" + c, new double[][] {v.x()}, "x^" + c, k));
      panels.add(vectorPanel(t + "Hess_" + c + c + ", top " + k, "eigenvector entry", v.hessian(), "Hess", k));
      panels.add(vectorPanel(t + "G_" + c + c + ", top " + k, "eigenvector entry", v.g(), "G", k));
    }
    ChartFiles.png(file, panels, 3);
  }

  private static XYChart vectorPanel(String title, String yLabel, double[][] vectors, String name, int k) {
    XYChart c = ChartFiles.chart(title, "coordinate (log scale; means at 1.." + k + ")", yLabel, WIDTH, HEIGHT);
    c.getStyler().setXAxisLogarithmic(true);
    int d = vectors[0].length;
    double[] coord = new double[d];
    for (int i = 0; i < d; i++) coord[i] = i + 1;
    for (int j = 0; j < vectors.length; j++) {
      XYSeries s = c.addSeries(vectors.length == 1 ? name : name + " " + (j + 1), coord, vectors[j]);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(ChartFiles.PALETTE[j % ChartFiles.PALETTE.length]);
      s.setLineWidth(1.2f);
    }
    return c;
  }

  private static String label(String block, String matrix) {
    String name = matrix.equals("hessian") ? "Hess" : "G";
    return name + " " + (block.equals("v") ? "vv" : block.startsWith("W") ? block + block : block.replace("x", "class ") + " block");
  }

  private static XYChart eigenPanel(String title, String block, String matrix, SpectrumStudy.Result r, List<Integer> dims) {
    XYChart c = ChartFiles.chart(title + ": " + label(block, matrix), "t", "eigenvalue", WIDTH, HEIGHT);
    // a log axis only when the values span more than a decade (XChart labels log axes at decades only)
    double[] range = r.eigenvalues().stream().filter(e -> e.block().equals(block) && e.matrix().equals(matrix) && e.value() > 0)
        .mapToDouble(SpectrumStudy.Eigen::value).collect(() -> new double[] {Double.POSITIVE_INFINITY, 0},
            (a, v) -> { a[0] = Math.min(a[0], v); a[1] = Math.max(a[1], v); }, (a, b) -> { a[0] = Math.min(a[0], b[0]); a[1] = Math.max(a[1], b[1]); });
    c.getStyler().setYAxisLogarithmic(range[1] > 10 * range[0]);
    c.getStyler().setXAxisDecimalPattern("0.##");
    boolean any = false;
    for (int di = 0; di < dims.size(); di++) {
      int d = dims.get(di);
      List<SpectrumStudy.Eigen> es = r.eigenvalues().stream()
          .filter(e -> e.d() == d && e.block().equals(block) && e.matrix().equals(matrix) && e.source().equals("empirical") && e.value() > 0).toList();
      if (es.isEmpty()) continue;
      XYSeries s = c.addSeries("empirical, d = " + d, es.stream().mapToDouble(SpectrumStudy.Eigen::t).toArray(),
          es.stream().mapToDouble(SpectrumStudy.Eigen::value).toArray());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(ChartFiles.PALETTE[di % ChartFiles.PALETTE.length]);
      any = true;
    }
    int d0 = dims.get(0);
    any |= lines(c, "population (limit)", Color.BLACK, SeriesLines.SOLID, e -> e.d() == d0 && e.block().equals(block)
        && e.matrix().equals(matrix) && e.source().equals("population"), r);
    any |= lines(c, "population at SGD statistics, d = " + d0, Color.GRAY, DASHED, e -> e.d() == d0 && e.block().equals(block)
        && e.matrix().equals(matrix) && e.source().equals("population_sgd"), r);
    if (!any) c.addSeries("none", new double[] {0, 1}, new double[] {1, 1});
    return c;
  }

  /** One line per eigenvalue index (positive values only: log axis); legend on the first. */
  private static boolean lines(XYChart c, String name, Color color, BasicStroke stroke, Predicate<SpectrumStudy.Eigen> f, SpectrumStudy.Result r) {
    List<SpectrumStudy.Eigen> es = r.eigenvalues().stream().filter(f).toList();
    int maxIdx = es.stream().mapToInt(SpectrumStudy.Eigen::index).max().orElse(-1);
    double top = es.stream().mapToDouble(SpectrumStudy.Eigen::value).max().orElse(0);
    boolean first = true;
    for (int j = 0; j <= maxIdx; j++) {
      int jj = j;
      // values at rounding level (λ = ∞ zeros) are left out
      List<SpectrumStudy.Eigen> line = es.stream().filter(e -> e.index() == jj && e.value() > 1e-9 * top).toList();
      if (line.size() < 2) continue;
      XYSeries s = c.addSeries(first ? name : name + " " + j, line.stream().mapToDouble(SpectrumStudy.Eigen::t).toArray(),
          line.stream().mapToDouble(SpectrumStudy.Eigen::value).toArray());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(color);
      s.setLineStyle(stroke);
      s.setShowInLegend(first);
      first = false;
    }
    return !first;
  }

  private static XYChart alignPanel(String title, String block, SpectrumStudy.Result r, List<Integer> dims) {
    List<SpectrumStudy.Align> as = r.alignments().stream().filter(a -> a.block().equals(block)).toList();
    String vec = as.isEmpty() ? block : as.get(0).vector();
    int dim = as.isEmpty() ? 0 : as.get(0).dim();
    XYChart c = ChartFiles.chart(title + ": rho(" + vec + ", E_" + dim + ")", "t", "rho", WIDTH, HEIGHT);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.02);
    c.getStyler().setXAxisDecimalPattern("0.##");
    boolean any = false;
    for (int di = 0; di < dims.size(); di++) {
      int d = dims.get(di);
      for (String m : new String[] {"hessian", "g"}) {
        List<SpectrumStudy.Align> e = as.stream().filter(a -> a.d() == d && a.matrix().equals(m) && a.source().equals("empirical")).toList();
        if (e.isEmpty()) continue;
        XYSeries s = c.addSeries((m.equals("hessian") ? "Hess" : "G") + ", d = " + d, e.stream().mapToDouble(SpectrumStudy.Align::t).toArray(),
            e.stream().mapToDouble(SpectrumStudy.Align::rho).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(m.equals("hessian") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
        s.setMarkerColor(ChartFiles.PALETTE[(2 * di + (m.equals("hessian") ? 0 : 1)) % ChartFiles.PALETTE.length]);
        any = true;
      }
    }
    int d0 = dims.get(0);
    for (String src : new String[] {"population", "population_sgd"}) {
      for (String m : new String[] {"hessian", "g"}) {
        List<SpectrumStudy.Align> e = as.stream().filter(a -> a.d() == d0 && a.matrix().equals(m) && a.source().equals(src)).toList();
        if (e.size() < 2) continue;
        XYSeries s = c.addSeries((src.equals("population") ? "population (limit), " : "population at SGD stats, ")
            + (m.equals("hessian") ? "Hess" : "G"), e.stream().mapToDouble(SpectrumStudy.Align::t).toArray(),
            e.stream().mapToDouble(SpectrumStudy.Align::rho).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(src.equals("population") ? Color.BLACK : Color.GRAY);
        s.setLineStyle(m.equals("hessian") ? SeriesLines.SOLID : DASHED);
        any = true;
      }
    }
    if (!any) c.addSeries("none", new double[] {0, 1}, new double[] {0, 0});
    return c;
  }
}
