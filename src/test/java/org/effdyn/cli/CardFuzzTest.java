package org.effdyn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.effdyn.card.Scenario;
import org.effdyn.card.ValidationCase;
import org.effdyn.run.CostEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Mutation fuzzing of the card and validation-case readers ({@link CardMutator}), from every card in
 * models/ and validation/, and the regression corpus src/test/resources/fuzz-corpus/ (inputs that
 * once failed). Every input must end, within {@link #BOUND_SECONDS}, in a scenario (and its cost
 * estimate) or in an IllegalArgumentException with a one-line message; every input that fails to
 * load is also run through {@code effdyn run} / {@code effdyn validate}, which must exit 2 with one
 * line on stderr, no stack trace, and write nothing. {@code -Dfuzz.mutants=N} mutants per seed card
 * (default 12; .ci/fuzz runs more).
 */
class CardFuzzTest {
  static final double BOUND_SECONDS = 10;
  static final int MUTANTS = Integer.getInteger("fuzz.mutants", 12);

  @TempDir Path tmp;

  /** The outcome counts, printed at the end. */
  private int inputs;
  private int loaded;
  private int refused;
  private int cliChecked;
  private double slowest;
  private String slowestName = "";

  static List<Path> seeds() throws IOException {
    List<Path> all = new ArrayList<>();
    for (String dir : List.of("models", "models/paper", "validation")) {
      try (Stream<Path> s = Files.list(Path.of(dir))) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(all::add);
      }
    }
    return all;
  }

  @Test
  void everyMutantEndsInAResultOrAOneLineError() throws Exception {
    List<String> failures = new ArrayList<>();
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fuzz");
      t.setDaemon(true);   // a stuck input must not keep the test JVM alive
      return t;
    });
    try {
      for (Path seed : seeds()) {
        String text = Files.readString(seed);
        boolean isCase = seed.startsWith("validation");
        for (int i = 0; i < MUTANTS; i++) {
          String name = seed.getFileName().toString().replace(".yaml", "") + "-" + i;
          check(pool, name, CardMutator.mutant(text, i), isCase, failures);
        }
      }
      Path corpus = Path.of("src/test/resources/fuzz-corpus");
      try (Stream<Path> s = Files.list(corpus)) {
        for (Path p : s.sorted().toList()) {
          check(pool, "corpus/" + p.getFileName(), Files.readAllBytes(p), p.getFileName().toString().startsWith("case-"),
              failures);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(Locale.ROOT, "fuzz: %d inputs (%d mutants per seed card): %d loaded, %d refused with a one-line "
        + "error (%d of them checked through the CLI: exit 2, nothing written); slowest %.2f s (%s); %d failures%n",
        inputs, MUTANTS, loaded, refused, cliChecked, slowest, slowestName, failures.size());
    assertThat(failures).isEmpty();
  }

  private void check(ExecutorService pool, String name, byte[] input, boolean isCase, List<String> failures)
      throws IOException, InterruptedException {
    inputs++;
    Path file = tmp.resolve(name.replace('/', '_') + ".yaml");
    Files.write(file, input);
    long t0 = System.nanoTime();
    Future<Throwable> f = pool.submit(() -> {
      try {
        if (isCase) {
          ValidationCase.load(file);
        } else {
          CostEstimate.of(Scenario.load(file)).check(file.toString(), false);
        }
        return null;
      } catch (Throwable e) {
        return e;
      }
    });
    Throwable e;
    try {
      e = f.get((long) (BOUND_SECONDS * 1000), TimeUnit.MILLISECONDS);
    } catch (TimeoutException x) {
      f.cancel(true);
      failures.add(name + ": no answer within " + BOUND_SECONDS + " s");
      return;
    } catch (java.util.concurrent.ExecutionException x) {
      throw new IllegalStateException(x);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    if (s > slowest) {
      slowest = s;
      slowestName = name;
    }
    if (e == null) {
      loaded++;
      Files.delete(file);
      return;
    }
    if (!(e instanceof IllegalArgumentException) || e.getMessage() == null || e.getMessage().contains("\n")
        || e.getMessage().contains("\r") || e.getMessage().contains("Exception")) {
      failures.add(name + ": " + e);
      return;
    }
    refused++;
    if (refused % 5 == 1) cli(name, file, isCase, failures);
    Files.delete(file);
  }

  /** The command line on an input that does not load: exit 2, one line on stderr, nothing written. */
  private void cli(String name, Path file, boolean isCase, List<String> failures) throws IOException {
    cliChecked++;
    Path out = tmp.resolve("out");
    StringWriter o = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.configure(new CommandLine(new Main()));
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(err, true));
    int code = isCase
        ? cl.execute("validate", file.toString(), "--reports", out.toString(), "--threads", "1")
        : cl.execute("run", file.toString(), "--out", out.toString(), "--threads", "1");
    String e = err.toString().strip();
    if (code != 2 || Files.exists(out) || !o.toString().isEmpty() || e.contains("\n") || !e.startsWith("effdyn: ")
        || e.contains("\tat ")) {
      failures.add(name + ": CLI exit " + code + ", out " + Files.exists(out) + ", stderr " + e);
      deleteTree(out);
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
