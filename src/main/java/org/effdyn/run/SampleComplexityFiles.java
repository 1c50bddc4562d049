package org.effdyn.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.effdyn.model.singleindex.SampleComplexity;
import org.effdyn.model.singleindex.SingleIndexOracles;
import org.knowm.xchart.XYChart;

/** Files of the sample-complexity study: the points as CSV and the log-log chart. */
public final class SampleComplexityFiles {
  private SampleComplexityFiles() {}

  /** Writes sample-complexity.csv and sample-complexity.png (log-log, one series per k) into dir. */
  public static List<String> write(Path dir, List<SampleComplexity.Point> points) {
    writeCsv(dir.resolve("sample-complexity.csv"), points);
    writeChart(dir.resolve("sample-complexity.png"), points);
    return List.of("sample-complexity.csv", "sample-complexity.png");
  }

  /** The points as CSV (k, N, median, mean, se, runs, censored, α_c N), written atomically. */
  public static void writeCsv(Path file, List<SampleComplexity.Point> points) {
    StringBuilder csv = new StringBuilder("k,N,median_samples,mean_samples,se,runs,censored,alpha_c_N\n");
    for (SampleComplexity.Point q : points) {
      csv.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%d,%d,%.6g%n", q.k(), q.n(), q.medianSamples(), q.meanSamples(),
          q.standardError(), q.runs(), q.censored(), SingleIndexOracles.alphaC(q.n(), q.k()) * q.n()));
    }
    AtomicFiles.writeString(file, csv.toString());
  }

  /** Log-log chart of the medians per k with the α_c N reference lines, written atomically as PNG. */
  public static void writeChart(Path file, List<SampleComplexity.Point> points) {
    XYChart c = ChartFiles.chart("Samples to reach m = 1/2 from a uniform start (median)", "N", "samples", 720, 480);
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    for (int k = 1; k <= 3; k++) {
      int kk = k;
      List<SampleComplexity.Point> p = points.stream().filter(q -> q.k() == kk).toList();
      if (p.size() < 2) continue;
      double[] x = p.stream().mapToDouble(SampleComplexity.Point::n).toArray();
      double[] y = p.stream().mapToDouble(SampleComplexity.Point::medianSamples).toArray();
      var s = c.addSeries(String.format(Locale.ROOT, "k = %d (slope %.2f)", k, SampleComplexity.fittedExponent(points, k)), x, y);
      s.setLineColor(ChartFiles.PALETTE[k - 1]);
      s.setMarkerColor(ChartFiles.PALETTE[k - 1]);
      // α_c N scaled to the first point
      double[] ref = new double[x.length];
      double scale = y[0] / (SingleIndexOracles.alphaC(x[0], k) * x[0]);
      for (int i = 0; i < x.length; i++) ref[i] = scale * SingleIndexOracles.alphaC(x[i], k) * x[i];
      var r = c.addSeries("k = " + k + ": α_c N", x, ref);
      r.setLineColor(ChartFiles.PALETTE[k - 1]);
      r.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
      r.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    }
    ChartFiles.png(file, c);
  }
}
