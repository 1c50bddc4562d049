package org.effdyn.run.validate;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Trajectory;

/** Error metrics between an SGD recording and its limit on the same grid, and rate fits. */
public final class Metrics {
  private Metrics() {}

  /** sup over grid times of |sgd_j(t) - limit_j(t)|, for coordinate j. */
  public static double supError(Trajectory sgd, Trajectory limit, int j) {
    double sup = 0;
    int n = Math.min(sgd.size(), limit.size());
    for (int i = 0; i < n; i++) sup = Math.max(sup, Math.abs(sgd.state(i)[j] - limit.state(i)[j]));
    return sup;
  }

  /**
   * Grid indices of {@code points} log-spaced times between the first positive grid time and the last
   * (duplicates removed), the time sampling of the tLog-RMSE.
   */
  public static int[] logSampledIndices(double[] times, int points) {
    int first = 0;
    while (first < times.length && times[first] <= 0) first++;
    if (first >= times.length) return new int[] {times.length - 1};
    double a = Math.log(times[first]);
    double b = Math.log(times[times.length - 1]);
    List<Integer> idx = new ArrayList<>();
    int j = first;
    for (int p = 0; p < points; p++) {
      double target = points == 1 ? b : Math.exp(a + (b - a) * p / (points - 1));
      while (j + 1 < times.length && Math.abs(times[j + 1] - target) <= Math.abs(times[j] - target)) j++;
      if (idx.isEmpty() || idx.get(idx.size() - 1) != j) idx.add(j);
    }
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * tLog-RMSE of Bae &amp; Jeong 2024 (arXiv:2405.00642, §III.B): the root mean square of sgd_j - limit_j
   * over log-sampled times. Its eq. (18), √(v² - v̂²) averaged, is undefined for v̂ &gt; v
   * (docs/corrections.md); this follows the paper's text ("computed the RMSE for these sampled data
   * points").
   */
  public static double tLogRmse(Trajectory sgd, Trajectory limit, int j, int[] indices) {
    double s = 0;
    for (int i : indices) {
      double d = sgd.state(i)[j] - limit.state(i)[j];
      s += d * d;
    }
    return Math.sqrt(s / indices.length);
  }

  /**
   * A least-squares line log(err) = a + slope · log(d) and a normal-approximation confidence interval
   * for the slope from the spread over seeds: with y_i = log(mean error at d_i) and
   * Var y_i ≈ (se_i / mean_i)² (delta method, se_i the standard error of the mean over seeds),
   * Var(slope) = Σ (x_i - x̄)² Var y_i / (Σ (x_i - x̄)²)². It needs only two dimensions; with three or more
   * it also includes the scatter about the line (the larger of the two variances is used).
   */
  public record Fit(double slope, double intercept, double lower, double upper) {}

  public static Fit fit(int[] dims, double[] mean, double[] se, double confidence) {
    int n = dims.length;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(dims[i]) / n;
      my += Math.log(mean[i]) / n;
    }
    double sxx = 0, sxy = 0, vs = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(dims[i]) - mx;
      sxx += dx * dx;
      sxy += dx * (Math.log(mean[i]) - my);
      double rel = se[i] / mean[i];
      vs += dx * dx * rel * rel;
    }
    double slope = sxy / sxx;
    double var = vs / (sxx * sxx);
    if (n > 2) {
      double rss = 0;
      for (int i = 0; i < n; i++) {
        double r = Math.log(mean[i]) - (my + slope * (Math.log(dims[i]) - mx));
        rss += r * r;
      }
      var = Math.max(var, rss / (n - 2) / sxx);
    }
    double z = org.effdyn.analysis.Parallel.z(confidence);
    double half = z * Math.sqrt(var);
    return new Fit(slope, my - slope * mx, slope - half, slope + half);
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  /** Sample standard deviation (n - 1). */
  static double std(double[] x) {
    return Math.sqrt(var(x));
  }

  /** Sample variance (n - 1); 0 for fewer than two values. */
  static double var(double[] x) {
    if (x.length < 2) return 0;
    double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / (x.length - 1);
  }
}
