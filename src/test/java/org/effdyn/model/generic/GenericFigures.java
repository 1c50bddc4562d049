package org.effdyn.model.generic;

import java.nio.file.Path;
import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.committee.Committee;
import org.effdyn.model.committee.CommitteeOde;
import org.effdyn.model.kgmm.KgmmFinite;
import org.effdyn.run.ChartFiles;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Regenerates docs/img/generic-vs-hand.png (not a test): ODE trajectories of the generic engine (lines)
 * and of the hand-written drifts (markers) for the k-GMM (k = 3, λ = 1, non-orthonormal means) and the
 * erf committee (K = M = 2, both layers, σ₀ = 0.3), RK4 on the same grid, and prints the sup-over-time
 * differences quoted in docs/generic.md. Run from the repository root with the test classpath:
 * {@code mvn -q -o test-compile exec:java -Dexec.mainClass=org.effdyn.model.generic.GenericFigures -Dexec.classpathScope=test}.
 */
public final class GenericFigures {
  private GenericFigures() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/img");
    // k-GMM, BGJ time tau = steps * delta, from u(0) = (0, I)
    AnchoredMixture law = GenericKgmmTest.law(1);
    GenericLimit engine = new GenericLimit(law, Losses.softmaxCe(3, true), GenericOptions.of(1, 0.1));
    KgmmFinite hand = new KgmmFinite(GenericKgmmTest.model(1), GaussianRule.gaussHermite(3, 30));
    double[][] eye = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double[] u0 = engine.statistics().pack(new double[3][3], eye, null);
    OdeSolver rk4 = new OdeSolver(OdeOptions.defaults().withMethod(OdeMethod.RK4).withStep(0.05));
    TimeGrid grid = TimeGrid.of(10, 41);
    long t0 = System.nanoTime();
    Trajectory te = rk4.solve(engine, u0, grid);
    long t1 = System.nanoTime();
    Trajectory th = rk4.solve(hand, u0, grid);
    long t2 = System.nanoTime();
    XYChart a = ChartFiles.chart("k-GMM k=3, lambda=1: generic engine (lines) vs KgmmFinite (markers)", "tau", "statistic",
        800, 520);
    plot(a, te, th, List.of("m[1,1]", "m[2,2]", "m[3,3]", "m[1,2]", "Rperp[1,1]", "Rperp[1,2]"));
    System.out.printf("k-GMM RK4 h=0.05 to tau=10: sup |engine - hand| = %.1e (engine %.1f s, hand %.1f s)%n",
        sup(te, th), (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);

    // committee, t = steps/N, from Q = 0.5 I + small overlaps, v = (0.9, 0.4)
    double[][] t = {{1.0, 0.2}, {0.2, 0.8}};
    double[] vstar = {1.0, 0.7};
    GenericCommitteeTest.State s = new GenericCommitteeTest.State(new double[][] {{0.5, 0.05}, {0.05, 0.4}},
        new double[][] {{0.1, 0.0}, {0.0, 0.1}}, t, new double[] {0.9, 0.4}, vstar);
    Committee model = GenericCommitteeTest.model(s, 0.3);
    GenericLimit ce = GenericCommitteeTest.engine(s, 0.3, Quadrature.auto(), GenericOptions.Root.EQUALIZED);
    Dynamics shown = StatisticMap.gram(ce.statistics(), t, "Q", "R", "v").present(ce);
    double[] c0 = GenericCommitteeTest.committeeState(s, model);
    OdeSolver rk = new OdeSolver(OdeOptions.defaults().withMethod(OdeMethod.RK4).withStep(0.25));
    TimeGrid cg = TimeGrid.of(60, 61);
    t0 = System.nanoTime();
    Trajectory ct = rk.solve(shown, c0, cg);
    t1 = System.nanoTime();
    Trajectory ch = rk.solve(new CommitteeOde(model), c0, cg);
    t2 = System.nanoTime();
    XYChart b = ChartFiles.chart("erf committee K=M=2, sigma0=0.3: engine (lines) vs closed forms (markers)", "t = steps/N",
        "statistic", 800, 520);
    plot(b, ct, ch, List.of("Q[1,1]", "Q[2,2]", "R[1,1]", "R[2,2]", "v[1]", "v[2]"));
    System.out.printf("committee RK4 h=0.25 to t=60: sup |engine - hand| = %.1e (engine %.1f s, closed forms %.2f s)%n",
        sup(ct, ch), (t1 - t0) * 1e-9, (t2 - t1) * 1e-9);
    ChartFiles.png(dir.resolve("generic-vs-hand.png"), List.of(a, b), 1);
    System.out.println("wrote " + dir.resolve("generic-vs-hand.png"));
  }

  static void plot(XYChart c, Trajectory engine, Trajectory hand, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      XYSeries l = c.addSeries(n + " engine", engine.times(), engine.column(n));
      l.setMarker(SeriesMarkers.NONE);
      l.setLineColor(ChartFiles.PALETTE[i]);
      XYSeries m = c.addSeries(n + " hand-written", hand.times(), hand.column(n));
      m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      m.setMarker(SeriesMarkers.CIRCLE);
      m.setMarkerColor(ChartFiles.PALETTE[i]);
      m.setShowInLegend(false);
    }
  }

  static double sup(Trajectory a, Trajectory b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) s = Math.max(s, GenericKgmmTest.maxDiff(a.state(i), b.state(i)));
    return s;
  }
}
