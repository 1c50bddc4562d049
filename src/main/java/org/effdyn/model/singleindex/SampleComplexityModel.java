package org.effdyn.model.singleindex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.io.Scenario;
import org.effdyn.io.Study;
import org.effdyn.model.ModelFactory;
import org.effdyn.model.ParamSpec;
import org.effdyn.model.Params;
import org.effdyn.sim.SgdSimulator;

/**
 * Card model {@code sample-complexity}: the {@link SampleComplexity} study of spec §5.0 as a
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
public record SampleComplexityModel(int[][] ns, int runs, double capFactor, long seed) implements Model, Study {

  public SampleComplexityModel {
    if (ns == null || ns.length != 3) throw new IllegalArgumentException("ns must list the dimensions for k = 1, 2, 3");
    ns = ns.clone();
    for (int k = 0; k < 3; k++) {
      String field = "params.N_k" + (k + 1);
      if (ns[k] == null) throw new IllegalArgumentException(field + ": must be a list (possibly empty)");
      ns[k] = ns[k].clone();
      if (ns[k].length == 1) {
        throw new IllegalArgumentException(field + ": needs at least 2 dimensions to fit a slope (or none), got " + ns[k][0]);
      }
      for (int i = 0; i < ns[k].length; i++) {
        Check.atLeast(field + "[" + (i + 1) + "]", ns[k][i], 2);
        if (i > 0 && ns[k][i] <= ns[k][i - 1]) {
          throw new IllegalArgumentException(field + ": must increase, got " + Arrays.toString(ns[k]));
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

  @Override public Output compute(Scenario card, Scenario.Variant variant, int threads) {
    long t0 = System.nanoTime();
    List<SampleComplexity.Point> points = SampleComplexity.run(ns, runs, seed, capFactor);
    Map<String, Object> rec = new LinkedHashMap<>();
    Map<String, Object> slopes = new LinkedHashMap<>();
    List<String> shown = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      if (ns[k - 1].length < 2) continue;
      double s = SampleComplexity.fittedExponent(points, k);
      slopes.put("k" + k, s);
      shown.add(String.format(Locale.ROOT, "k = %d: %.2f", k, s));
    }
    int censored = points.stream().mapToInt(SampleComplexity.Point::censored).sum();
    rec.put("fitted_exponents", slopes);
    rec.put("censored_runs", censored);
    rec.put("generator", "run (k, N_i, r): RandomStreams.stream(seed, 1000 k + i, r)");
    rec.put("wall_ms", (System.nanoTime() - t0) / 1e6);
    LinkedHashMap<String, Consumer<Path>> files = new LinkedHashMap<>();
    if (card.output().csv()) files.put("sample-complexity.csv", f -> SampleComplexity.writeCsv(f, points));
    if (card.output().chart()) files.put("chart.png", f -> SampleComplexity.writeChart(f, points));
    String summary = "samples to reach m = 1/2, fitted exponents " + String.join(", ", shown)
        + " (theory: 1, about 1 + 1/log N, 2)" + (censored > 0 ? "; " + censored + " runs censored at the cap" : "");
    return new Output(files, rec, summary);
  }

  /** Card name {@code sample-complexity}. */
  public static final ModelFactory FACTORY = new ModelFactory() {
    @Override public String name() {
      return "sample-complexity";
    }

    @Override public String description() {
      return "samples spherical online SGD needs to reach m = 1/2 from a uniform start vs N, for information "
          + "exponent k = 1, 2, 3, with fitted exponents; spec §5.0 (a study, no ODE)";
    }

    @Override public List<ParamSpec> parameters() {
      return List.of(
          new ParamSpec("N_k1", "dimensions for k = 1 (GLM, f = g = identity, delta = 0.5); [] skips", "[250, 1000, 4000]"),
          new ParamSpec("N_k2", "dimensions for k = 2 (online PCA, lambda = 2, delta = 0.5); [] skips", "[250, 1000, 4000]"),
          new ParamSpec("N_k3", "dimensions for k = 3 (tensor PCA, delta_N = N^-1/2; N^2 samples, keep N small); [] skips", "[50, 100, 200]"),
          new ParamSpec("runs", "independent uniform starts per (k, N)", "16"),
          new ParamSpec("cap_factor", "a run stops at cap_factor alpha_c(N, k) N samples (censored)", "50"),
          new ParamSpec("seed", "master seed", "1"));
    }

    @Override public Model create(Map<String, ?> given) {
      Params q = new Params(name(), parameters(), given);
      int[][] ns = {
          dims(q, given, "N_k1", new int[] {250, 1000, 4000}),
          dims(q, given, "N_k2", new int[] {250, 1000, 4000}),
          dims(q, given, "N_k3", new int[] {50, 100, 200})};
      return new SampleComplexityModel(ns,
          given.containsKey("runs") ? q.integer("runs") : 16,
          given.containsKey("cap_factor") ? q.real("cap_factor") : 50,
          given.containsKey("seed") ? q.integer("seed") : 1);
    }
  };

  private static int[] dims(Params q, Map<String, ?> given, String name, int[] dflt) {
    if (!given.containsKey(name)) return dflt;
    double[] v = q.vector(name);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || !(Math.abs(v[i]) <= Integer.MAX_VALUE)) {
        throw new IllegalArgumentException("params." + name + "[" + (i + 1) + "]: must be an integer, got " + v[i]);
      }
      out[i] = (int) v[i];
    }
    return out;
  }
}
