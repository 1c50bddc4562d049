package org.effdyn.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.effdyn.analysis.Branch;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.BranchPointCurves;
import org.effdyn.analysis.EquilibriumRegions;
import org.effdyn.analysis.FoldCurves;
import org.effdyn.analysis.HopfCurves;
import org.effdyn.card.ChartSpec;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bifurcation diagram of traced branches: one panel per statistic (the card's {@code chart.columns}
 * that are statistics, else at most six) against the parameter; stable stretches solid black, unstable
 * dashed red (branches traced from different fixed points may overlap); folds (diamonds) and branch
 * points (squares) marked. Written as {@code bifurcation.png}, {@code .svg}, {@code .pdf} as the card's
 * {@code chart.formats} asks, every panel in each; {@code chart.log_x} / {@code log_y}, {@code cols},
 * {@code title}, {@code style} and the panel size apply.
 */
public final class AnalysisCharts {
  private AnalysisCharts() {}

  /** Writes {@code bifurcation.FORMAT} into dir for each format of spec; returns the file names in order. */
  public static List<String> bifurcation(Path dir, ChartSpec spec, String title, List<Branch> branches) {
    if (branches.isEmpty()) throw new IllegalArgumentException("no branches to draw");
    Branch first = branches.get(0);
    List<String> all = first.layout().names();
    List<String> stats = new ArrayList<>();
    if (spec.columns() != null) for (String c : spec.columns()) if (all.contains(c)) stats.add(c);
    if (stats.isEmpty()) stats = all.size() > 6 ? all.subList(0, 6) : all;
    int[] size = Charts.panelSize(spec, 560, 460, 420, 340);
    boolean paper = spec.style() == ChartSpec.Style.PAPER;
    List<XYChart> panels = new ArrayList<>();
    for (String stat : stats) panels.add(panel(spec, size, paper ? null : stat, first.parameter(), stat, all.indexOf(stat), branches));
    String figTitle = spec.title() != null ? spec.title() : paper ? null : title + ": branches in " + first.parameter();
    List<String> names = new ArrayList<>();
    for (ChartSpec.Format f : spec.formats()) {
      String name = "bifurcation." + f.extension();
      ChartFiles.write(dir.resolve(name), f, panels, Charts.cols(spec, panels.size()), figTitle, spec.style());
      names.add(name);
    }
    return names;
  }

  private static XYChart panel(ChartSpec spec, int[] size, String title, String param, String stat, int j, List<Branch> branches) {
    XYChart c = ChartFiles.chart(title, param, stat, size[0], size[1], spec.style());
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (Branch b : branches) {
      double[] x = new double[b.points().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = b.points().get(i).parameter();
        y[i] = b.points().get(i).state()[j];
      }
      xs.add(x);
      ys.add(y);
    }
    boolean logX = spec.logX() != null && spec.logX().appliesTo(stat);
    PlotSeries p = new PlotSeries(c, spec.style(), logX, spec.logY().appliesTo(stat), Double.NEGATIVE_INFINITY,
        PlotSeries.concat(xs), PlotSeries.concat(ys));
    int seg = 0;
    boolean shownStable = false, shownUnstable = false;
    java.util.Set<Continuation.SpecialKind> shownSpecial = java.util.EnumSet.noneOf(Continuation.SpecialKind.class);
    for (int b = 0; b < branches.size(); b++) {
      List<Continuation.Point> pts = branches.get(b).points();
      int i = 0;
      while (i < pts.size()) {
        boolean stable = pts.get(i).stability().kind().attracting();
        List<Double> sx = new ArrayList<>();
        List<Double> sy = new ArrayList<>();
        int k = i;
        while (k < pts.size() && pts.get(k).stability().kind().attracting() == stable) {
          sx.add(pts.get(k).parameter());
          sy.add(pts.get(k).state()[j]);
          k++;
        }
        if (k < pts.size()) { // join to the next stretch
          sx.add(pts.get(k).parameter());
          sy.add(pts.get(k).state()[j]);
        }
        boolean first = stable ? !shownStable : !shownUnstable;
        String name = (stable ? "stable" : "unstable") + (first ? "" : " #" + seg);
        if (stable) shownStable = true;
        else shownUnstable = true;
        p.line(name, unbox(sx), unbox(sy), stable ? Color.BLACK : ChartFiles.PALETTE[1],
            stable ? SeriesLines.SOLID : SeriesLines.DASH_DASH, first);
        seg++;
        i = k;
      }
      for (Continuation.Special sp : branches.get(b).specials()) {
        String label = sp.kind().key() + " " + param + "=" + RunSummary.num(sp.parameter());
        boolean firstOfKind = shownSpecial.add(sp.kind());
        p.markers(firstOfKind ? label : label + " #" + (seg++), new double[] {sp.parameter()}, new double[] {sp.state()[j]},
            Color.BLACK, switch (sp.kind()) {
              case FOLD -> SeriesMarkers.DIAMOND;
              case BRANCH_POINT -> SeriesMarkers.SQUARE;
              case HOPF -> SeriesMarkers.CIRCLE;
            }, firstOfKind);
      }
    }
    ChartFiles.spaceTicksByHint(c);
    return c;
  }

