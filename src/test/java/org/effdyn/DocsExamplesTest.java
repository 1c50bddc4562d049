package org.effdyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the library and runs, so the
 * examples readers copy cannot rot (the conventions are in {@link DocBlocks}). Each block becomes a
 * class of its own, compiled in memory with {@code javax.tools} against this test's class path, and
 * runs in a fresh JVM whose working directory is an empty temporary directory (examples that write
 * files use relative paths), with a timeout. A failure names the Markdown file and line: compile
 * errors and stack-trace lines are mapped back to the line of the file. When a block is followed by an
 * {@code output} block, its standard output must match it ({@link DocBlocks#compareOutput}, 5%
 * relative on numbers). Run one file's blocks with {@code -Ddocs.examples=java.md} (a substring of
 * {@code file:line}); add {@code -Ddocs.examples.print=true} to see what each block prints.
 */
class DocsExamplesTest {
  private static final String CLASS = "DocExample";
  private static final long TIMEOUT_SECONDS = 120;
  private static final double RTOL = 0.05;

  /** Checks of what the runnable blocks of a file leave in their working directory, by file (README.md has one block). */
  private static final Map<String, Consumer<Path>> AFTER = Map.of("README.md", DocsExamplesTest::readmeLimitCsv);

  @TestFactory
  Stream<DynamicTest> docsExamples() {
    String only = System.getProperty("docs.examples", "");
    List<DocBlocks.Block> blocks = new ArrayList<>();
    Path root = Path.of("").toAbsolutePath();
    for (Path f : DocBlocks.markdownFiles(root)) blocks.addAll(DocBlocks.read(f, root.relativize(f).toString().replace('\\', '/')));
    assertThat(blocks).as("java blocks in README.md and docs/*.md").isNotEmpty();
    return blocks.stream().filter(b -> b.where().contains(only))
        .map(b -> DynamicTest.dynamicTest(b.where() + " (" + b.mode().name().toLowerCase(Locale.ROOT) + ")", () -> check(b)));
  }

  private static void check(DocBlocks.Block b) throws IOException, InterruptedException {
    Assumptions.assumeTrue(b.mode() != DocBlocks.Mode.SKIP, () -> b.where() + ": skipped: " + b.reason());
    Path tmp = Files.createTempDirectory("docs-example");
    try {
      long t0 = System.nanoTime();
      Path classes = Files.createDirectory(tmp.resolve("classes"));
      compile(b, classes);
      if (b.mode() == DocBlocks.Mode.RUN) {
        Path work = Files.createDirectory(tmp.resolve("work"));
        String out = run(b, classes, work);
        if (Boolean.getBoolean("docs.examples.print")) System.out.print(b.where() + " printed:\n" + out);
        if (b.output() != null) {
          String diff = DocBlocks.compareOutput(b.output(), out, RTOL);
          if (diff != null) {
            fail(b.file() + ":" + b.outputLine() + ": output of the block at " + b.where() + " does not match: " + diff
                + "\n--- expected\n" + b.output() + "\n--- got\n" + out);
          }
        }
        Consumer<Path> after = AFTER.get(b.file());
        if (after != null) after.accept(work);
      }
      System.out.printf(Locale.ROOT, "%s: %s in %.1f s%n", b.where(), b.mode() == DocBlocks.Mode.RUN ? "ran" : "compiled",
          (System.nanoTime() - t0) / 1e9);
    } finally {
      deleteTree(tmp);
    }
  }

  private static void compile(DocBlocks.Block b, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK compiler (javax.tools)").isNotNull();
    String src = DocBlocks.source(b, CLASS);
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + CLASS + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return src;
      }
    };
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
        "-proc:none", "-nowarn", "-encoding", "UTF-8");
    StringWriter javacOut = new StringWriter();
    boolean ok = javac.getTask(javacOut, null, diags, options, null, List.of(file)).call();
    if (ok) return;
    StringBuilder msg = new StringBuilder(b.where() + ": the example does not compile:\n");
    int shown = 0;
    for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) continue;
      if (++shown > 10) {
        msg.append("... and more errors\n");
        break;
      }
      msg.append(b.file()).append(':').append(b.fenceLine() + d.getLineNumber()).append(": ")
          .append(d.getMessage(Locale.ROOT)).append('\n');
    }
    fail(msg.append(javacOut).toString());
  }

  /** Runs the compiled block in a new JVM in work; returns its standard output. */
  private static String run(DocBlocks.Block b, Path classes, Path work) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = classes + File.pathSeparator + System.getProperty("java.class.path");
    Path out = Files.createTempFile(classes.getParent(), "out", ".txt");
    Path err = Files.createTempFile(classes.getParent(), "err", ".txt");
    Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx1g", "-XX:+UseSerialGC", "-cp", cp, CLASS)
        .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail(b.where() + ": the example did not finish in " + TIMEOUT_SECONDS + " s");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(b.where() + ": the example failed (exit " + p.exitValue() + "):\n"
          + toDocLines(b, Files.readString(err, StandardCharsets.UTF_8)) + (stdout.isEmpty() ? "" : "--- stdout\n" + stdout));
    }
    return stdout;
  }

  private static final Pattern FRAME = Pattern.compile("\\(" + CLASS + "\\.java:(\\d+)\\)");

  /** Stack-trace positions in the generated class, rewritten as file:line of the Markdown file. */
  static String toDocLines(DocBlocks.Block b, String trace) {
    Matcher m = FRAME.matcher(trace);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement("(" + b.file() + ":" + (b.fenceLine() + Integer.parseInt(m.group(1))) + ")"));
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * The README example writes limit.csv: its last row is the recovered fixed point (m, r2perp) =
   * (√(λ - c_δ), c_δ) = (1, 1) (the SGD recording and the fixed-point list are held by
   * PcaValidationTest and PcaOraclesTest).
   */
  private static void readmeLimitCsv(Path work) {
    try {
      List<String> rows = Files.readAllLines(work.resolve("limit.csv"));
      assertThat(rows.get(0)).startsWith("t,m,r2perp");
      String[] last = rows.get(rows.size() - 1).split(",");
      assertThat(Double.parseDouble(last[0])).isEqualTo(2.0);
      assertThat(Double.parseDouble(last[1])).isCloseTo(1.0, within(1e-5));
      assertThat(Double.parseDouble(last[2])).isCloseTo(1.0, within(1e-5));
    } catch (IOException e) {
      fail("README.md: the example must write limit.csv: " + e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
