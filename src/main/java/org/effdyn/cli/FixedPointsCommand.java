package org.effdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.effdyn.analysis.Continuation;
import org.effdyn.analysis.FixedPoint;
import org.effdyn.core.StateLayout;
import org.effdyn.run.FixedPointsRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code effdyn fixed-points CARD}: fixed points of a card's ballistic limit, their stability, and continuation.
 * Parses the options, runs {@link FixedPointsRun} step by step and prints each step's result.
 */
@Command(name = "fixed-points", mixinStandardHelpOptions = true,
    description = {"Finds the fixed points of a card's ballistic limit by Newton from many starts (a grid or random "
        + "points in a box, the card's initial state and the end of its trajectory), classifies them, and with "
        + "--continue traces each branch in a parameter, locating folds, branch points and Hopf points (--switch: "
        + "also the branches crossing at branch points).",
        "Writes fixed-points.csv and .json (and bifurcation.csv, .json and .png, .svg, .pdf as the card's chart.formats "
        + "asks; with --second also bifurcation2.csv, .png, .svg). Exit codes: 0 done, 1 failed, 2 bad input."})
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

  @Option(names = "--switch", description = "With --continue: at every simple branch point (pitchfork, transcritical) "
      + "trace the crossing branch too, from the null vectors of the Jacobian.")
  boolean switchBranches;

  @Option(names = "--second", paramLabel = "NAME=c:d", description = "With --continue: follow every fold and Hopf point "
      + "found as a curve in the plane of the two parameters, NAME over [c, d] (bifurcation2.csv, .png, .svg).")
  String second;

  @Option(names = "--deflate", paramLabel = "N", description = "After the Newton search, deflated Newton (Farrell, Birkisson "
      + "and Funke 2015) from the first N starts, the points found so far deflated, to find further equilibria. Default: ${DEFAULT-VALUE} (off).")
  int deflate;

  @Option(names = "--budget", paramLabel = "SECONDS", description = "Wall-time budget of the search (the card's trajectory, "
      + "Newton from every start, deflation); when it runs out, a warning says which starts were not searched and the "
      + "points found so far are written. Default: ${DEFAULT-VALUE}.")
  double budget = 45;

  @Option(names = "--basins", paramLabel = "N", description = "For models with a basin study (xor-gmm): N initializations "
      + "per card variant through the flow, with 95%% intervals (basins.csv/.md/.png). Default: ${DEFAULT-VALUE} (off).")
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
      FixedPointsRun.Options options = new FixedPointsRun.Options(ranges, grid, random, seed, nonneg, cont, switchBranches, second, deflate, budget, basins,
          shared.threads, out, w -> err.println("effdyn: warning: " + Commands.oneLine(w)));
      FixedPointsRun run = FixedPointsRun.load(card, options);
      if (run.reportsSets()) {
        Path dir = run.directory();
        List<String> files = new ArrayList<>();
        Optional<String> sets = run.writeSets();
        if (sets.isPresent()) {
          files.add("fixed-point-sets.md");
          o.println(sets.get());
        }
        if (basins > 0) {
          FixedPointsRun.Basins b = run.writeBasins();
          files.addAll(b.files());
          o.println(b.report());
        }
        o.println("wrote " + dir + "/{" + String.join(", ", files) + "}");
        o.flush();
        return 0;
      }
      FixedPointsRun.Search found = run.search();
      StateLayout layout = found.layout();
      int n = found.points().size();
      o.println(run.scenario().name() + ": " + n + " fixed point" + (n == 1 ? "" : "s") + " from " + found.starts()
          + " starts (" + (found.analyticJacobian() ? "analytic" : "finite-difference") + " Jacobian)");
      for (String h : found.how()) o.println("  " + h);
      for (FixedPoint p : found.points()) o.println("  " + p.describe(layout));
      List<String> files = new ArrayList<>(run.writePoints(found));
      FixedPointsRun.Branches lastBranches = null;
      if (cont != null) {
        FixedPointsRun.Branches br = run.continueBranches(found);
        lastBranches = br;
        files.addAll(br.files());
        for (Continuation.Special sp : br.specials()) {
          StringBuilder st = new StringBuilder();
          for (int i = 0; i < layout.size(); i++) {
            st.append(i == 0 ? "" : ", ").append(layout.name(i)).append('=')
                .append(String.format(Locale.ROOT, "%.6g", sp.state()[i]));
          }
          o.println("  " + sp.kind().key() + " at " + br.parameter() + " = "
              + String.format(Locale.ROOT, "%.8g", sp.parameter()) + " (" + st + ")"
              + (sp.kind() == Continuation.SpecialKind.HOPF ? String.format(Locale.ROOT, ", omega = %.6g, l1 = %.6g, %s",
                  sp.frequency(), sp.firstLyapunov(), sp.criticality()) : ""));
        }
      }
      if (second != null && cont != null) {
        FixedPointsRun.Curves curves = run.continueCurves(lastBranches);
        files.addAll(curves.files());
        for (org.effdyn.analysis.FoldCurves.Curve c : curves.folds()) {
          for (org.effdyn.analysis.FoldCurves.Point2 x : c.codimTwo()) {
            o.println("  " + x.type() + " at " + c.p() + " = " + String.format(Locale.ROOT, "%.8g", x.p()) + ", " + c.q() + " = "
                + String.format(Locale.ROOT, "%.8g", x.q()));
          }
        }
        for (org.effdyn.analysis.EquilibriumRegions.Region g : curves.regions()) {
          o.println("  region at " + cont.split("=")[0] + " = " + String.format(Locale.ROOT, "%.4g", g.p()) + ", " + second.split("=")[0] + " = "
              + String.format(Locale.ROOT, "%.4g", g.q()) + ": " + g.label());
        }
        o.println("  " + curves.folds().size() + " fold curve(s), " + curves.branchPoints().size() + " branch-point curve(s), "
            + curves.hopfs().size() + " Hopf curve(s) traced");
      }
      String shown = run.directory().toString().replaceAll("/+$", "");
      o.println("wrote " + shown + "/{" + String.join(", ", files) + "}");
      o.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      return Commands.fail(err, e, shared.verbose, Main.USAGE, e.getMessage());
    } catch (RuntimeException e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, "fixed-points failed: " + e.getMessage());
    }
  }
}
