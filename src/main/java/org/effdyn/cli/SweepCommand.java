package org.effdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.effdyn.card.Scenario;
import org.effdyn.run.CostEstimate;
import org.effdyn.run.Progress;
import org.effdyn.run.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effdyn sweep CARD --param NAME=a:b:n ...}: a grid of parameter variants in parallel. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Runs a card at every point of a parameter grid (the product of the --param axes), in parallel; "
        + "one CSV per variant (final state, event times, fixed point reached) under DIR/variants/, then "
        + "summary.csv and summary.png (.svg, .pdf as the card's chart.formats asks). Re-running keeps a variant "
        + "whose key (card, parameters, seeds, code version) matches its key file and recomputes the others; a failed variant "
        + "is reported and the others go on.",
        "Exit codes: 0 done, 1 some variant failed, 2 bad card or options."})
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CARD", description = "Scenario card (YAML) without variants.")
  Path card;

  @Option(names = "--param", paramLabel = "NAME=a:b:n", required = true,
      description = "A swept parameter: n values from a to b, ends included (repeatable: the grid is the product).")
  List<String> params = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: the card's output.dir + '/sweep'.")
  Path out;


  @Mixin SharedOptions shared;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (shared.threads < 1) return Commands.fail(err, null, shared.verbose, Main.USAGE, shared.threadsError());
    try {
      List<Sweep.Axis> axes = new ArrayList<>();
      for (String p : params) axes.add(Sweep.Axis.parse(p));
      Scenario s = Scenario.load(card, shared.force);
      CostEstimate cost = Sweep.estimate(s, axes);
      if (shared.verbose) {
        for (String l : cost.lines()) err.println("effdyn: " + l);
        err.flush();
      }
      cost.check(card.toString(), shared.force);
      Path dir = out != null ? out : Path.of(s.output().dir(), "sweep");
      Progress progress = System.console() != null ? new ConsoleProgress() : Progress.none();
      Sweep.Result r = Sweep.run(s, axes, new Sweep.Options(dir, shared.threads, progress));
      for (Sweep.Outcome x : r.outcomes()) {
        if (!x.ok()) err.println("effdyn: sweep variant " + x.index() + " " + x.params() + " failed: " + x.error());
      }
      err.flush();
      int n = r.outcomes().size();
      o.println(s.name() + ": " + n + " variant" + (n == 1 ? "" : "s") + ", " + r.computed() + " computed, "
          + r.recomputed() + " recomputed (stale or unkeyed file), " + r.skipped() + " kept (same key), " + r.failures() + " failed");
      String shown = dir.toString().replaceAll("/+$", "");
      StringBuilder files = new StringBuilder("variants/, summary.csv");
      for (Path c : r.charts()) files.append(", ").append(c.getFileName());
      o.println("wrote " + shown + "/{" + files + "}");
      o.flush();
      return r.failures() == 0 ? 0 : Main.FAILED;
    } catch (IllegalArgumentException e) {
      return Commands.fail(err, e, shared.verbose, Main.USAGE, e.getMessage());
    } catch (OutOfMemoryError e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, Commands.outOfMemory(e));
    } catch (RuntimeException e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, "sweep failed: " + e.getMessage());
    }
  }
}
