package org.effdyn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code ```java} blocks of Markdown files, as {@link DocsExamplesTest} compiles and runs them.
 *
 * <p>A block's info string is {@code java} (compiled and run), {@code java fragment} (compiled only)
 * or {@code java skip REASON} (neither; the reason is required). The block may begin with import lines
 * (and blank or {@code //} comment lines); everything from the first other line on becomes the body of
 * {@code public static void main(String[] args) throws Exception} of a class of its own, written so that
 * line L of the generated source is line L of the block: the line of the opening fence plus L is the
 * line of the Markdown file. A fenced block with info string {@code output} right after a runnable
 * block (the next fenced block, with only prose between) is that block's expected standard output.
 */
final class DocBlocks {
  private DocBlocks() {}

  /** How a block is checked. */
  enum Mode { RUN, COMPILE, SKIP }

  /**
   * One {@code ```java} block.
   *
   * @param file       the Markdown file as shown in messages (e.g. {@code docs/java.md})
   * @param fenceLine  1-based line of the opening fence; block line L is file line fenceLine + L
   * @param lines      the code lines
   * @param mode       how it is checked
   * @param reason     why it is skipped (SKIP), else null
   * @param output     its expected output (RUN with an {@code output} block), else null
   * @param outputLine 1-based line of the output block's opening fence, 0 if none
   */
  record Block(String file, int fenceLine, List<String> lines, Mode mode, String reason, String output, int outputLine) {
    Block {
      lines = List.copyOf(lines);
    }

    /** {@code file:line} of the opening fence. */
    String where() {
      return file + ":" + fenceLine;
    }

    Block withOutput(String text, int line) {
      return new Block(file, fenceLine, lines, mode, reason, text, line);
    }
  }

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");

  /** README.md and docs/*.md under the repository root, in that order (docs sorted by name). */
  static List<Path> markdownFiles(Path root) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The java blocks of a file; {@code shown} names it in messages. */
  static List<Block> read(Path file, String shown) {
    try {
      return parse(Files.readAllLines(file), shown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The java blocks of Markdown text. Throws IllegalArgumentException, naming the file and line, for an
   * unclosed fence, an unknown flag after {@code java}, a skip without a reason, or an {@code output}
   * block that does not follow a runnable java block.
   */
  static List<Block> parse(List<String> text, String shown) {
    List<Block> out = new ArrayList<>();
    boolean lastFenceWasRunnableJava = false;
    for (int i = 0; i < text.size(); i++) {
      Matcher m = FENCE.matcher(text.get(i));
      if (!m.matches()) continue;
      String indent = m.group(1);
      String fence = m.group(2);
      String info = m.group(3).trim();
      int open = i;
      List<String> body = new ArrayList<>();
      for (i++; ; i++) {
        if (i >= text.size()) throw new IllegalArgumentException(shown + ":" + (open + 1) + ": fenced block is not closed");
        String line = text.get(i);
        String t = line.strip();
        if (t.length() >= fence.length() && t.chars().allMatch(c -> c == fence.charAt(0))) break;
        body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
      }
      String[] words = info.isEmpty() ? new String[] {""} : info.split("\\s+", 3);
      String lang = words[0].toLowerCase(Locale.ROOT);
      if (lang.equals("output")) {
        if (!lastFenceWasRunnableJava) {
          throw new IllegalArgumentException(shown + ":" + (open + 1) + ": an output block must directly follow a runnable java block");
        }
        Block prev = out.remove(out.size() - 1);
        out.add(prev.withOutput(String.join("\n", body), open + 1));
        lastFenceWasRunnableJava = false;
        continue;
      }
      lastFenceWasRunnableJava = false;
      if (!lang.equals("java")) continue;
      Mode mode = Mode.RUN;
      String reason = null;
      if (words.length > 1) {
        switch (words[1]) {
          case "fragment" -> mode = Mode.COMPILE;
          case "skip" -> {
            mode = Mode.SKIP;
            reason = words.length > 2 ? words[2].trim() : "";
            if (reason.isEmpty()) throw new IllegalArgumentException(shown + ":" + (open + 1) + ": 'java skip' needs a reason");
          }
          default -> throw new IllegalArgumentException(shown + ":" + (open + 1) + ": unknown java block flag '" + words[1]
              + "'; known: fragment, skip REASON");
        }
      }
      out.add(new Block(shown, open + 1, body, mode, reason, null, 0));
      lastFenceWasRunnableJava = mode == Mode.RUN;
    }
    return out;
  }

  /**
   * The block as the source of {@code public class className}, line for line: the class and method
   * header are put in front of the first line that is not an import, a blank or a {@code //} comment.
   */
  static String source(Block b, String className) {
    List<String> lines = new ArrayList<>(b.lines());
    int k = 0;
    while (k < lines.size()) {
      String t = lines.get(k).strip();
      if (!(t.isEmpty() || t.startsWith("import ") || t.startsWith("//"))) break;
      k++;
    }
    String header = "public class " + className + " { public static void main(String[] args) throws Exception { ";
    if (k < lines.size()) lines.set(k, header + lines.get(k));
    else lines.add(header);
    lines.add("}}");
    return String.join("\n", lines) + "\n";
  }

  /** Differences this small always pass: residuals like 3.6e-15 are round-off. */
  static final double ABSOLUTE = 1e-12;

  private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

  /**
   * Null if actual matches expected, else a message. The texts between numbers must be equal (runs of
   * spaces and tabs count as one space; trailing spaces and blank lines at the ends are ignored);
   * numbers must agree within {@code rtol} relative to the expected one, within one unit of its last
   * printed digit (so 0.004 accepts 0.003 to 0.005), or within {@value #ABSOLUTE} (round-off residuals).
   */
  static String compareOutput(String expected, String actual, double rtol) {
    List<String> e = tokens(expected);
    List<String> a = tokens(actual);
    int n = Math.min(e.size(), a.size());
    for (int i = 0; i < n; i++) {
      String x = e.get(i);
      String y = a.get(i);
      boolean num = NUMBER.matcher(x).matches();
      if (num && NUMBER.matcher(y).matches()) {
        double ex = Double.parseDouble(x);
        double ac = Double.parseDouble(y);
        if (!(Math.abs(ac - ex) <= Math.max(Math.max(rtol * Math.abs(ex), lastDigit(x) * (1 + 1e-9)), ABSOLUTE))) {
          return "number " + (i / 2 + 1) + " differs: expected " + x + ", got " + y;
        }
      } else if (!x.equals(y)) {
        if (i == a.size() - 1 && x.startsWith(y)) return "output ends early; expected next: '" + rest(e, i, y.length()) + "'";
        if (i == e.size() - 1 && y.startsWith(x)) return "unexpected extra output: '" + rest(a, i, x.length()) + "'";
        return "text differs: expected '" + x + "', got '" + y + "'";
      }
    }
    return null;
  }

  /** The tokens from i on, the first without its first skip characters. */
  private static String rest(List<String> tokens, int i, int skip) {
    return (tokens.get(i).substring(skip) + String.join("", tokens.subList(i + 1, tokens.size()))).strip();
  }

  /** Alternating text and number tokens of normalized output (text first, possibly empty). */
  private static List<String> tokens(String s) {
    List<String> lines = new ArrayList<>();
    for (String line : s.replace("\r\n", "\n").split("\n", -1)) lines.add(line.replaceAll("[ \t]+", " ").stripTrailing());
    String norm = String.join("\n", lines).strip();
    List<String> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(norm);
    int pos = 0;
    while (m.find()) {
      out.add(norm.substring(pos, m.start()));
      out.add(m.group());
      pos = m.end();
    }
    out.add(norm.substring(pos));
    return out;
  }

  /** One unit of the last printed digit of a number as written: 0.0345 gives 1e-4, 2.5e-09 gives 1e-10, 500 gives 1. */
  static double lastDigit(String number) {
    String mant = number;
    int exp = 0;
    int e = Math.max(number.indexOf('e'), number.indexOf('E'));
    if (e >= 0) {
      mant = number.substring(0, e);
      exp = Integer.parseInt(number.substring(e + 1).replace("+", ""));
    }
    int dot = mant.indexOf('.');
    int decimals = dot < 0 ? 0 : mant.length() - dot - 1;
    return Math.pow(10, exp - decimals);
  }
}
