package org.effdyn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.effdyn.run.OutputLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of {@code .ci/crash} (docs/reliability.md): a child JVM running {@code effdyn run} is
 * killed with SIGKILL ({@link Process#destroyForcibly()}) at random moments; every file it left is
 * complete (equal to an uninterrupted run's, a PNG ending in its IEND chunk, run.json closed) or
 * absent, with only temporary files and the released lock file beside them, and a rerun into the same
 * directory completes with the uninterrupted run's outputs. About 15 s.
 */
class CrashConsistencyTest {
  /** limit, SGD (2 x 2 runs), the limits from the SGD starts, a PNG and an SVG chart, run.json. */
  private static final String CARD = String.join("\n",
      "model: pca",
      "params: {k: 2, lambda: 2, c_delta: 1}",
      "init: {m: 0.2}",
      "time: {end: 3, samples: 101}",
      "simulate: {d: [1000, 2000], seeds: 2, seed: 5}",
      "output: {csv: true, chart: true}",
      "chart: {formats: [png, svg]}",
      "");
  private static final int ATTEMPTS = 4;

  @TempDir Path tmp;

  @Test
  void filesLeftByAKilledRunAreCompleteOrAbsentAndARerunCompletes() throws Exception {
    Path card = Files.writeString(tmp.resolve("card.yaml"), CARD);
    Path ref = tmp.resolve("ref");
    long t0 = System.nanoTime();
    Process first = child(card, ref);
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isZero();
    long refNanos = System.nanoTime() - t0;
    List<String> refFiles = files(ref);
    assertThat(refFiles).containsExactly("chart.png", "chart.svg", "limit-sgd.csv", "limit.csv", "run.json", "sgd.csv");

    Random moments = new Random(20);
    int kills = 0;
    List<String> left = new ArrayList<>();
    // a run that finished before its kill is retried, so the kills do not depend on the machine's load
    for (int i = 0; i < 3 * ATTEMPTS && kills < ATTEMPTS; i++) {
      Path dir = tmp.resolve("k" + i);
      Process p = child(card, dir);
      // a random moment from JVM start-up to the last writes (the uninterrupted run took refNanos)
      TimeUnit.NANOSECONDS.sleep((long) (refNanos * (0.1 + 0.7 * moments.nextDouble())));
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (p.exitValue() != 0) kills++;
      left.add(dir.getFileName() + ": " + (Files.isDirectory(dir) ? files(dir) : "no directory"));
      assertCompleteOrAbsent(dir, ref);

      AnalysisCommandsTest.Run again = AnalysisCommandsTest.effdyn("run", card.toString(), "--out", dir.toString(), "--threads", "1");
      assertThat(again.code()).as(again.err()).isZero();
      // a temporary file of the killed process may remain beside them (no command reads one)
      assertThat(files(dir).stream().filter(f -> !isTemporary(f)).toList()).isEqualTo(refFiles);
      for (String f : refFiles) {
        if (f.endsWith(".csv") || f.endsWith(".svg")) {
          assertThat(dir.resolve(f)).as(f).hasSameBinaryContentAs(ref.resolve(f));
        }
      }
    }
    System.out.printf("crash: uninterrupted run %.1f s, %d killed in %d attempts: %s%n", refNanos / 1e9, kills, left.size(), left);
    assertThat(kills).as("processes killed before they finished (%s)", left).isEqualTo(ATTEMPTS);
  }

  /**
   * SIGTERM (what Ctrl-C's SIGINT also triggers: the same shutdown hook) stops a run cleanly: a
   * one-line message, exit 143, and nothing of the unfinished run left, not even the directory it
   * created (two runs stopped at random moments).
   */
  @Test
  void aTerminatedRunSaysSoAndLeavesNothing() throws Exception {
    Path card = Files.writeString(tmp.resolve("card.yaml"), CARD.replace("seeds: 2", "seeds: 200"));
    Random moments = new Random(21);
    int stopped = 0;
    for (int i = 0; i < 6 && stopped < 2; i++) {   // a run that finished first is retried
      Path dir = tmp.resolve("t" + i);
      Path err = tmp.resolve("t" + i + ".err");
      Process p = new ProcessBuilder(command(card, dir))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      TimeUnit.MILLISECONDS.sleep(1500 + moments.nextInt(1500));   // JVM up, the run under way
      p.destroy();                                                  // SIGTERM on Linux
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      if (p.exitValue() == 0) continue;                             // finished first: nothing to check
      stopped++;
      assertThat(p.exitValue()).isEqualTo(143);
      List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as("stderr").anyMatch(l -> l.startsWith("effdyn: interrupted"));
      assertThat(Files.exists(dir) ? files(dir) : List.of()).as("files left in %s", dir).isEmpty();
    }
    assertThat(stopped).as("runs stopped before they finished").isEqualTo(2);
  }

  /** {@code effdyn run CARD --out DIR} in a child JVM on this test's class path, its output discarded. */
  private static Process child(Path card, Path dir) throws IOException {
    return new ProcessBuilder(command(card, dir))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static List<String> command(Path card, Path dir) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-Djava.awt.headless=true", "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", card.toString(), "--out", dir.toString(), "--threads", "1");
  }

  /** Every file in dir is the reference's (complete) or a temporary or lock file; dir may be absent. */
  private static void assertCompleteOrAbsent(Path dir, Path ref) throws IOException {
    if (!Files.exists(dir)) return;
    for (String rel : files(dir)) {
      String name = Path.of(rel).getFileName().toString();
      if (name.equals(OutputLock.NAME) || isTemporary(name)) continue;
      Path f = dir.resolve(rel);
      assertThat(ref.resolve(rel)).as("%s is a file of the uninterrupted run", rel).isRegularFile();
      byte[] b = Files.readAllBytes(f);
      if (name.endsWith(".png")) {
        String tail = new String(Arrays.copyOfRange(b, Math.max(0, b.length - 12), b.length), StandardCharsets.ISO_8859_1);
        assertThat(tail).as("%s ends in its IEND chunk", rel).contains("IEND");
      } else if (name.equals("run.json")) {
        assertThat(new String(b, StandardCharsets.UTF_8).strip()).as(rel).startsWith("{").endsWith("}");
      } else {
        assertThat(f).as("%s is complete", rel).hasSameBinaryContentAs(ref.resolve(rel));
      }
    }
  }

  /** An atomic write's temporary file, {@code .NAME.HEX.tmp}. */
  private static boolean isTemporary(String rel) {
    return Path.of(rel).getFileName().toString().matches("\\..+\\.[0-9a-f]+\\.tmp");
  }

  /** The files under dir, relative, sorted (temporary and lock files included). */
  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
