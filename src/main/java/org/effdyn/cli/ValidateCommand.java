package org.effdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effdyn.card.ValidationCase;
import org.effdyn.run.validate.CaseResult;
import org.effdyn.run.validate.ValidationSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effdyn validate [CASE...] [--full]}: SGD against the limits, with reports. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Runs validation cases (validation/*.yaml): finite-d SGD against the limit at several d, "
        + "errors with their spread over seeds, the fitted rate with a confidence interval, oracle values; "
        + "writes a Markdown + PNG/SVG report per case under validation/reports/.",
        "Exit codes: 0 all passed, 1 a case failed, 2 bad case file or options."})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CASE", arity = "0..*", description = "Case names (validation/NAME.yaml) or files; default: every case.")
  List<String> cases = new ArrayList<>();

  @Option(names = "--full", description = "Large dimensions and more seeds (the cases' dims.full / seeds.full).")
  boolean full;

  @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the cases. Default: ${DEFAULT-VALUE}.")
  Path dir = Path.of("validation");

  @Option(names = "--reports", paramLabel = "DIR", description = "Where reports go. Default: ${DEFAULT-VALUE}.")
  Path reports = Path.of("validation", "reports");


  @Mixin SharedOptions shared;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (shared.threads < 1) return Commands.fail(err, null, shared.verbose, Main.USAGE, shared.threadsError());
    ValidationSuite.Outcome o;
    try {
      List<String> names = cases.isEmpty() ? ValidationSuite.names(dir) : cases;
      if (names.isEmpty()) return Commands.fail(err, null, shared.verbose, Main.USAGE, "no validation cases in " + dir);
      boolean bar = System.console() != null;
      o = ValidationSuite.run(dir, names, full, shared.threads, reports, new ValidationSuite.Listener() {
        ConsoleProgress.Bar current;

        @Override public Runnable start(ValidationCase c, long runs) {
          if (!bar) return null;
          current = new ConsoleProgress().bar(c.name() + ": SGD runs", runs);
          return current::step;
        }

        @Override public void done(CaseResult r, List<Path> files) {
          if (current != null) current.close();
          out.println(line(r) + "  -> " + reports.resolve(r.vcase().name()).resolve("report.md"));
          out.flush();
        }

        @Override public void failed(String name, String message) {
          if (current != null) current.close();
          err.println("effdyn: validate " + name + ": " + message);
          err.flush();
        }
      });
    } catch (IllegalArgumentException e) {
      return Commands.fail(err, e, shared.verbose, Main.USAGE, e.getMessage());
    } catch (OutOfMemoryError e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, Commands.outOfMemory(e));
    } catch (RuntimeException e) {
      return Commands.fail(err, e, shared.verbose, Main.FAILED, "validate failed: " + e.getMessage());
    }
    out.println((o.passed() ? "all passed" : "FAILED") + "; wrote " + o.index());
    out.flush();
    return o.passed() ? 0 : Main.FAILED;
  }

  static String line(CaseResult r) {
    ValidationCase c = r.vcase();
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-20s %s", c.name(), r.passed() ? "PASS" : "FAIL"));
    if (c.metric() != ValidationCase.Metric.LAW) {
      for (CaseResult.Dim d : r.dims()) b.append(String.format(Locale.ROOT, "  d=%d %.4f", d.d(), d.mean()));
      b.append(String.format(Locale.ROOT, "  slope %.3f [%.3f, %.3f]", r.fit().slope(), r.fit().lower(), r.fit().upper()));
    } else {
      for (CaseResult.Dim d : r.dims()) b.append(String.format(Locale.ROOT, "  d=%d max z %.2f", d.d(), d.maxZ()));
    }
    long ok = r.oracles().stream().filter(CaseResult.OracleCheck::pass).count();
    if (!r.oracles().isEmpty()) b.append("  oracles ").append(ok).append('/').append(r.oracles().size());
    return b.toString();
  }
}
