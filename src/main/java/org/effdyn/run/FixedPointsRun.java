package org.effdyn.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.effdyn.analysis.Branch;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.analysis.FixedPointFinder;
import org.effdyn.analysis.FixedPointSets;
import org.effdyn.analysis.Jacobians;
import org.effdyn.card.Scenario;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.solve.IntegrationException;
import org.effdyn.solve.OdeSolver;

/**
 * The fixed points of a card's ballistic limit ({@code effdyn fixed-points}): Newton from many starts (the
 * card's initial state, the end of its trajectory, a grid when the state has at most 3 coordinates, random
 * points in a box), classified by stability ({@link FixedPointFinder}), written to {@code fixed-points.csv}
 * and {@code .json} ({@link FixedPointFiles}); then, optionally, every point's branch traced in a parameter
 * ({@link Continuation}) into {@code bifurcation.csv} and {@code bifurcation.png}, {@code .svg}, {@code .pdf}
 * (as the card's {@code chart.formats} asks). Models whose fixed
 * points are sets ({@link FixedPointSets}) get their set report instead, and xor-gmm cards a basin study
 * ({@link XorBasins}). Uses the first variant of the card.
 *
 * <p>The steps are separate calls so that a caller can report each as it ends: {@link #load} (card and
 * option checks), then either {@link #writeSets} and {@link #writeBasins}, or {@link #search},
 * {@link #writePoints} and {@link #continueBranches}. Bad input throws IllegalArgumentException with a
 * message that names the option; every file is written atomically.
 */
public final class FixedPointsRun {
  /**
   * Options, as the command line gives them.
   *
   * @param ranges       boxes of starts, {@code STAT=lo:hi} each; other statistics: the initial value ± max(1, |value|)
   * @param grid         grid points per axis (≥ 1; used when the state has at most 3 coordinates)
   * @param random       random starts in the box (≥ 0), stream i of seed
   * @param seed         seed of the random starts
   * @param nonneg       statistics a fixed point must have ≥ 0 (e.g. a variance)
   * @param continuation {@code NAME=a:b}: trace every branch in parameter NAME over [a, b], or null
   * @param basins       initializations per variant of a basin study (0: none)
   * @param threads      worker threads of the basin study
   * @param out          output directory, or null for the card's output.dir + "/fixed-points"
   * @param warnings     receives the warnings (a failed trajectory or continuation), one line each; null: dropped
   */
  public record Options(List<String> ranges, int grid, int random, long seed, List<String> nonneg, String continuation,
      int basins, int threads, Path out, Consumer<String> warnings) {
    public Options {
      ranges = List.copyOf(ranges);
      nonneg = List.copyOf(nonneg);
      if (warnings == null) warnings = w -> { };
    }
  }

  /** The fixed points found from {@code starts} starts, in the layout of the limit, and whether its Jacobian is analytic. */
  public record Search(StateLayout layout, List<FixedPoint> points, int starts, boolean analyticJacobian) {
    public Search {
      points = List.copyOf(points);
    }
  }

  /**
   * The branches traced in {@code parameter}, the specials (folds, branch points) on them without repeats
   * (branches traced from different points overlap), and the files written (none without a branch).
   */
  public record Branches(String parameter, List<Branch> branches, List<Continuation.Special> specials, List<String> files) {
    public Branches {
      branches = List.copyOf(branches);
      specials = List.copyOf(specials);
      files = List.copyOf(files);
    }
  }

  /** The basin study's files and its Markdown report. */
  public record Basins(List<String> files, String report) {
    public Basins {
      files = List.copyOf(files);
    }
  }

  private final Scenario scenario;
  private final Scenario.Variant variant;
  private final Options options;
  private final Optional<String> sets;

  private FixedPointsRun(Scenario scenario, Options options) {
    this.scenario = scenario;
    this.variant = scenario.variants().get(0);
    this.options = options;
    this.sets = variant.model() instanceof FixedPointSets fs ? fs.fixedPointSetsReport() : Optional.empty();
  }

