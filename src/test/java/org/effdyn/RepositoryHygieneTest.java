package org.effdyn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository stands alone: a reader of a fresh clone can follow every link and every citation.
 * Every tracked text file (from {@code git ls-files}, or, without git, every file under the root
 * except {@code target/}, {@code .git/} and {@code out/}) is checked for
 * <ul>
 *   <li>links and paths that leave the repository: a Markdown link or a {@code ../} path whose target
 *       resolves outside the root, an absolute path of a particular machine (a home or work directory),
 *       or the sibling directory of private references the project was built from;</li>
 *   <li>citations of those private references: the numbered seed papers, the specification files
 *       and their section letters, and the check scripts (cite the published paper by authors,
 *       title, year and arXiv id, or the docs page in this repository, instead);</li>
 * </ul>
 * and every relative Markdown link of README.md and docs/*.md must name an existing file. Each
 * failure lists file:line of every offender. The patterns are assembled from pieces so that this
 * file does not match them itself.
 */
class RepositoryHygieneTest {
  private static final Path ROOT = repositoryRoot();
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "out");
  private static final Set<String> BINARY_EXTENSIONS = Set.of("png", "pdf", "jpg", "jpeg", "gif", "ico", "jar",
      "class", "zip", "gz", "bin");

  private static final String SHARED = "sha" + "red";
  private static final String SPEC = "sp" + "ec";
  private static final String SEED = "se" + "ed";

  /** A Markdown link or image, {@code [text](target "title")}: group 1 is the target. */
  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** A Markdown reference definition, {@code [label]: target}. */
  private static final Pattern MARKDOWN_REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s|$)");
  /** An HTML link or image source inside Markdown. */
  private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)\\s*=\\s*\"([^\"]+)\"");
  /** A relative path that climbs: {@code ../x}, {@code ../../x/y}. */
  private static final Pattern PARENT_PATH = Pattern.compile("(?<![\\w.])((?:\\.\\./)+[\\w.\\-/]*)");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /** What leaves the repository, with the reason reported. */
  private static final List<Rule> OUTSIDE = List.of(
      new Rule(Pattern.compile("\\.\\./" + SHARED + "\\b"), "path to the private references outside the repository"),
      new Rule(Pattern.compile("\\b" + SHARED + "/(?:" + SPEC + "|" + SEED + "s)\\b"), "path to the private references"),
      new Rule(Pattern.compile("(?<![\\w.~-])/(?:work|home|Users|root|mnt)/"), "absolute path of a particular machine"));

  /** Citations of the private references, with the reason reported. */
  private static final List<Rule> PRIVATE = List.of(
      new Rule(Pattern.compile("(?i)\\b" + SEED + "s?[ _-]?0" + "0\\d"),
          "cites a numbered seed paper: cite authors, title, year and arXiv id"),
      new Rule(Pattern.compile("(?i)\\b" + SPEC + "[/ ]+(?:models|dmf|ntk|generic)\\.md"),
          "cites the private specification: state the equation or cite a docs page"),
      new Rule(Pattern.compile("(?i)(?<![\\w/.-])(?:models|dmf|ntk|generic)\\.md\\s*\u00a7"),
          "cites a section of the private specification"),
      new Rule(Pattern.compile("\u00a7\\s?\\d+(?:\\.\\d+)?\\s?\\([a-z]{1,2}\\)"),
          "specification-style section reference (\u00a7N(x)): name what it is or cite the paper's own number"),
      new Rule(Pattern.compile("(?i)\\b" + SPEC + "/che" + "cks\\b"), "cites the private check scripts"),
      new Rule(Pattern.compile("(?i)\\bche" + "ck_[a-z0-9_]*\\.py\\b"), "cites a private check script"));

  record Rule(Pattern pattern, String reason) {}

  @Test
  void noTrackedFileLinksOrPointsOutsideTheRepository() {
    List<String> offenders = new ArrayList<>();
    for (Path file : trackedTextFiles()) {
      List<String> lines = readLines(file);
      boolean markdown = isMarkdown(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        for (Rule r : OUTSIDE) {
          Matcher m = r.pattern().matcher(line);
          if (m.find()) offenders.add(where(file, i) + r.reason() + ": \"" + m.group() + "\"");
        }
        List<String> linked = new ArrayList<>();
        for (String t : markdown ? linkTargets(line) : List.<String>of()) {
          if (!isLocal(t)) continue;
          linked.add(stripAnchor(t));
          if (leavesRoot(file, stripAnchor(t))) offenders.add(where(file, i) + "link leaves the repository: " + t);
        }
        Matcher m = PARENT_PATH.matcher(line);
        while (m.find()) {
          String p = m.group(1);
          if (!linked.contains(p) && leavesRoot(file, p)) offenders.add(where(file, i) + "path leaves the repository: " + p);
        }
      }
    }
    assertThat(offenders)
        .withFailMessage("%d place(s) link or point outside the repository:%n%s", offenders.size(), String.join("\n", offenders))
        .isEmpty();
  }

  @Test
  void noTrackedFileCitesThePrivateReferences() {
    List<String> offenders = new ArrayList<>();
    for (Path file : trackedTextFiles()) {
      List<String> lines = readLines(file);
      for (int i = 0; i < lines.size(); i++) {
        for (Rule r : PRIVATE) {
          Matcher m = r.pattern().matcher(lines.get(i));
          if (m.find()) offenders.add(where(file, i) + r.reason() + ": \"" + m.group() + "\"");
        }
      }
    }
    assertThat(offenders)
        .withFailMessage("%d place(s) cite references a reader of this repository cannot see:%n%s", offenders.size(),
            String.join("\n", offenders))
        .isEmpty();
  }

  @Test
  void relativeLinksOfReadmeAndDocsNameExistingFiles() throws IOException {
    List<Path> pages = new ArrayList<>();
    if (Files.isRegularFile(ROOT.resolve("README.md"))) pages.add(ROOT.resolve("README.md"));
    Path docs = ROOT.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> s = Files.list(docs)) {
        s.filter(p -> isMarkdown(p) && Files.isRegularFile(p)).sorted().forEach(pages::add);
      }
    }
    assertThat(pages).as("README.md and docs/*.md").isNotEmpty();
    List<String> offenders = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = readLines(ROOT.relativize(page));
      boolean fenced = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String trimmed = line.strip();
        if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) continue;
        for (String t : linkTargets(line.replaceAll("`[^`]*`", ""))) {
          if (!isLocal(t)) continue;
          String path = stripAnchor(t);
          if (path.isEmpty()) {
            if (t.startsWith("#") && !anchors(page).contains(t.substring(1))) {
              offenders.add(where(ROOT.relativize(page), i) + "no such anchor: " + t);
            }
            continue;
          }
          String local = path.replace("%20", " ");
          Path target = local.startsWith("/") ? ROOT.resolve(local.substring(1)).normalize()
              : page.getParent().resolve(local).normalize();
          if (!Files.exists(target)) {
            offenders.add(where(ROOT.relativize(page), i) + "no such file: " + t);
          } else if (t.contains("#") && isMarkdown(target)
              && !anchors(target).contains(t.substring(t.indexOf('#') + 1))) {
            offenders.add(where(ROOT.relativize(page), i) + "no such anchor: " + t);
          }
        }
      }
    }
    assertThat(offenders)
        .withFailMessage("%d relative link(s) name no file:%n%s", offenders.size(), String.join("\n", offenders))
        .isEmpty();
  }

  /** The patterns catch what they are meant to, and this file's own text passes them. */
  @Test
  void patternsRecognizeTheirTargets() {
    assertThat(anyMatches(PRIVATE, "see " + SEED + " 0" + "03, Thm 5.7")).isTrue();
    assertThat(anyMatches(PRIVATE, "(" + SPEC + "/models" + ".md)")).isTrue();
    assertThat(anyMatches(PRIVATE, "the ODE of \u00a74(d)")).isTrue();
    assertThat(anyMatches(PRIVATE, "dmf" + ".md \u00a79")).isTrue();
    assertThat(anyMatches(PRIVATE, "che" + "ck_perceptron.py")).isTrue();
    assertThat(anyMatches(PRIVATE, "Golub & Van Loan \u00a78.5; RNG seed 0x5EED; card key seed: 7; docs/dmf.md")).isFalse();
    assertThat(anyMatches(OUTSIDE, "[spec](../" + SHARED + "/x.md)")).isTrue();
    assertThat(anyMatches(OUTSIDE, "/wo" + "rk/main/docs")).isTrue();
    assertThat(anyMatches(OUTSIDE, "#!/usr/bin/env bash; --out /tmp/pca")).isFalse();
    assertThat(linkTargets("[a](docs/pca.md#fixed-points) and ![b](img/x.png \"t\") <img src=\"y.svg\">"))
        .containsExactly("docs/pca.md#fixed-points", "img/x.png", "y.svg");
    assertThat(leavesRoot(Path.of("docs", "lazy.md"), "../../x.md")).isTrue();
    assertThat(leavesRoot(Path.of("docs", "lazy.md"), "../README.md")).isFalse();
  }

  @Test
  void anchorsFollowGitHubSlugs(@TempDir Path dir) throws IOException {
    Path page = dir.resolve("p.md");
    Files.writeString(page, "# The ODE (`CommitteeOde`, K = 2)\n## Notes\n## Notes\n```\n# not a heading\n```\n"
        + "<a id=\"p4\"></a>\n### Ben Arous et al. 2023, Thm 5.7: R⊥\n");
    assertThat(anchors(page)).containsExactlyInAnyOrder("the-ode-committeeode-k--2", "notes", "notes-1", "p4",
        "ben-arous-et-al-2023-thm-57-r"); // GitHub drops symbols such as ⊥
  }

  /**
   * The anchors a Markdown page defines: GitHub's heading slugs (lower case, punctuation other than
   * '-' and '_' dropped, spaces to '-', duplicates numbered -1, -2, ...) and explicit
   * {@code id="..."} / {@code name="..."} attributes.
   */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> out = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) continue;
      Matcher id = ID_ATTRIBUTE.matcher(line);
      while (id.find()) out.add(id.group(2));
      if (!trimmed.startsWith("#")) continue;
      String text = trimmed.replaceFirst("^#+\\s*", "");
      String slug = text.toLowerCase(Locale.ROOT)
          .replaceAll("<[^>]*>", "")
          .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
          .replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      out.add(n == 0 ? slug : slug + "-" + n);
    }
    return out;
  }

  private static final Pattern ID_ATTRIBUTE = Pattern.compile("\\b(id|name)=\"([^\"]+)\"");

  private static boolean anyMatches(List<Rule> rules, String text) {
    return rules.stream().anyMatch(r -> r.pattern().matcher(text).find());
  }

  private static List<String> linkTargets(String line) {
    List<String> out = new ArrayList<>();
    for (Pattern p : List.of(MARKDOWN_LINK, MARKDOWN_REFERENCE, HTML_LINK)) {
      Matcher m = p.matcher(line);
      while (m.find()) out.add(m.group(1));
    }
    return out;
  }

  /** Relative to a file or the repository: no scheme (http:, mailto:), no pure anchor. */
  private static boolean isLocal(String target) {
    return !target.startsWith("#") && !SCHEME.matcher(target).find();
  }

  private static String stripAnchor(String target) {
    int cut = target.length();
    for (char c : new char[] {'#', '?'}) {
      int i = target.indexOf(c);
      if (i >= 0) cut = Math.min(cut, i);
    }
    return target.substring(0, cut);
  }

  /** file: relative to the root; target: relative to the file's directory, or from the root if it starts with /. */
  private static boolean leavesRoot(Path file, String target) {
    Path base = target.startsWith("/") ? ROOT : ROOT.resolve(file).getParent();
    Path resolved = base.resolve(target.startsWith("/") ? target.substring(1) : target).normalize();
    return !resolved.startsWith(ROOT);
  }

  private static boolean isMarkdown(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
  }

  private static String where(Path file, int lineIndex) {
    return file.toString().replace('\\', '/') + ":" + (lineIndex + 1) + ": ";
  }

  private static List<String> readLines(Path relative) {
    try {
      return new String(Files.readAllBytes(ROOT.resolve(relative)), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tracked files (relative to the root) that exist and hold text: no known binary extension, no NUL byte. */
  private static List<Path> trackedTextFiles() {
    List<Path> out = new ArrayList<>();
    for (Path p : trackedFiles()) {
      Path abs = ROOT.resolve(p);
      if (!Files.isRegularFile(abs)) continue;
      String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
      int dot = name.lastIndexOf('.');
      if (dot >= 0 && BINARY_EXTENSIONS.contains(name.substring(dot + 1))) continue;
      try {
        byte[] bytes = Files.readAllBytes(abs);
        boolean binary = false;
        for (int i = 0; i < Math.min(bytes.length, 8192) && !binary; i++) binary = bytes[i] == 0;
        if (!binary) out.add(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(out).as("tracked text files under %s", ROOT).isNotEmpty();
    return out;
  }

  /** {@code git ls-files}, or, if git is missing or this is no work tree, a walk of the root. */
  private static List<Path> trackedFiles() {
    List<Path> git = gitLsFiles();
    if (git != null) return git;
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(Files::isRegularFile)
          .map(ROOT::relativize)
          .filter(p -> {
            for (Path part : p) if (SKIPPED_DIRECTORIES.contains(part.toString())) return false;
            return true;
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> gitLsFiles() {
    try {
      Process p = new ProcessBuilder("git", "ls-files", "-z").directory(ROOT.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        out = buf.toByteArray();
      }
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
      List<Path> files = new ArrayList<>();
      for (String s : new String(out, StandardCharsets.UTF_8).split("\0")) {
        if (!s.isEmpty()) files.add(Path.of(s));
      }
      return files.isEmpty() ? null : files;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The directory holding pom.xml and the effdyn launcher, from the working directory upwards. */
  private static Path repositoryRoot() {
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isRegularFile(d.resolve("effdyn"))) return d;
    }
    return start;
  }
}
