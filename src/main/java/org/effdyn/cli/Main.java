package org.effdyn.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.effdyn.run.Cleanup;
import org.effdyn.run.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code effdyn} command: {@code run CARD}, {@code models}, {@code fixed-points CARD},
 * {@code sweep CARD --param NAME=a:b:n}, {@code validate [CASE...]}. Exit codes: 0 success,
 * 1 a run that failed (integration failure, write error), 2 bad input or usage (a bad card, a bad
 * option, an unusable output directory). Expected failures print one line {@code effdyn: MESSAGE}
 * on stderr; {@code --verbose} adds the stack trace.
 */
@Command(name = "effdyn", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Effective dynamics of high-dimensional online SGD: limits, solvers, simulators.",
    subcommands = {RunCommand.class, ModelsCommand.class, FixedPointsCommand.class, SweepCommand.class,
        ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  /** Exit code of a run that failed. */
  public static final int FAILED = 1;
  /** Exit code of bad input or usage. */
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  /** Without a subcommand: print the usage on stderr and exit 2. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("effdyn: missing command (run, models, fixed-points, sweep, validate)");
    spec.commandLine().usage(err);
    return USAGE;
  }

  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    CommandLine cl = configure(new CommandLine(new Main()));
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    // Ctrl-C (SIGINT) or SIGTERM: stop writing, remove what the unfinished command wrote, say so
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread hook = new Thread(() -> {
      if (done.get()) return;
      Cleanup.interrupt();
      System.err.println("effdyn: interrupted; the unfinished outputs were removed (finished sweep variants and "
          + "validation reports are kept)");
      System.err.flush();
    }, "effdyn-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = cl.execute(args);
    done.set(true);
    System.exit(code);
  }

  /**
   * Usage errors print one line and a hint instead of the whole usage text. Expected run failures
   * are handled inside the subcommands, so a bare {@code new CommandLine(new Main())} behaves the same
   * for them.
   */
  public static CommandLine configure(CommandLine cl) {
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      PrintWriter err = c.getErr();
      err.println("effdyn: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return USAGE;
    });
    return cl;
  }

  /** {@code effdyn --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"effdyn " + Version.current() + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