  /**
   * Loads the card and checks the options against it.
   *
   * @throws IllegalArgumentException for a card that is not ballistic, bad counts, or a basin study the model lacks
   */
  public static FixedPointsRun load(Path card, Options options) {
    Objects.requireNonNull(options, "options");
    Scenario s = Scenario.load(card);
    if (s.regime() != Regime.BALLISTIC) {
      throw new IllegalArgumentException(card + ": regime: fixed points are those of the ballistic limit; "
          + "this card is " + s.regime().key());
    }
    if (options.grid() < 1) throw new IllegalArgumentException("--grid must be >= 1, got " + options.grid());
    if (options.random() < 0) throw new IllegalArgumentException("--random must be >= 0, got " + options.random());
    if (options.basins() < 0) throw new IllegalArgumentException("--basins must be >= 0, got " + options.basins());
    if (options.basins() > 0 && !XorBasins.supports(s)) {
      throw new IllegalArgumentException("--basins: model '" + s.factory().name() + "' has no basin study");
    }
    return new FixedPointsRun(s, options);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The output directory: the options' out, else the card's output.dir + "/fixed-points". */
  public Path directory() {
    return options.out() != null ? options.out() : Path.of(scenario.output().dir(), "fixed-points");
  }

  /**
   * True if this run reports fixed-point sets or a basin study ({@link #writeSets}, {@link #writeBasins})
   * instead of the Newton search.
   */
  public boolean reportsSets() {
    return sets.isPresent() || options.basins() > 0;
  }

  /** Writes {@code fixed-point-sets.md} if the model's fixed points are sets, and returns its text. */
  public Optional<String> writeSets() {
    sets.ifPresent(text -> AtomicFiles.writeString(directory().resolve("fixed-point-sets.md"), text));
    return sets;
  }

  /** Runs the basin study ({@link XorBasins#write}) with the options' sample count and threads. */
  public Basins writeBasins() {
    if (options.basins() < 1) throw new IllegalStateException("no basin study requested");
    Path dir = directory();
    List<String> files = XorBasins.write(scenario, options.basins(), options.threads(), dir);
    return new Basins(files, new String(readOrEmpty(dir.resolve("basins.md")), StandardCharsets.UTF_8));
  }

  /**
   * The Newton search from all starts (see the class comment).
   *
   * @throws IllegalArgumentException for an unknown statistic or a malformed range
   */
  public Search search() {
    Dynamics dyn = variant.model().limit(Regime.BALLISTIC);
    StateLayout layout = dyn.layout();
    int n = layout.size();
    List<String> nonneg = options.nonneg();
    int[] nonnegIdx = new int[nonneg.size()];
    for (int i = 0; i < nonnegIdx.length; i++) nonnegIdx[i] = index(layout, nonneg.get(i), "--nonneg");
    FixedPointFinder finder = FixedPointFinder.defaults().withDomain(u -> {
      for (int i : nonnegIdx) if (u[i] < -1e-12) return false;
      return true;
    });
    double[] u0 = initial();
    double[] lo = new double[n], hi = new double[n];
    for (int i = 0; i < n; i++) {
      double w = Math.max(1, Math.abs(u0[i]));
      lo[i] = u0[i] - w;
      hi[i] = u0[i] + w;
    }
    for (String r : options.ranges()) {
      String[] kv = r.split("=", 2);
      String[] ab = kv.length == 2 ? kv[1].split(":") : new String[0];
      if (ab.length != 2) throw new IllegalArgumentException("--range: expected STAT=lo:hi, got '" + r + "'");
      int i = index(layout, kv[0], "--range");
      lo[i] = number(ab[0], "--range " + kv[0]);
      hi[i] = number(ab[1], "--range " + kv[0]);
      if (!(lo[i] < hi[i])) throw new IllegalArgumentException("--range " + kv[0] + ": need lo < hi, got " + ab[0] + ":" + ab[1]);
    }
    List<double[]> starts = new ArrayList<>();
    starts.add(u0);
    try {
      starts.add(new OdeSolver(scenario.solver()).solve(dyn, u0, scenario.grid()).finalState());
    } catch (IntegrationException e) {
      options.warnings().accept("the card's trajectory failed (" + message(e) + "); its end is not a start");
    }
    if (n <= 3) starts.addAll(FixedPointFinder.grid(lo, hi, options.grid()));
    starts.addAll(FixedPointFinder.random(lo, hi, options.random(), options.seed()));
    List<FixedPoint> points = finder.find(dyn, starts);
    return new Search(layout, points, starts.size(), Jacobians.analytic(dyn));
  }

  /** Writes fixed-points.csv and fixed-points.json; returns their names. */
  public List<String> writePoints(Search found) {
    Path dir = directory();
    FixedPointFiles.writeTable(dir.resolve("fixed-points.csv"), found.layout(), found.points());
    FixedPointFiles.writeJson(dir.resolve("fixed-points.json"), found.layout(), found.points());
    return List.of("fixed-points.csv", "fixed-points.json");
  }

  /**
   * Traces every fixed point's branch in both directions over the options' continuation range (a failed
   * trace is a warning) and writes bifurcation.csv and the diagram (bifurcation.png, .svg, .pdf as the
   * card's {@code chart.formats} asks) if any branch was traced.
   *
   * @throws IllegalArgumentException for a malformed range or a parameter the model lacks or the first variant sets
   * @throws IllegalStateException if the options ask for no continuation
   */
  public Branches continueBranches(Search found) {
    String cont = options.continuation();
    if (cont == null) throw new IllegalStateException("no continuation requested");
    ChartSupport.require("chart", scenario.chart().needsVectorGraphics());   // the diagram, before tracing
    StateLayout layout = found.layout();
    Scenario s = scenario;
    String[] kv = cont.split("=", 2);
    String[] ab = kv.length == 2 ? kv[1].split(":") : new String[0];
    if (ab.length != 2) throw new IllegalArgumentException("--continue: expected NAME=a:b, got '" + cont + "'");
    String name = kv[0];
    double a = number(ab[0], "--continue " + name), b = number(ab[1], "--continue " + name);
    if (!(a < b)) throw new IllegalArgumentException("--continue " + name + ": need a < b, got " + ab[0] + ":" + ab[1]);
    Object base = s.baseParams().get(name);
    Double p0 = base instanceof Number num ? num.doubleValue() : null;
    if (p0 == null && variant.model().parameters().get(name) instanceof Number num) p0 = num.doubleValue();
    if (p0 == null) {
      throw new IllegalArgumentException("--continue: model '" + s.factory().name() + "' has no real parameter '" + name
          + "'; parameters: " + variant.model().parameters().keySet());
    }
    double start = p0;
    if (!sameParameters(s.factory().create(s.baseParams()), variant.model())) {
      throw new IllegalArgumentException("--continue: the card's first variant sets its own params; "
          + "continue from a card (or a variant) that uses the card's params");
    }
    Continuation.Family family = p -> {
      Map<String, Object> merged = new LinkedHashMap<>(s.baseParams());
      merged.put(name, p);
      return s.factory().create(merged).limit(Regime.BALLISTIC);
    };
    Continuation c = new Continuation(Continuation.Options.between(a, b));
    List<Branch> branches = new ArrayList<>();
    for (FixedPoint p : found.points()) {
      for (int dirn : new int[] {+1, -1}) {
        try {
          branches.add(c.trace(family, name, start, p.state(), dirn));
        } catch (RuntimeException e) {
          options.warnings().accept("continuation from " + p.describe(layout) + " failed: " + message(e));
        }
      }
    }
    if (branches.isEmpty()) return new Branches(name, branches, List.of(), List.of());
    Path dir = directory();
    Outputs.writeBranches(dir.resolve("bifurcation.csv"), branches);
    List<String> charts = AnalysisCharts.bifurcation(dir, s.chart(), s.name(), branches);
    List<Continuation.Special> shown = new ArrayList<>(); // branches traced from different points overlap
    for (Branch br : branches) {
      for (Continuation.Special sp : br.specials()) {
        boolean seen = false;
        for (Continuation.Special x : shown) {
          seen |= x.kind() == sp.kind() && Math.abs(x.parameter() - sp.parameter()) <= 1e-8 * Math.max(1, Math.abs(sp.parameter()));
        }
        if (!seen) shown.add(sp);
      }
    }
    List<String> files = new ArrayList<>();
    files.add("bifurcation.csv");
    files.addAll(charts);
    return new Branches(name, branches, shown, files);
  }

  /** True if two models of one factory have equal parameters (arrays compared by content). */
  private static boolean sameParameters(Model a, Model b) {
    Map<String, Object> pa = a.parameters(), pb = b.parameters();
    if (!pa.keySet().equals(pb.keySet())) return false;
    for (String k : pa.keySet()) if (!Objects.deepEquals(pa.get(k), pb.get(k))) return false;
    return true;
  }

  /** The first variant's initial state (its law, stream 0 of the card's init seed, and its init overrides). */
  private double[] initial() {
    InitialLaw law = variant.model().initialLaw(Regime.BALLISTIC);
    double[] u0 = new double[law.layout().size()];
    law.sample(law.deterministic() ? null : RandomStreams.stream(scenario.initSeed(), 0), u0);
    for (Map.Entry<String, Double> e : variant.init().entrySet()) u0[law.layout().indexOf(e.getKey())] = e.getValue();
    return u0;
  }

  private static int index(StateLayout layout, String stat, String option) {
    if (!layout.contains(stat)) {
      throw new IllegalArgumentException(option + ": unknown statistic '" + stat + "'; known: " + String.join(", ", layout.names()));
    }
    return layout.indexOf(stat);
  }

  private static double number(String s, String what) {
    try {
      double x = Double.parseDouble(s.trim());
      if (!Double.isFinite(x)) throw new IllegalArgumentException(what + ": must be finite, got " + s);
      return x;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
    }
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? "(no message)" : e.getMessage();
  }

  private static byte[] readOrEmpty(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
