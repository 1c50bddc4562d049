package org.effdyn.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.effdyn.card.Scenario;
import org.effdyn.run.CostEstimate;
import org.effdyn.run.Progress;
import org.effdyn.run.RunSummary;
import org.effdyn.run.ScenarioRunner;
import org.effdyn.solve.IntegrationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effdyn run CARD}: runs a scenario card and prints where it wrote. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs a scenario card: the limit (ODE or SDE ensemble), SGD if the card asks, "
        + "then writes CSV files (limit-sgd.csv: the limits from the SGD runs' measured starts), chart.png, .svg, .pdf "
        + "and run.json, and prints a summary (final state, fixed point reached, "
        + "solver statistics).",
        "Exit codes: 0 done, 1 the run failed, 2 bad card or options."})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CARD", description = "Scenario card (YAML), e.g. models/pca-matrix.yaml.")
  Path card;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (overrides the card's output.dir; relative to the working directory).")
  Path out;


  @Mixin SharedOptions shared;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (shared.threads < 1) return fail(err, null, Main.USAGE, shared.threadsError());
    try {
      Scenario s = Scenario.load(card, shared.force);
      CostEstimate cost = CostEstimate.of(s);
      if (shared.verbose) {
        for (String l : cost.lines()) err.println("effdyn: " + l);
        err.flush();
      }
      cost.check(card.toString(), shared.force);
      Progress progress = System.console() != null ? new ConsoleProgress() : Progress.none();
      ScenarioRunner.Options o = ScenarioRunner.Options.defaults().withOutDir(this.out).withThreads(shared.threads)
          .withProgress(progress);
      ScenarioRunner.Result r = ScenarioRunner.run(s, o);
      for (String w : r.warnings()) err.println("effdyn: warning: " + w);
      if (shared.verbose) {
        err.println("effdyn: " + s.name() + ": " + r.record().get("wall_ms") + " ms on " + shared.threads + " threads; "
            + "record " + r.outDir().resolve("run.json"));
      }
      err.flush();
      for (String line : RunSummary.lines(s, r)) out.println(line);
      out.println(wrote(r));
      out.flush();
      return 0;
    } catch (IntegrationException e) {
      return fail(err, e, Main.FAILED, e.getMessage());
    } catch (IllegalArgumentException e) { // ScenarioException and parameter errors
      return fail(err, e, Main.USAGE, e.getMessage());
    } catch (UncheckedIOException e) {
      return fail(err, e, Main.FAILED, e.getMessage());
    } catch (OutOfMemoryError e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, Commands.outOfMemory(e));
    } catch (RuntimeException e) {
      return fail(err, e, Main.FAILED, "run failed: " + e + (shared.verbose ? "" : " (rerun with --verbose for details)"));
    }
  }

  private int fail(PrintWriter err, Throwable e, int code, String message) {
    return Commands.fail(err, e, shared.verbose, code, message);
  }

  /** {@code wrote DIR/{a.csv, b.csv, run.json}}, DIR as the user gave it. */
  static String wrote(ScenarioRunner.Result r) {
    String dir = r.shownDir();
    while (dir.length() > 1 && dir.endsWith("/")) dir = dir.substring(0, dir.length() - 1);
    List<String> names = new ArrayList<>();
    for (Path p : r.files()) names.add(p.getFileName().toString());
    if (names.size() == 1) return "wrote " + dir + "/" + names.get(0);
    return "wrote " + dir + "/{" + String.join(", ", names) + "}";
  }
}
