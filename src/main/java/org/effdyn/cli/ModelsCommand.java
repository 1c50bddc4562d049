package org.effdyn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.effdyn.card.ModelFactory;
import org.effdyn.card.ModelRegistry;
import org.effdyn.card.ParamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code effdyn models}: every model a card can name, with its parameters and their defaults. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Lists the models a scenario card can name, with their parameters and defaults.")
final class ModelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean first = true;
    for (ModelFactory f : ModelRegistry.all()) {
      if (!first) out.println();
      first = false;
      out.println(f.name() + " - " + f.description());
      int w = 0;
      int dw = 0;
      for (ParamSpec p : f.parameters()) {
        w = Math.max(w, p.name().length());
        dw = Math.max(dw, defaultText(p).length());
      }
      for (ParamSpec p : f.parameters()) {
        out.printf("  %-" + w + "s  %-" + dw + "s  %s%n", p.name(), defaultText(p), p.description());
      }
    }
    out.flush();
    return 0;
  }

  private static String defaultText(ParamSpec p) {
    return p.required() ? "required" : "default " + p.defaultValue();
  }
}
