package org.effdyn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.effdyn.analysis.Branch;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.analysis.FixedPointFinder;
import org.effdyn.card.Scenario;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.run.AnalysisCharts;
import org.effdyn.run.AtomicFiles;
import org.effdyn.run.Outputs;
import org.effdyn.run.XorBasins;
import org.effdyn.solve.IntegrationException;
import org.effdyn.solve.OdeSolver;
import org.hipparchus.complex.Complex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effdyn fixed-points CARD}: fixed points of a card's ballistic limit, their stability, and continuation. */
@Command(name = "fixed-points", mixinStandardHelpOptions = true,
    description = {"Finds the fixed points of a card's ballistic limit by Newton from many starts (a grid or random "
        + "points in a box, the card's initial state and the end of its trajectory), classifies them, and with "
        + "--continue traces each branch in a parameter, locating folds and branch points.",
        "Writes fixed-points.csv and .json (and bifurcation.csv, .png, .svg). Exit codes: 0 done, 1 failed, 2 bad input."})
final class FixedPointsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CARD", description = "Scenario card (YAML).")
  Path card;

  @Option(names = "--range", paramLabel = "STAT=lo:hi", description = "Box of starts along a statistic (repeatable); "
      + "others: the initial value ± max(1, |value|).")
  List<String> ranges = new ArrayList<>();

  @Option(names = "--grid", paramLabel = "N", description = "Grid points per axis (used when the state has at most 3 coordinates). Default: ${DEFAULT-VALUE}.")
  int grid = 9;

  @Option(names = "--random", paramLabel = "N", description = "Random starts in the box (stream i of --seed). Default: ${DEFAULT-VALUE}.")
  int random = 64;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the random starts. Default: ${DEFAULT-VALUE}.")
  long seed = 1;

  @Option(names = "--nonneg", paramLabel = "STAT", description = "Keep only fixed points with STAT >= 0 (e.g. a variance such as r2perp); repeatable.")
  List<String> nonneg = new ArrayList<>();

  @Option(names = "--continue", paramLabel = "NAME=a:b", description = "Trace every fixed point's branch in parameter NAME over [a, b] (both directions).")
  String cont;

  @Option(names = "--basins", paramLabel = "N", description = "For models with a basin study (xor-gmm): N initializations "
      + "per card variant through the flow, with 95% intervals (basins.csv/.md/.png). Default: ${DEFAULT-VALUE} (off).")
  int basins;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: the card's output.dir + '/fixed-points'.")
  Path out;

  @Mixin SharedOptions shared;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (shared.threads < 1) return Commands.fail(err, null, shared.verbose, Main.USAGE, shared.threadsError());
    try {
      Scenario s = Scenario.load(card);
      if (s.regime() != Regime.BALLISTIC) {
        return Commands.fail(err, null, shared.verbose, Main.USAGE, card + ": regime: fixed points are those of the ballistic limit; "
            + "this card is " + s.regime().key());
      }
      if (grid < 1) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--grid must be >= 1, got " + grid);
      if (random < 0) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--random must be >= 0, got " + random);
      Scenario.Variant v = s.variants().get(0);
      if (basins < 0) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--basins must be >= 0, got " + basins);
      if (basins > 0 && !XorBasins.supports(s)) {
        return Commands.fail(err, null, shared.verbose, Main.USAGE, "--basins: model '" + s.factory().name() + "' has no basin study");
      }
      java.util.Optional<String> sets = v.model() instanceof org.effdyn.analysis.FixedPointSets fs
          ? fs.fixedPointSetsReport() : java.util.Optional.empty();
      if (sets.isPresent() || basins > 0) return setsAndBasins(s, v, sets, o);
      Dynamics dyn = v.model().limit(Regime.BALLISTIC);
      StateLayout layout = dyn.layout();
      int n = layout.size();
      int[] nonnegIdx = new int[nonneg.size()];
      for (int i = 0; i < nonnegIdx.length; i++) nonnegIdx[i] = index(layout, nonneg.get(i), "--nonneg");
      FixedPointFinder finder = FixedPointFinder.defaults().withDomain(u -> {
        for (int i : nonnegIdx) if (u[i] < -1e-12) return false;
        return true;
      });
      double[] u0 = initial(s, v);
      double[] lo = new double[n], hi = new double[n];
      for (int i = 0; i < n; i++) {
        double w = Math.max(1, Math.abs(u0[i]));
        lo[i] = u0[i] - w;
        hi[i] = u0[i] + w;
      }
      for (String r : ranges) {
        String[] kv = r.split("=", 2);
        String[] ab = kv.length == 2 ? kv[1].split(":") : new String[0];
        if (ab.length != 2) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--range: expected STAT=lo:hi, got '" + r + "'");
        int i = index(layout, kv[0], "--range");
        lo[i] = number(ab[0], "--range " + kv[0]);
        hi[i] = number(ab[1], "--range " + kv[0]);
        if (!(lo[i] < hi[i])) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--range " + kv[0] + ": need lo < hi, got " + ab[0] + ":" + ab[1]);
      }
      List<double[]> starts = new ArrayList<>();
      starts.add(u0);
      try {
        starts.add(new OdeSolver(s.solver()).solve(dyn, u0, s.grid()).finalState());
      } catch (IntegrationException e) {
        err.println("effdyn: warning: the card's trajectory failed (" + Commands.oneLine(e.getMessage()) + "); its end is not a start");
      }
      if (n <= 3) starts.addAll(FixedPointFinder.grid(lo, hi, grid));
      starts.addAll(FixedPointFinder.random(lo, hi, random, seed));
      List<FixedPoint> points = finder.find(dyn, starts);

      Path dir = out != null ? out : Path.of(s.output().dir(), "fixed-points");
      List<String> files = new ArrayList<>();
      o.println(s.name() + ": " + points.size() + " fixed point" + (points.size() == 1 ? "" : "s") + " from " + starts.size()
          + " starts (" + (org.effdyn.analysis.Jacobians.analytic(dyn) ? "analytic" : "finite-difference") + " Jacobian)");
      for (FixedPoint p : points) o.println("  " + p.describe(layout));
      writeTable(dir.resolve("fixed-points.csv"), layout, points);
      writeJson(dir.resolve("fixed-points.json"), layout, points);
      files.add("fixed-points.csv");
      files.add("fixed-points.json");

      if (cont != null) {
        String[] kv = cont.split("=", 2);
        String[] ab = kv.length == 2 ? kv[1].split(":") : new String[0];
        if (ab.length != 2) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--continue: expected NAME=a:b, got '" + cont + "'");
        String name = kv[0];
        double a = number(ab[0], "--continue " + name), b = number(ab[1], "--continue " + name);
        if (!(a < b)) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--continue " + name + ": need a < b, got " + ab[0] + ":" + ab[1]);
        Object base = s.baseParams().get(name);
        Double p0 = base instanceof Number num ? num.doubleValue() : null;
        if (p0 == null && v.model().parameters().get(name) instanceof Number num) p0 = num.doubleValue();
        if (p0 == null) return Commands.fail(err, null, shared.verbose, Main.USAGE, "--continue: model '" + s.factory().name()
            + "' has no real parameter '" + name + "'; parameters: " + v.model().parameters().keySet());
        double start = p0;
        if (!sameParameters(s.factory().create(s.baseParams()), v.model())) {
          return Commands.fail(err, null, shared.verbose, Main.USAGE, "--continue: the card's first variant sets its own params; "
              + "continue from a card (or a variant) that uses the card's params");
        }
        Continuation.Family family = p -> {
          Map<String, Object> merged = new LinkedHashMap<>(s.baseParams());
          merged.put(name, p);
          return s.factory().create(merged).limit(Regime.BALLISTIC);
        };
        Continuation c = new Continuation(Continuation.Options.between(a, b));
        List<Branch> branches = new ArrayList<>();
        for (FixedPoint p : points) {
          for (int dirn : new int[] {+1, -1}) {
            try {
              branches.add(c.trace(family, name, start, p.state(), dirn));
            } catch (RuntimeException e) {
              err.println("effdyn: warning: continuation from " + p.describe(layout) + " failed: " + Commands.oneLine(e.getMessage()));
            }
          }
        }
        if (!branches.isEmpty()) {
          Outputs.writeBranches(dir.resolve("bifurcation.csv"), branches);
          AnalysisCharts.bifurcation(dir.resolve("bifurcation.png"), dir.resolve("bifurcation.svg"), s.name(), branches);
          files.add("bifurcation.csv");
          files.add("bifurcation.png");
          files.add("bifurcation.svg");
          List<Continuation.Special> shown = new ArrayList<>(); // branches traced from different points overlap
          for (Branch br : branches) {
            for (Continuation.Special sp : br.specials()) {
              boolean seen = false;
              for (Continuation.Special x : shown) {
                seen |= x.kind() == sp.kind() && Math.abs(x.parameter() - sp.parameter()) <= 1e-8 * Math.max(1, Math.abs(sp.parameter()));
              }
              if (seen) continue;
              shown.add(sp);
              StringBuilder st = new StringBuilder();
              for (int i = 0; i < n; i++) st.append(i == 0 ? "" : ", ").append(layout.name(i)).append('=').append(String.format(java.util.Locale.ROOT, "%.6g", sp.state()[i]));
              o.println("  " + sp.kind().key() + " at " + name + " = " + String.format(java.util.Locale.ROOT, "%.8g", sp.parameter()) + " (" + st + ")");
            }
          }
        }
      }
      String shown = dir.toString().replaceAll("/+$", "");
      o.println("wrote " + shown + "/{" + String.join(", ", files) + "}");
      o.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      return Commands.fail(err, e, shared.verbose, Main.USAGE, e.getMessage());
    } catch (RuntimeException e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, "fixed-points failed: " + e.getMessage());
    }
  }

  /** True if two models of one factory have equal parameters (arrays compared by content). */
  private static boolean sameParameters(org.effdyn.core.Model a, org.effdyn.core.Model b) {
    Map<String, Object> pa = a.parameters(), pb = b.parameters();
    if (!pa.keySet().equals(pb.keySet())) return false;
    for (String k : pa.keySet()) if (!java.util.Objects.deepEquals(pa.get(k), pb.get(k))) return false;
    return true;
  }

  private static double[] initial(Scenario s, Scenario.Variant v) {
    InitialLaw law = v.model().initialLaw(Regime.BALLISTIC);
    double[] u0 = new double[law.layout().size()];
    law.sample(law.deterministic() ? null : RandomStreams.stream(s.initSeed(), 0), u0);
    for (Map.Entry<String, Double> e : v.init().entrySet()) u0[law.layout().indexOf(e.getKey())] = e.getValue();
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

  static void writeTable(Path file, StateLayout layout, List<FixedPoint> points) {
    StringBuilder b = new StringBuilder();
    for (String n : layout.names()) b.append('"').append(n).append("\",");
    b.append("stability,max_re,unstable,residual,hits,jacobian,eigenvalues\n");
    for (FixedPoint p : points) {
      for (double x : p.state()) b.append(x).append(',');
      b.append(p.kind().key()).append(',').append(p.stability().maxRealPart()).append(',').append(p.stability().unstableCount())
          .append(',').append(p.residual()).append(',').append(p.hits()).append(',').append(p.analyticJacobian() ? "analytic" : "finite-difference")
          .append(",\"");
      Complex[] mu = p.stability().eigenvalues();
      for (int i = 0; i < mu.length; i++) b.append(i == 0 ? "" : " ").append(complex(mu[i]));
      b.append("\"\n");
    }
    AtomicFiles.writeString(file, b.toString());
  }

  static void writeJson(Path file, StateLayout layout, List<FixedPoint> points) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (FixedPoint p : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      Map<String, Object> st = new LinkedHashMap<>();
      for (int i = 0; i < layout.size(); i++) st.put(layout.name(i), p.get(i));
      m.put("state", st);
      m.put("stability", p.kind().key());
      List<String> ev = new ArrayList<>();
      for (Complex c : p.stability().eigenvalues()) ev.add(complex(c));
      m.put("eigenvalues", ev);
      m.put("unstable_directions", p.stability().unstableDirections());
      m.put("residual", p.residual());
      m.put("hits", p.hits());
      m.put("jacobian", p.analyticJacobian() ? "analytic" : "finite-difference");
      list.add(m);
    }
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.write(file, os -> om.writeValue(os, Map.of("fixed_points", list)));
  }

  static String complex(Complex c) {
    if (c.getImaginary() == 0) return String.valueOf(c.getReal());
    return c.getReal() + (c.getImaginary() < 0 ? "-" : "+") + Math.abs(c.getImaginary()) + "i";
  }

  /**
   * Models whose fixed points are sets (FixedPointSets) get their set report instead of a Newton search,
   * and, with --basins, their basin study.
   */
  private Integer setsAndBasins(Scenario s, Scenario.Variant v, java.util.Optional<String> sets, PrintWriter o) {
    Path dir = out != null ? out : Path.of(s.output().dir(), "fixed-points");
    List<String> files = new ArrayList<>();
    if (sets.isPresent()) {
      org.effdyn.run.AtomicFiles.writeString(dir.resolve("fixed-point-sets.md"), sets.get());
      files.add("fixed-point-sets.md");
      o.println(sets.get());
    }
    if (basins > 0) {
      files.addAll(XorBasins.write(s, basins, shared.threads, dir));
      o.println(new String(readOrEmpty(dir.resolve("basins.md")), java.nio.charset.StandardCharsets.UTF_8));
    }
    o.println("wrote " + dir + "/{" + String.join(", ", files) + "}");
    o.flush();
    return 0;
  }

  private static byte[] readOrEmpty(Path p) {
    try {
      return java.nio.file.Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }
}
