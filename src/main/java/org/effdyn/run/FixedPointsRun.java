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
import org.effdyn.analysis.BranchPointCurves;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.Deflation;
import org.effdyn.analysis.EquilibriumRegions;
import org.effdyn.analysis.FoldCurves;
import org.effdyn.analysis.HopfCurves;
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
 * ({@link Continuation}; with switching at branch points) into {@code bifurcation.csv}, {@code .json} and
 * {@code bifurcation.png}, {@code .svg}, {@code .pdf} (as the card's {@code chart.formats} asks). Models whose fixed
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
   * @param switchBranches at every simple branch point met, trace the crossing branch too ({@link Continuation#switchAt})
   * @param second       {@code NAME=c:d}: trace every fold and Hopf point of the continuation as a curve in (continued
   *                     parameter, NAME) over NAME in [c, d] ({@link FoldCurves}, {@link HopfCurves}), or null
   * @param deflate      after the plain search, deflated Newton ({@link Deflation}) from this many of the starts (0: none)
   * @param budget       wall-time budget of the search in seconds, the card's trajectory included (+∞: none); starts
   *                     not searched when it runs out are reported in a warning, the points found so far kept
   * @param basins       initializations per variant of a basin study (0: none)
   * @param threads      worker threads of the basin study
   * @param out          output directory, or null for the card's output.dir + "/fixed-points"
   * @param warnings     receives the warnings (a failed trajectory or continuation), one line each; null: dropped
   */
  public record Options(List<String> ranges, int grid, int random, long seed, List<String> nonneg, String continuation,
      boolean switchBranches, String second, int deflate, double budget, int basins, int threads, Path out,
      Consumer<String> warnings) {
    public Options {
      ranges = List.copyOf(ranges);
      nonneg = List.copyOf(nonneg);
      if (warnings == null) warnings = w -> { };
    }
  }

  /**
   * The fixed points found from {@code starts} starts, in the layout of the limit, whether its Jacobian is
   * analytic, and how the search went (plain Newton and, if asked, deflation: one line each).
   */
  public record Search(StateLayout layout, List<FixedPoint> points, int starts, boolean analyticJacobian, List<String> how) {
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
  /** The search's finder and grid starts (set by {@link #search}; the grid is empty above 3 coordinates), for the region labels. */
  private FixedPointFinder searchFinder;
  private List<double[]> gridStarts = List.of();

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
    return of(Scenario.load(card), options);
  }

  /** As {@link #load}, for a card already read (e.g. parsed from text). */
  public static FixedPointsRun of(Scenario s, Options options) {
    Objects.requireNonNull(options, "options");
    if (s.regime() != Regime.BALLISTIC) {
      throw new IllegalArgumentException(s.shownFile() + ": regime: fixed points are those of the ballistic limit; "
          + "this card is " + s.regime().key());
    }
    if (options.grid() < 1) throw new IllegalArgumentException("--grid must be >= 1, got " + options.grid());
    if (options.random() < 0) throw new IllegalArgumentException("--random must be >= 0, got " + options.random());
    if (options.basins() < 0) throw new IllegalArgumentException("--basins must be >= 0, got " + options.basins());
    if (options.deflate() < 0) throw new IllegalArgumentException("--deflate must be >= 0, got " + options.deflate());
    if (!(options.budget() > 0)) throw new IllegalArgumentException("--budget must be > 0 seconds, got " + options.budget());
    if (options.switchBranches() && options.continuation() == null) {
      throw new IllegalArgumentException("--switch: needs --continue NAME=a:b (it switches branches at the branch points of the continuation)");
    }
    if (options.basins() > 0 && !XorBasins.supports(s)) {
      throw new IllegalArgumentException("--basins: model '" + s.factory().name() + "' has no basin study");
    }
    if (options.continuation() != null) range(s, s.variants().get(0), options.continuation(), "--continue");
    if (options.second() != null) {
      if (options.continuation() == null) {
        throw new IllegalArgumentException("--second: needs --continue NAME=a:b (it follows the folds and Hopf points found there)");
      }
      Range q = range(s, s.variants().get(0), options.second(), "--second");
      if (q.name().equals(range(s, s.variants().get(0), options.continuation(), "--continue").name())) {
        throw new IllegalArgumentException("--second " + q.name() + ": must differ from the --continue parameter");
      }
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
    FixedPointFinder.Budget budget = FixedPointFinder.Budget.seconds(options.budget());
    Dynamics dyn = variant.model().limit(Regime.BALLISTIC);
    StateLayout layout = dyn.layout();
    int n = layout.size();
    List<String> nonneg = options.nonneg();
    int[] nonnegIdx = new int[nonneg.size()];
    for (int i = 0; i < nonnegIdx.length; i++) nonnegIdx[i] = index(layout, nonneg.get(i), "--nonneg");
    FixedPointFinder finder = nonnegIdx.length == 0 ? FixedPointFinder.defaults() : FixedPointFinder.defaults().withDomain(u -> {
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
    List<String> kinds = new ArrayList<>(); // what each start is, for the budget's report
    starts.add(u0);
    kinds.add("the initial state");
    try {
      starts.add(new OdeSolver(scenario.solver()).solve(dyn, u0, scenario.grid()).finalState());
      kinds.add("the trajectory's end");
    } catch (IntegrationException e) {
      options.warnings().accept("the card's trajectory failed (" + message(e) + "); its end is not a start");
    }
    searchFinder = finder;
    if (n <= 3) {
      List<double[]> g = FixedPointFinder.grid(lo, hi, options.grid());
      gridStarts = g;
      starts.addAll(g);
      kinds.addAll(java.util.Collections.nCopies(g.size(), "grid"));
    }
    starts.addAll(FixedPointFinder.random(lo, hi, options.random(), options.seed()));
    kinds.addAll(java.util.Collections.nCopies(options.random(), "random"));
    FixedPointFinder.Search found = finder.search(dyn, starts, budget);
    if (!found.notSearched().isEmpty()) options.warnings().accept(budgetReport(found, kinds));
    if (found.outsideDomain() > 0) {
      options.warnings().accept(found.outsideDomain() + " of " + found.starts() + " starts converged to roots outside the domain ("
          + found.domain() + "); dropped");
    }
    List<String> how = new ArrayList<>();
    how.add("newton: " + found.converged() + " of " + found.starts() + " starts converged, " + found.outsideDomain()
        + " to roots outside the domain (" + found.domain() + "), " + found.failed() + " did not converge"
        + (found.notSearched().isEmpty() ? "" : ", " + found.notSearched().size() + " not searched (budget spent)"));
    List<FixedPoint> points = new ArrayList<>(found.points());
    if (options.deflate() > 0 && budget.spent()) {
      options.warnings().accept("--deflate " + options.deflate() + ": not run, the search budget of " + seconds(options.budget())
          + " s is spent; raise it with --budget SECONDS");
    } else if (options.deflate() > 0) {
      List<double[]> known = new ArrayList<>();
      for (FixedPoint p : points) known.add(p.state());
      Deflation.Result d = new Deflation(finder, 1000).search(dyn, starts.subList(0, Math.min(options.deflate(), starts.size())), known);
      points.addAll(d.points());
      points.sort(java.util.Comparator.comparing(FixedPoint::state, java.util.Arrays::compare));
      int k = found.points().size();
      how.add("deflation (the " + k + (k == 1 ? " point" : " points") + " found by Newton deflated): "
          + d.describe().replaceFirst("^(\\d+) root", "$1 new root"));
    }
    return new Search(layout, points, starts.size(), Jacobians.analytic(dyn), how);
  }

  /**
   * One line on a search whose budget ran out: how many starts of each kind were searched and which were not,
   * e.g. "search budget of 45 s spent: 12 of 66 starts searched (the initial state, the trajectory's end, 10 of
   * 64 random); 54 not (random 11-64); the 3 points found so far are written; raise it with --budget SECONDS".
   */
  private String budgetReport(FixedPointFinder.Search found, List<String> kinds) {
    java.util.Map<String, int[]> byKind = new LinkedHashMap<>(); // kind -> {searched, total, first not searched}
    java.util.Set<Integer> cut = new java.util.HashSet<>(found.notSearched());
    Map<String, Integer> seen = new LinkedHashMap<>();
    StringBuilder missing = new StringBuilder();
    for (int i = 0; i < kinds.size(); i++) {
      String k = kinds.get(i);
      int[] c = byKind.computeIfAbsent(k, x -> new int[] {0, 0});
      c[1]++;
      int number = seen.merge(k, 1, Integer::sum);
      if (!cut.contains(i)) c[0]++;
      else missing.append(missing.length() == 0 ? "" : " ").append(k.startsWith("the ") ? k : k + " " + number);
    }
    StringBuilder searched = new StringBuilder();
    for (Map.Entry<String, int[]> e : byKind.entrySet()) {
      int[] c = e.getValue();
      if (c[0] == 0) continue;
      searched.append(searched.length() == 0 ? "" : ", ")
          .append(e.getKey().startsWith("the ") ? e.getKey() : c[0] + " of " + c[1] + " " + e.getKey());
    }
    int done = found.starts() - found.notSearched().size();
    int pts = found.points().size();
    return "search budget of " + seconds(options.budget()) + " s spent: " + done + " of " + found.starts() + " starts searched ("
        + (searched.length() == 0 ? "none" : searched) + "); " + found.notSearched().size() + " not (" + ranges(missing.toString())
        + "); the " + pts + (pts == 1 ? " point found so far is" : " points found so far are") + " written; raise it with --budget SECONDS";
  }

  /** "random 3 random 4 random 5 grid 7" -> "random 3-5, grid 7": runs of consecutive numbers of one kind joined. */
  private static String ranges(String list) {
    String[] t = list.split(" ");
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < t.length) {
      if (t[i].equals("the")) { // "the initial state" / "the trajectory's end"
        int j = i + 1;
        while (j < t.length && !t[j].equals("the") && !t[j].equals("grid") && !t[j].equals("random")) j++;
        b.append(b.length() == 0 ? "" : ", ").append(String.join(" ", java.util.Arrays.copyOfRange(t, i, j)));
        i = j;
        continue;
      }
      String kind = t[i];
      int first = Integer.parseInt(t[i + 1]), last = first;
      i += 2;
      while (i + 1 < t.length && t[i].equals(kind) && Integer.parseInt(t[i + 1]) == last + 1) {
        last++;
        i += 2;
      }
      b.append(b.length() == 0 ? "" : ", ").append(kind).append(' ').append(first).append(last > first ? "-" + last : "");
    }
    return b.toString();
  }

  private static String seconds(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
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
    Range r = range(s, variant, cont, "--continue");
    String name = r.name();
    double a = r.a(), b = r.b(), start = r.start();
    Continuation.Family family = p -> {
      Map<String, Object> merged = new LinkedHashMap<>(s.baseParams());
      merged.put(name, p);
      return s.factory().create(merged).limit(Regime.BALLISTIC);
    };
    Continuation c = new Continuation(Continuation.Options.between(a, b));
    List<Branch> branches = new ArrayList<>();
    for (FixedPoint p : found.points()) {
      if (p.multiplicity() > 1) { // G = [D_u h | ∂_p h] loses rank there: no unique tangent to start from
        options.warnings().accept("not continued: " + p.describe(layout) + " is a multiple root; continue from a nearby simple point");
        continue;
      }
      for (int dirn : new int[] {+1, -1}) {
        try {
          branches.add(c.trace(family, name, start, p.state(), dirn));
        } catch (RuntimeException e) {
          options.warnings().accept("continuation from " + p.describe(layout) + " failed: " + message(e));
        }
      }
    }
    if (options.switchBranches()) {
      List<Continuation.Special> switched = new ArrayList<>();
      for (int i = 0; i < branches.size() && branches.size() < MAX_BRANCHES; i++) {
        for (Continuation.Special sp : branches.get(i).specials(Continuation.SpecialKind.BRANCH_POINT)) {
          if (contains(switched, sp)) continue;
          switched.add(sp);
          try {
            for (Branch nb : c.switchAt(family, name, sp)) if (branches.size() < MAX_BRANCHES) branches.add(nb);
          } catch (RuntimeException e) {
            options.warnings().accept("branch switching at " + name + " = " + sp.parameter() + " failed: " + message(e));
          }
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
        int i = indexOf(shown, sp);
        if (i < 0) shown.add(sp);
        else if (nearestZero(sp) < nearestZero(shown.get(i))) shown.set(i, sp); // keep the copy located closer
      }
    }
    FixedPointFiles.writeBifurcationJson(dir.resolve("bifurcation.json"), name, branches, shown);
    List<String> files = new ArrayList<>(List.of("bifurcation.csv", "bifurcation.json"));
    files.addAll(charts);
    return new Branches(name, branches, shown, files);
  }

  /** The two-parameter curves and the files written (none without a curve). */
  public record Curves(List<FoldCurves.Curve> folds, List<HopfCurves.Curve> hopfs, List<BranchPointCurves.Curve> branchPoints,
      List<EquilibriumRegions.Region> regions, List<String> files) {
    public Curves {
      folds = List.copyOf(folds);
      hopfs = List.copyOf(hopfs);
      branchPoints = List.copyOf(branchPoints);
      regions = List.copyOf(regions);
      files = List.copyOf(files);
    }
  }

  /**
   * Follows every fold, branch point and Hopf point of {@code found} in the plane of the continued parameter and the
   * {@code --second} one, writing bifurcation2.csv (curve, type, P, Q, then for Hopf curves omega and l1)
   * and bifurcation2.png, .svg, .pdf (as the card's {@code chart.formats} asks). A curve that cannot be
   * started is a warning.
   */
  public Curves continueCurves(Branches found) {
    if (options.second() == null) throw new IllegalStateException("no second parameter requested");
    Range pr = range(scenario, variant, options.continuation(), "--continue");
    Range qr = range(scenario, variant, options.second(), "--second");
    Scenario s = scenario;
    FoldCurves.Family2 family = (p, q) -> {
      Map<String, Object> merged = new LinkedHashMap<>(s.baseParams());
      merged.put(pr.name(), p);
      merged.put(qr.name(), q);
      return s.factory().create(merged).limit(Regime.BALLISTIC);
    };
    Continuation.Options opts = Continuation.Options.between(qr.a(), qr.b());
    List<FoldCurves.Curve> folds = new ArrayList<>();
    List<HopfCurves.Curve> hopfs = new ArrayList<>();
    List<BranchPointCurves.Curve> bps = new ArrayList<>();
    for (Continuation.Special sp : found.specials()) {
      try {
        if (sp.kind() == Continuation.SpecialKind.BRANCH_POINT) {
          bps.addAll(BranchPointCurves.trace(family, pr.name(), qr.name(), sp.state(), sp.parameter(), qr.start(), opts));
        } else if (sp.kind() == Continuation.SpecialKind.FOLD) {
          folds.addAll(FoldCurves.trace(family, pr.name(), qr.name(), sp.state(), sp.parameter(), qr.start(), opts));
        } else if (sp.kind() == Continuation.SpecialKind.HOPF) {
          hopfs.addAll(HopfCurves.trace(family, pr.name(), qr.name(), sp.state(), sp.parameter(), qr.start(), opts));
        }
      } catch (RuntimeException e) {
        options.warnings().accept("the " + sp.kind().key() + " curve from " + pr.name() + " = " + sp.parameter() + " failed: " + message(e));
      }
    }
    if (folds.isEmpty() && hopfs.isEmpty() && bps.isEmpty()) return new Curves(folds, hopfs, bps, List.of(), List.of());
    // region labels: equilibria counted on a grid of the (P, Q) box from the search's grid starts (state of at most 3 coordinates)
    List<EquilibriumRegions.Region> regions = List.of();
    if (gridStarts.isEmpty()) {
      options.warnings().accept("region labels: not computed (they need the grid of starts, used when the state has at most 3 coordinates)");
    } else {
      try {
        regions = EquilibriumRegions.of(family, searchFinder, gridStarts, pr.a(), pr.b(), qr.a(), qr.b(), REGION_CELLS, REGION_CELLS, 4);
      } catch (RuntimeException e) {
        options.warnings().accept("region labels failed: " + message(e));
      }
    }
    Path dir = directory();
    StringBuilder b = new StringBuilder("curve,type," + pr.name() + "," + qr.name() + ",omega,l1\n");
    int k = 0;
    for (FoldCurves.Curve c : folds) {
      for (int i = 0; i < c.branch().points().size(); i++) {
        double[] pq = c.parameters(i);
        b.append(k).append(",fold,").append(pq[0]).append(',').append(pq[1]).append(",,\n");
      }
      for (FoldCurves.Point2 x : c.codimTwo()) b.append(k).append(',').append(x.type()).append(',').append(x.p()).append(',').append(x.q()).append(",,\n");
      k++;
    }
    for (BranchPointCurves.Curve c : bps) {
      for (int i = 0; i < c.branch().points().size(); i++) {
        double[] pq = c.parameters(i);
        b.append(k).append(",branch-point,").append(pq[0]).append(',').append(pq[1]).append(",,\n");
      }
      k++;
    }
    for (HopfCurves.Curve c : hopfs) {
      for (HopfCurves.Point x : c.points()) {
        b.append(k).append(",hopf,").append(x.p()).append(',').append(x.q()).append(',').append(x.frequency()).append(',').append(x.firstLyapunov()).append('\n');
      }
      for (HopfCurves.Point x : c.bautin()) b.append(k).append(",bautin,").append(x.p()).append(',').append(x.q()).append(',').append(x.frequency()).append(",0\n");
      k++;
    }
    AtomicFiles.writeString(dir.resolve("bifurcation2.csv"), b.toString());
    List<String> files = new ArrayList<>(List.of("bifurcation2.csv"));
    files.addAll(AnalysisCharts.twoParameter(dir, s.chart(), s.name(), pr.name(), qr.name(), folds, hopfs, bps, regions,
        new double[] {pr.a(), pr.b(), qr.a(), qr.b()}));
    return new Curves(folds, hopfs, bps, regions, files);
  }

  /** Cells per axis of the grid on which the regions of the two-parameter chart are found ({@link EquilibriumRegions}). */
  static final int REGION_CELLS = 20;

  /** Most branches a continuation traces (with switching, every branch point met adds two). */
  static final int MAX_BRANCHES = 64;

  /**
   * True if a special of the same kind at the same parameter (1e-6 relative) and state (1e-3) is in the list:
   * a branch point met from the branch that turns there (a pitchfork seen from its new branch) is located
   * only to the width where the corrector fails near it, about 1e-7 in the parameter.
   */
  private static boolean contains(List<Continuation.Special> list, Continuation.Special sp) {
    return indexOf(list, sp) >= 0;
  }

  /** min |Re μ| over the eigenvalues of a special (0 exactly at a fold or branch point). */
  private static double nearestZero(Continuation.Special sp) {
    double m = Double.POSITIVE_INFINITY;
    for (org.hipparchus.complex.Complex mu : sp.stability().eigenvalues()) m = Math.min(m, Math.abs(mu.getReal()));
    return m;
  }

  private static int indexOf(List<Continuation.Special> list, Continuation.Special sp) {
    for (int k = 0; k < list.size(); k++) {
      Continuation.Special x = list.get(k);
      if (x.kind() != sp.kind() || Math.abs(x.parameter() - sp.parameter()) > 1e-6 * Math.max(1, Math.abs(sp.parameter()))) continue;
      double d = 0;
      double[] a = x.state(), b = sp.state();
      for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
      if (d <= 1e-3) return k;
    }
    return -1;
  }

  /** A parsed {@code --continue NAME=a:b} and the card's value of NAME. */
  private record Range(String name, double a, double b, double start) {}

  /**
   * Parses and checks {@code --continue} against the card (called by {@link #load}, so that a bad option
   * writes nothing).
   */
  private static Range range(Scenario s, Scenario.Variant v, String cont, String option) {
    String[] kv = cont.split("=", 2);
    String[] ab = kv.length == 2 ? kv[1].split(":") : new String[0];
    if (ab.length != 2) throw new IllegalArgumentException(option + ": expected NAME=a:b, got '" + cont + "'");
    String name = kv[0];
    double a = number(ab[0], option + " " + name), b = number(ab[1], option + " " + name);
    if (!(a < b)) throw new IllegalArgumentException(option + " " + name + ": need a < b, got " + ab[0] + ":" + ab[1]);
    Object base = s.baseParams().get(name);
    Double p0 = base instanceof Number num ? num.doubleValue() : null;
    if (p0 == null && v.model().parameters().get(name) instanceof Number num) p0 = num.doubleValue();
    if (p0 == null) {
      throw new IllegalArgumentException(option + ": model '" + s.factory().name() + "' has no real parameter '" + name
          + "'; parameters: " + v.model().parameters().keySet());
    }
    double start = p0;
    if (!sameParameters(s.factory().create(s.baseParams()), v.model())) {
      throw new IllegalArgumentException(option + ": the card's first variant sets its own params; "
          + "continue from a card (or a variant) that uses the card's params");
    }
    return new Range(name, a, b, start);
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
