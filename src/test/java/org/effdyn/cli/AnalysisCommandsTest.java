package org.effdyn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** effdyn fixed-points, sweep and validate: outputs, exit codes and one-line errors. */
class AnalysisCommandsTest {
  static final String TENSOR = String.join("\n",
      "model: pca",
      "params: {k: 3, lambda: 4.0, c_delta: 1.0}",
      "init: {m: 0.5}",
      "time: {start: 0, end: 3, samples: 31}",
      "events: [{statistic: m, level: 0.9, action: record, name: m90}]",
      "");

  @TempDir Path tmp;

  /** Exit code, stdout and stderr of one in-process invocation. */
  record Run(int code, String out, String err) {}

  /** effdyn ARGS in this JVM (also used by {@link CrashConsistencyTest}). */
  static Run effdyn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.configure(new CommandLine(new Main()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  private Path card(String text) throws IOException {
    return Files.writeString(tmp.resolve("card.yaml"), text);
  }

  @Test
  void fixedPointsOfTheTensorWithContinuationFindTheFold() throws IOException {
    Path out = tmp.resolve("fp");
    Run r = effdyn("fixed-points", card(TENSOR).toString(), "--range", "m=-0.5:1.5", "--range", "r2perp=0:2",
        "--nonneg", "r2perp", "--continue", "lambda=2:6", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("m=1, r2perp=1 (stable-node").contains("m=0.295598, r2perp=1 (saddle")
        .contains("fold at lambda = 3.07920");
    for (String f : new String[] {"fixed-points.csv", "fixed-points.json", "bifurcation.csv", "bifurcation.png", "bifurcation.svg",
        "bifurcation.pdf"}) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("bifurcation.svg"))).contains("<svg");
    assertThat(Files.readString(out.resolve("bifurcation.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
    assertThat(Files.readAllLines(out.resolve("fixed-points.csv")).get(0)).startsWith("\"m\",\"r2perp\",stability,");
  }

  @Test
  void fixedPointsBadInput() throws IOException {
    Path c = card(TENSOR);
    Run r = effdyn("fixed-points", c.toString(), "--range", "q=0:1", "--out", tmp.resolve("x").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("effdyn: --range: unknown statistic 'q'").doesNotContain("\n");
    r = effdyn("fixed-points", c.toString(), "--continue", "beta=0:1", "--out", tmp.resolve("x").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no real parameter 'beta'");
  }

  /** --second follows the fold in c_delta: bifurcation2.csv on (16√3/9) c_delta^{3/2}; --deflate reports how it searched. */
  @Test
  void secondParameterTracesTheTensorFoldCurveAndDeflationReports() throws IOException {
    Path out = tmp.resolve("fp2");
    Run r = effdyn("fixed-points", card(TENSOR).toString(), "--range", "m=-0.5:1.5", "--range", "r2perp=0:2",
        "--continue", "lambda=2:6", "--second", "c_delta=0.5:2", "--deflate", "2", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("deflation (the 4 points found by Newton deflated): 0 new roots from 2 starts")
        .contains("m=0, r2perp=0 (non-hyperbolic, max Re mu = 0, multiplicity 4").contains("2 fold curve(s), 0 branch-point curve(s), 0 Hopf curve(s)");
    for (String f : new String[] {"bifurcation.json", "bifurcation2.csv", "bifurcation2.png", "bifurcation2.svg"}) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("bifurcation.json"))).contains("\"type\" : \"fold\"");
    java.util.List<String> lines = Files.readAllLines(out.resolve("bifurcation2.csv"));
    assertThat(lines.get(0)).isEqualTo("curve,type,lambda,c_delta,omega,l1");
    int checked = 0;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      double lambda = Double.parseDouble(f[2]), c = Double.parseDouble(f[3]);
      if (c < 0.5 || c > 2) continue;
      assertThat(lambda).isCloseTo(16 * Math.sqrt(3) / 9 * Math.pow(c, 1.5), org.assertj.core.api.Assertions.within(1e-8));
      checked++;
    }
    assertThat(checked).isGreaterThan(20);
  }

  /**
   * Matrix PCA: the branch point λ = c_δ of the branch (0, c_δ), followed over c_δ (--second), is the line
   * λ = c_δ in bifurcation2.csv, type branch-point.
   */
  @Test
  void secondParameterTracesTheMatrixBranchPointLine() throws IOException {
    Path out = tmp.resolve("bp");
    Run r = effdyn("fixed-points", card(TENSOR.replace("k: 3, lambda: 4.0", "k: 2, lambda: 2.0")).toString(), "--range", "m=-1.5:1.5",
        "--range", "r2perp=0:2", "--nonneg", "r2perp", "--continue", "lambda=0.2:3", "--second", "c_delta=0.5:2", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("[1-9] branch-point curve\\(s\\)")
        .contains(": 1 stable, 1 unstable").contains(": 2 stable, 2 unstable"); // below lambda = c_delta (0, c) and the origin; above also +-sqrt(lambda - c)
    int checked = 0;
    for (String l : Files.readAllLines(out.resolve("bifurcation2.csv"))) {
      String[] f = l.split(",", -1);
      if (!f[1].equals("branch-point")) continue;
      double lambda = Double.parseDouble(f[2]), c = Double.parseDouble(f[3]);
      if (c < 0.5 || c > 2) continue;
      assertThat(lambda).isCloseTo(c, org.assertj.core.api.Assertions.within(1e-8));
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  /** A spent --budget: a one-line warning says what was not searched; the (empty) results are still written. */
  @Test
  void spentBudgetWarnsAndStillWrites() throws IOException {
    Path out = tmp.resolve("budget");
    Run r = effdyn("fixed-points", card(TENSOR).toString(), "--budget", "1e-9", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err().strip()).startsWith("effdyn: warning: search budget of 1.0E-9 s spent: 0 of 147 starts searched (none); "
        + "147 not (the initial state, the trajectory's end, grid 1-81, random 1-64); the 0 points found so far are written")
        .doesNotContain("\n");
    assertThat(r.out()).contains("147 not searched (budget spent)");
    assertThat(out.resolve("fixed-points.csv")).isRegularFile();
  }

  @Test
  void bifurcationOptionsBadInputWritesNothing() throws IOException {
    Path c = card(TENSOR);
    Path x = tmp.resolve("none");
    String[][] bad = {
        {"--switch"},
        {"--second", "c_delta=0.5:2"},
        {"--continue", "lambda=2:6", "--second", "lambda=0.5:2"},
        {"--continue", "lambda=2:6", "--second", "c_delta=x:2"},
        {"--deflate", "-1"},
        {"--continue", "lambda=6:2"},
        {"--budget", "0"}};
    String[] names = {"--switch", "--second", "--second lambda", "--second c_delta: 'x'", "--deflate", "--continue lambda", "--budget"};
    for (int i = 0; i < bad.length; i++) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fixed-points", c.toString(), "--out", x.toString()));
      args.addAll(java.util.List.of(bad[i]));
      Run r = effdyn(args.toArray(String[]::new));
      assertThat(r.code()).as(String.join(" ", bad[i])).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("effdyn: " + names[i]).doesNotContain("\n");
      assertThat(x).doesNotExist();
    }
  }

  @Test
  void sweepWritesOneCsvPerVariantAndResumes() throws IOException {
    Path c = card(TENSOR);
    Path out = tmp.resolve("sw");
    Run r = effdyn("sweep", c.toString(), "--param", "lambda=3:5:3", "--out", out.toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 variants, 3 computed, 0 recomputed (stale or unkeyed file), 0 kept (same key), 0 failed");
    assertThat(out.resolve("variants/000_lambda=3.csv")).isRegularFile();
    assertThat(out.resolve("variants/002_lambda=5.csv")).isRegularFile();
    for (String f : new String[] {"summary.png", "summary.svg", "summary.pdf"}) assertThat(out.resolve(f)).isNotEmptyFile();
    assertThat(r.out()).contains("/{variants/, summary.csv, summary.png, summary.svg, summary.pdf}");
    String summary = Files.readString(out.resolve("summary.csv"));
    Run again = effdyn("sweep", c.toString(), "--param", "lambda=3:5:3", "--out", out.toString(), "--threads", "1");
    assertThat(again.out()).contains("0 computed, 0 recomputed (stale or unkeyed file), 3 kept (same key)");
    assertThat(Files.readString(out.resolve("summary.csv"))).isEqualTo(summary.replace(",ok,", ",kept,"));
  }

  @Test
  void sweepBadRangesAreUsageErrors() throws IOException {
    Path c = card(TENSOR);
    Object[][] cases = {
        {"lambda=1:2:0", "number of values must be >= 1"},
        {"lambda=2:2:3", "a = b = 2.0 with n = 3"},
        {"lambda=1:Infinity:3", "range ends must be finite"},
        {"gamma=1:2:3", "has no parameter 'gamma'"},
        {"lambda", "expected NAME=a:b:n"},
    };
    for (Object[] k : cases) {
      Run r = effdyn("sweep", c.toString(), "--param", (String) k[0], "--out", tmp.resolve("bad").toString());
      assertThat(r.code()).as((String) k[0]).isEqualTo(2);
      assertThat(r.err().strip()).as((String) k[0]).startsWith("effdyn: ").contains((String) k[1]).doesNotContain("\n");
      assertThat(tmp.resolve("bad")).doesNotExist();
    }
  }

  @Test
  void sweepReportsACrashedVariantAndGoesOn() throws IOException {
    Path out = tmp.resolve("crash");
    // lambda = -1 and 0 are rejected by the model; lambda = 1 runs
    Run r = effdyn("sweep", card(TENSOR).toString(), "--param", "lambda=-1:1:3", "--out", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("sweep variant 0 {lambda=-1.0} failed: ").contains("params.lambda: must be > 0");
    assertThat(out.resolve("variants/002_lambda=1.csv")).isRegularFile();
    assertThat(Files.readString(out.resolve("summary.csv"))).contains(",failed,");
  }

  @Test
  void validateRejectsBadCasesAndUnknownNames() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("cases"));
    Files.writeString(dir.resolve("bad.yaml"), String.join("\n",
        "model: pca", "params: {lambda: 2}", "time: {end: 1}", "dims: {quick: [1, 100]}", "expect: {rate: -0.5, band: 0.2}", ""));
    Run r = effdyn("validate", "--dir", dir.toString(), "--reports", tmp.resolve("rep").toString(), "bad");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).endsWith("dims.quick[0]: dimension must be >= 2, got 1");
    r = effdyn("validate", "--dir", dir.toString(), "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown validation case 'nope'; known: bad");
  }

  /** XOR at lambda = inf: fixed-point sets instead of Newton (24 stable points covering all classes at K = 4), and p_K. */
  @Test
  void fixedPointSetsAndBasinsForXor() throws IOException {
    Path out = tmp.resolve("xor");
    Run r = effdyn("fixed-points", "models/xor-basins.yaml", "--basins", "40", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("fixed-point-sets.md"))).contains("| 24 | isolated points | yes |");
    assertThat(out.resolve("basins.csv")).isNotEmptyFile();
    assertThat(out.resolve("basins.png")).isNotEmptyFile();
    assertThat(Files.readAllLines(out.resolve("basins.csv"))).hasSize(1 + 5); // header + K = 4..8
    Run bad = effdyn("fixed-points", card(TENSOR).toString(), "--basins", "10", "--out", tmp.resolve("x").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--basins").contains("pca");
  }
}