  private static double[] unbox(List<Double> v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i);
    return out;
  }

  /**
   * Two-parameter diagram {@code bifurcation2.FORMAT} for each format of spec: fold curves solid black,
   * branch-point curves dotted, Hopf curves dashed, cusp (triangle), Bogdanov–Takens (square) and Bautin
   * (circle) points marked, and each region labelled at its sample point with its counts of stable and
   * unstable equilibria ({@link EquilibriumRegions}), the axes then spanning {@code box} = (P min, P max, Q min, Q max).
   * Returns the file names in order.
   */
  public static List<String> twoParameter(Path dir, ChartSpec spec, String title, String p, String q,
      List<FoldCurves.Curve> folds, List<HopfCurves.Curve> hopfs, List<BranchPointCurves.Curve> branchPoints,
      List<EquilibriumRegions.Region> regions, double[] box) {
    boolean paper = spec.style() == ChartSpec.Style.PAPER;
    int[] size = Charts.panelSize(spec, 640, 480, 480, 360);
    XYChart c = ChartFiles.chart(null, q, p, size[0], size[1], spec.style());
    int k = 0;
    Set<String> shown = new HashSet<>();
    for (FoldCurves.Curve f : folds) {
      double[][] qp = plane(f.branch().points().size(), f::parameters);
      boolean first = shown.add("fold");
      line(c, first ? "fold" : "fold #" + (k++), qp[0], qp[1], Color.BLACK, SeriesLines.SOLID, first);
      for (FoldCurves.Point2 x : f.codimTwo()) {
        boolean firstType = shown.add(x.type());
        point(c, firstType ? x.type() : x.type() + " #" + (k++), x.q(), x.p(),
            x.type().equals("cusp") ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.SQUARE, firstType);
      }
    }
    for (BranchPointCurves.Curve bp : branchPoints) {
      double[][] qp = plane(bp.branch().points().size(), bp::parameters);
      boolean first = shown.add("branch-point");
      line(c, first ? "branch point" : "branch point #" + (k++), qp[0], qp[1], ChartFiles.PALETTE[2], SeriesLines.DOT_DOT, first);
    }
    for (HopfCurves.Curve h : hopfs) {
      if (h.points().isEmpty()) continue;
      double[] xs = new double[h.points().size()];
      double[] ys = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = h.points().get(i).q();
        ys[i] = h.points().get(i).p();
      }
      boolean first = shown.add("hopf");
      line(c, first ? "hopf" : "hopf #" + (k++), xs, ys, ChartFiles.PALETTE[1], SeriesLines.DASH_DASH, first);
      for (HopfCurves.Point x : h.bautin()) {
        boolean firstType = shown.add("bautin");
        point(c, firstType ? "bautin" : "bautin #" + (k++), x.q(), x.p(), SeriesMarkers.CIRCLE, firstType);
      }
    }
    for (EquilibriumRegions.Region r : regions) {
      c.addAnnotation(new org.knowm.xchart.AnnotationText(r.label(), r.q(), r.p(), false));
    }
    if (!regions.isEmpty()) { // the axes span the box the regions were found in
      c.getStyler().setYAxisMin(box[0]).setYAxisMax(box[1]).setXAxisMin(box[2]).setXAxisMax(box[3]);
      c.getStyler().setAnnotationTextFont(c.getStyler().getAxisTickLabelsFont());
      c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    }
    String figTitle = spec.title() != null ? spec.title() : paper ? null : title + ": fold, branch-point and Hopf curves";
    List<String> names = new ArrayList<>();
    for (ChartSpec.Format f : spec.formats()) {
      String name = "bifurcation2." + f.extension();
      ChartFiles.write(dir.resolve(name), f, List.of(c), 1, figTitle, spec.style());
      names.add(name);
    }
    return names;
  }

  /** (Q values, P values) of a curve's n points, from each point's (P, Q). */
  private static double[][] plane(int n, java.util.function.IntFunction<double[]> pq) {
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      double[] x = pq.apply(i);
      out[0][i] = x[1];
      out[1][i] = x[0];
    }
    return out;
  }

  private static void line(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke, boolean legend) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(stroke);
    s.setShowInLegend(legend);
  }

  private static void point(XYChart c, String name, double x, double y, Marker marker, boolean legend) {
    XYSeries s = c.addSeries(name, new double[] {x}, new double[] {y});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(Color.BLACK);
    s.setShowInLegend(legend);
  }
}
