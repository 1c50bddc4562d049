package org.effdyn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI: exit codes, one-line errors on stderr naming field and value, nothing written on failure. */
class MainTest {
  static final String CARD = String.join("\n",
      "# a small card",        // 1
      "model: pca",            // 2
      "params:",               // 3
      "  k: 2",                // 4
      "  lambda: 2.0",         // 5
      "  c_delta: 1.0",        // 6
      "init: {m: 0.3}",        // 7
      "time: {start: 0, end: 0.5, samples: 11}", // 8
      "");

  @TempDir Path tmp;

  /** Exit code, stdout and stderr of one invocation. */
  record Run(int code, String out, String err) {}

  private Run effdyn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.configure(new CommandLine(new Main()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs a card text with --out tmp/out; asserts nothing was written when it failed. */
  private Run runCard(String text) throws IOException {
    Path card = Files.writeString(tmp.resolve("card.yaml"), text);
    Run r = effdyn("run", card.toString(), "--out", tmp.resolve("out").toString(), "--threads", "2");
    if (r.code() != 0) {
      assertThat(tmp.resolve("out")).doesNotExist();
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip()).startsWith("effdyn: ").doesNotContain("\n").doesNotContain("Exception");
    }
    return r;
  }

  @Test
  void runsACardAndSaysWhereItWrote() throws IOException {
    Run r = runCard(CARD);
    assertThat(r.code()).isZero();
    String dir = tmp.resolve("out").toString();
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("wrote " + dir + "/{limit.csv, chart.png, chart.svg, chart.pdf, run.json}");
    // the one-screen summary: final state, the fixed point reached with its class, solver statistics
    assertThat(lines.size()).isLessThanOrEqualTo(25);
    assertThat(r.out()).contains("final t=0.5: m=").contains("fixed point reached: ").contains("solver: dormand-prince-853, ")
        .contains("evaluations");
  }

  @Test
  void refusesAnAbsurdCommitteeAtOnceAndShowsTheEstimate() throws IOException {
    String big = "model: committee\nparams: {K: 5000, M: 5000, activation: erf, eta: 0.5}\ntime: {end: 10, samples: 11}\n";
    long t0 = System.nanoTime();
    Run r = runCard(big);   // asserts one line, no stack trace, nothing written
    assertThat(r.code()).isEqualTo(2);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);
    assertThat(r.err()).contains("card.yaml:2: params: model 'committee' with these parameters has 3.75e+07 statistics")
        .contains("--force");
    // a run over the work limit is refused after the estimate, which --verbose prints
    Run w = runCard(big.replace("5000", "200").replace("end: 10", "end: 20000")
        + "solver: {method: rk4, step: 0.5}\n");
    assertThat(w.code()).isEqualTo(2);
    assertThat(w.err()).contains("refused: the limit's estimated work is");
    Path card = tmp.resolve("card.yaml");
    Run v = effdyn("run", card.toString(), "--out", tmp.resolve("out").toString(), "--verbose");
    assertThat(v.code()).isEqualTo(2);
    assertThat(v.err()).contains("effdyn: estimate: 1 run; state dimension 60300 statistics")
        .contains("effdyn: estimate: drift cost O(K^2 (K+M)^2)").contains("effdyn: estimate: 160000 drift evaluations");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void runSummaryNamesTheFixedPointReached() throws IOException {
    // lambda = 2, c_delta = 1 from m = 0.3 over t in [0, 4]: settles at the stable node (1, 1)
    Run r = runCard(CARD.replace("end: 0.5", "end: 4"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("fixed point reached: m=1, r2perp=1 (stable-node, max Re mu = -8");
    assertThat(tmp.resolve("out/limit.csv")).isRegularFile();
  }

  @Test
  void badCardsExitWithTwoAndNameFieldAndValue() throws IOException {
    String file = tmp.resolve("card.yaml").toString();
    Object[][] cases = {
        {CARD.replace("model: pca", "model: pcb"), file + ":2: model: ", "'pcb'"},
        {CARD.replace("  c_delta: 1.0", "  c_delta: 1.0\n  beta: 0.1"), ":7: params.beta: ", "beta"},
        {CARD.replace("lambda: 2.0", "lambda: .nan"), ":5: params.lambda: ", "got NaN"},
        {CARD.replace("lambda: 2.0", "lambda: -1"), ":5: params.lambda: ", "got -1.0"},
        {CARD.replace("c_delta: 1.0", "c_delta: -1"), ":6: params.c_delta: ", "got -1.0"},
        {CARD.replace("k: 2", "k: 1"), ":4: params.k: ", "got 1"},
        {CARD.replace("samples: 11", "samples: 1"), ":8: time.samples: ", "got 1"},
        {CARD.replace("end: 0.5", "end: 0"), ":8: time.end: ", "end=0.0"},
        {CARD.replace("init: {m: 0.3}", "init: {m: 0.3"), ":8: malformed YAML", "column"},
        {CARD.replace("  k: 2", " k: 2"), ":5: malformed YAML", "mapping values are not allowed"},
        {CARD + "outptu: {dir: x}\n", ":9: outptu: ", "valid keys"},
    };
    for (Object[] c : cases) {
      Run r = runCard((String) c[0]);
      assertThat(r.code()).as("%s", c[1]).isEqualTo(2);
      assertThat(r.err()).as("%s", c[1]).startsWith("effdyn: " + file).contains((String) c[1]).contains((String) c[2]);
    }
  }

  @Test
  void unwritableOutputDirectoryExitsWithTwoAndWritesNothing() throws IOException {
    Path card = Files.writeString(tmp.resolve("card.yaml"), CARD);
    Path plain = Files.writeString(tmp.resolve("plain"), "");
    Run r = effdyn("run", card.toString(), "--out", plain.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("effdyn: --out: cannot create output directory '" + plain.resolve("out") + "'");
    try (Stream<Path> l = Files.list(tmp)) {
      assertThat(l.count()).isEqualTo(2);
    }
  }

  @Test
  void nonexistentCardExitsWithTwo() {
    Run r = effdyn("run", tmp.resolve("missing.yaml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("effdyn: " + tmp.resolve("missing.yaml") + ": cannot read scenario card: no such file");
  }

  @Test
  void aFailedIntegrationExitsWithOneAndWritesNothing() throws IOException {
    Run r = runCard(CARD.replace("init: {m: 0.3}", "init: {m: 0, r2perp: -2}").replace("end: 0.5", "end: 10"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("dormand-prince-853").contains("r2perp");
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    Path card = Files.writeString(tmp.resolve("card.yaml"), CARD.replace("k: 2", "k: 1"));
    Run r = effdyn("run", card.toString(), "--out", tmp.resolve("out").toString(), "--verbose");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ScenarioException").contains("\tat ");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(effdyn().code()).isEqualTo(2);
    Run r = effdyn("run", "x.yaml", "--bogus");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("effdyn: Unknown option: '--bogus'").doesNotContain("\n");
    assertThat(effdyn("run", "x.yaml", "--threads", "0").code()).isEqualTo(2);
    assertThat(effdyn("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void modelsListsPcaAndItsParameters() {
    Run r = effdyn("models");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("pca - ").contains("lambda").contains("required").contains("c_delta")
        .contains("default 1").contains("k ").contains("default 2");
  }

  @Test
  void helpAndVersionExitWithZero() {
    Run h = effdyn("--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("run").contains("models");
    Run v = effdyn("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("effdyn ");
  }

  @Test
  void aBareCommandLineHandlesRunFailuresTheSameWay() throws IOException {
    Path card = Files.writeString(tmp.resolve("card.yaml"), CARD.replace("lambda: 2.0", "lambda: -1"));
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("run", card.toString(), "--out", tmp.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("params.lambda: must be > 0 and finite, got -1.0");
  }
}
