package org.effdyn.run;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effdyn.analysis.Branch;
import org.effdyn.analysis.Continuation;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bifurcation diagram of traced branches: one panel per statistic (at most six) against the
 * parameter; stable stretches solid black, unstable dashed red (branches traced from different
 * fixed points may overlap); folds (diamonds) and branch points (squares) marked. PNG with every panel, SVG with the first.
 */
public final class AnalysisCharts {
  private AnalysisCharts() {}

  public static void bifurcation(Path png, Path svg, String title, List<Branch> branches) {
    if (branches.isEmpty()) throw new IllegalArgumentException("no branches to draw");
    Branch first = branches.get(0);
    List<String> stats = first.layout().names();
    if (stats.size() > 6) stats = stats.subList(0, 6);
    List<XYChart> panels = new ArrayList<>();
    for (int j = 0; j < stats.size(); j++) panels.add(panel(title, first.parameter(), stats.get(j), j, branches));
    ChartFiles.png(png, panels, 3);
    if (svg != null) ChartFiles.svg(svg, panels.get(0));
  }

  private static XYChart panel(String title, String param, String stat, int j, List<Branch> branches) {
    XYChart c = ChartFiles.chart(title + ": " + stat, param, stat, 560, 460);
    int seg = 0;
    boolean shownStable = false, shownUnstable = false;
    java.util.Set<Continuation.SpecialKind> shownSpecial = java.util.EnumSet.noneOf(Continuation.SpecialKind.class);
    for (int b = 0; b < branches.size(); b++) {
      List<Continuation.Point> pts = branches.get(b).points();
      int i = 0;
      while (i < pts.size()) {
        boolean stable = pts.get(i).stability().kind().attracting();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int k = i;
        while (k < pts.size() && pts.get(k).stability().kind().attracting() == stable) {
          xs.add(pts.get(k).parameter());
          ys.add(pts.get(k).state()[j]);
          k++;
        }
        if (k < pts.size()) { // join to the next stretch
          xs.add(pts.get(k).parameter());
          ys.add(pts.get(k).state()[j]);
        }
        String name = stable ? (shownStable ? "stable #" + seg : "stable") : (shownUnstable ? "unstable #" + seg : "unstable");
        if (stable) shownStable = true;
        else shownUnstable = true;
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(stable ? Color.BLACK : ChartFiles.PALETTE[1]);
        s.setLineStyle(stable ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
        s.setShowInLegend(!name.contains("#"));
        seg++;
        i = k;
      }
      for (Continuation.Special sp : branches.get(b).specials()) {
        String label = sp.kind().key() + " " + param + "=" + RunSummary.num(sp.parameter());
        XYSeries s = c.addSeries(shownSpecial.contains(sp.kind()) ? label + " #" + (seg++) : label,
            new double[] {sp.parameter()}, new double[] {sp.state()[j]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(switch (sp.kind()) {
          case FOLD -> SeriesMarkers.DIAMOND;
          case BRANCH_POINT -> SeriesMarkers.SQUARE;
          case HOPF -> SeriesMarkers.CIRCLE;
        });
        s.setMarkerColor(Color.BLACK);
        s.setShowInLegend(shownSpecial.add(sp.kind()));
      }
    }
    return c;
  }

  /**
   * Two-parameter diagram: fold curves solid black, Hopf curves dashed (red where l₁ &lt; 0, supercritical;
   * the same colour is kept along a curve), cusp (triangle), Bogdanov–Takens (square) and Bautin (circle)
   * points marked; PNG and SVG.
   */
  public static void twoParameter(Path png, Path svg, String title, String p, String q, List<org.effdyn.analysis.FoldCurves.Curve> folds,
      List<org.effdyn.analysis.HopfCurves.Curve> hopfs) {
    XYChart c = ChartFiles.chart(title + ": fold and Hopf curves", q, p, 640, 480);
    int k = 0;
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (org.effdyn.analysis.FoldCurves.Curve f : folds) {
      List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
      for (int i = 0; i < f.branch().points().size(); i++) {
        double[] pq = f.parameters(i);
        xs.add(pq[1]);
        ys.add(pq[0]);
      }
      XYSeries s = c.addSeries(shown.add("fold") ? "fold" : "fold #" + (k++), xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Color.BLACK);
      s.setShowInLegend(!s.getName().contains("#"));
      for (org.effdyn.analysis.FoldCurves.Point2 x : f.codimTwo()) {
        XYSeries m = c.addSeries(shown.add(x.type()) ? x.type() : x.type() + " #" + (k++), new double[] {x.q()}, new double[] {x.p()});
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        m.setMarker(x.type().equals("cusp") ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.SQUARE);
        m.setMarkerColor(Color.BLACK);
        m.setShowInLegend(!m.getName().contains("#"));
      }
    }
    for (org.effdyn.analysis.HopfCurves.Curve h : hopfs) {
      List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
      for (org.effdyn.analysis.HopfCurves.Point x : h.points()) {
        xs.add(x.q());
        ys.add(x.p());
      }
      if (xs.isEmpty()) continue;
      XYSeries s = c.addSeries(shown.add("hopf") ? "hopf" : "hopf #" + (k++), xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(ChartFiles.PALETTE[1]);
      s.setLineStyle(SeriesLines.DASH_DASH);
      s.setShowInLegend(!s.getName().contains("#"));
      for (org.effdyn.analysis.HopfCurves.Point x : h.bautin()) {
        XYSeries m = c.addSeries(shown.add("bautin") ? "bautin" : "bautin #" + (k++), new double[] {x.q()}, new double[] {x.p()});
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        m.setMarker(SeriesMarkers.CIRCLE);
        m.setMarkerColor(Color.BLACK);
        m.setShowInLegend(!m.getName().contains("#"));
      }
    }
    ChartFiles.png(png, List.of(c), 1);
    if (svg != null) ChartFiles.svg(svg, c);
  }
}
