package org.effdyn.model.singleindex;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.Study;

/**
 * Card model {@code sample-complexity}: the {@link SampleComplexity} study (docs/singleindex.md) as a
 * scenario card. For information exponent k = 1, 2, 3 it runs spherical online SGD from uniform
 * starts at each N of {@code N_k1}, {@code N_k2}, {@code N_k3}, counts the samples to reach
 * m = 1/2, and fits the log-log slope of the median against N (theory: α_c N with α_c ∝ 1, log N,
 * N^{k-2}, i.e. slopes 1, about 1 + 1/log N, 2). A {@link Study}: no ODE, no {@code time}.
 *
 * <p>Files: {@code sample-complexity.csv} and {@code chart.png} (log-log); the fitted slopes go to
 * {@code run.json} and the console. Run (k, N_i, r) uses {@code RandomStreams.stream(seed, 1000 k + i, r)}.
 *
 * @param ns        dimensions per information exponent (ns[k-1]; an empty list skips k)
 * @param runs      independent starts per (k, N), at least 2
 * @param capFactor each run stops at capFactor · α_c(N, k) · N samples (then counted as censored)
 * @param seed      master seed
 */
public record SampleComplexityModel(int[][] ns, int runs, double capFactor, long seed) implements Model, Study<SampleComplexityModel.Result> {

  public SampleComplexityModel {
    if (ns == null || ns.length != 3) throw new IllegalArgumentException("ns must list the dimensions for k = 1, 2, 3");
    ns = ns.clone();
    for (int k = 0; k < 3; k++) {
      String field = "params.N_k" + (k + 1);
      if (ns[k] == null) throw new ParameterException(field, null, "must be a list (possibly empty)");
      ns[k] = ns[k].clone();
      if (ns[k].length == 1) {
        throw new ParameterException(field, ns[k][0], "needs at least 2 dimensions to fit a slope (or none), got " + ns[k][0]);
      }
      for (int i = 0; i < ns[k].length; i++) {
        Check.atLeast(field + "[" + (i + 1) + "]", ns[k][i], 2);
        if (i > 0 && ns[k][i] <= ns[k][i - 1]) {
          throw new ParameterException(field, ns[k], "must increase, got " + Arrays.toString(ns[k]));
        }
      }
    }
    if (ns[0].length + ns[1].length + ns[2].length == 0) {
      throw new IllegalArgumentException("params.N_k1, N_k2, N_k3: all empty, nothing to run");
    }
    Check.atLeast("params.runs", runs, 2);
    Check.positiveFinite("params.cap_factor", capFactor);
  }

  @Override public String name() {
    return "sample-complexity";
  }

  @Override public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    for (int k = 0; k < 3; k++) p.put("N_k" + (k + 1), Arrays.stream(ns[k]).boxed().toList());
    p.put("runs", runs);
    p.put("cap_factor", capFactor);
    p.put("seed", seed);
    return p;
  }

  @Override public Dynamics limit(Regime regime) {
    throw new IllegalArgumentException("model 'sample-complexity' is a study of SGD runs and has no ODE/SDE limit");
  }

  @Override public InitialLaw initialLaw(Regime regime) {
    throw new IllegalArgumentException("model 'sample-complexity' has no initial law");
  }

  @Override public SgdSimulator simulator(int d, Regime regime) {
    throw new IllegalArgumentException("model 'sample-complexity' runs its own simulators (see SampleComplexity)");
  }

  @Override public boolean usesTime() {
    return false;
  }

  /**
   * The points, the fitted exponent per k (k with at least two N), and the censored-run count.
   *
   * @param points    one per (k, N)
   * @param exponents fitted log-log slope per information exponent k
   * @param censored  runs stopped at the step cap
   * @param wallMs    wall time
   */
  public record Result(List<SampleComplexity.Point> points, Map<Integer, Double> exponents, int censored, double wallMs) {
    public Result {
      points = List.copyOf(points);
      exponents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exponents));
    }
  }

  /** Runs the study (the request's dims, seeds and grid are not used: the parameters fix the runs). */
  @Override public Result compute(Request request) {
    long t0 = System.nanoTime();
    List<SampleComplexity.Point> points = SampleComplexity.run(ns, runs, seed, capFactor);
    Map<Integer, Double> slopes = new LinkedHashMap<>();
    for (int k = 1; k <= 3; k++) {
      if (ns[k - 1].length < 2) continue;
      slopes.put(k, SampleComplexity.fittedExponent(points, k));
    }
    int censored = points.stream().mapToInt(SampleComplexity.Point::censored).sum();
    return new Result(points, slopes, censored, (System.nanoTime() - t0) / 1e6);
  }
}
