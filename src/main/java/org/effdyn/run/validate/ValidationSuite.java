package org.effdyn.run.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.effdyn.card.ValidationCase;
import org.effdyn.run.AtomicFiles;
import org.effdyn.run.ChartSupport;
import org.effdyn.run.OutputLock;

/**
 * The cases of a directory ({@code validation/*.yaml}, by file name) run one after another, each in
 * parallel over its SGD runs, with a report per case and an index {@code README.md} in the reports
 * directory. A case that cannot run (a bad file, all runs failing) is reported and does not stop the
 * others.
 */
public final class ValidationSuite {
  private ValidationSuite() {}

  /** Case names (file names without .yaml) in a directory, sorted. */
  public static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no validation directory " + dir);
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The file of a case name (or a path given directly). */
  public static Path file(Path dir, String name) {
    Path direct = Path.of(name);
    if (name.endsWith(".yaml") && Files.isRegularFile(direct)) return direct;
    Path p = dir.resolve(name + ".yaml");
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("unknown validation case '" + name + "'; known: " + String.join(", ", names(dir)));
    }
    return p;
  }

  /** Outcome of a suite run: results, cases that could not run (name to message), and the index file. */
  public record Outcome(List<CaseResult> results, Map<String, String> errors, Path index) {
    public boolean passed() {
      return errors.isEmpty() && results.stream().allMatch(CaseResult::passed);
    }
  }

  /** Listener for progress and per-case results (all may be ignored). */
  public interface Listener {
    default Runnable start(ValidationCase c, long runs) {
      return null;
    }

    default void done(CaseResult r, List<Path> files) {}

    default void failed(String name, String message) {}
  }

  /** Loads every named case first (bad files are errors before anything runs), then runs them. */
  public static Outcome run(Path dir, List<String> names, boolean full, int threads, Path reports, Listener l) {
    ChartSupport.require("validation reports");   // every report has charts
    List<ValidationCase> cases = new ArrayList<>();
    for (String n : names) cases.add(ValidationCase.load(file(dir, n)));
    try {
      Files.createDirectories(reports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + reports + ": " + e.getMessage(), e);
    }
    try (OutputLock lock = OutputLock.acquire(reports, reports.toString())) {
      return runLocked(cases, full, threads, reports, l);
    }
  }

  private static Outcome runLocked(List<ValidationCase> cases, boolean full, int threads, Path reports, Listener l) {
    List<CaseResult> results = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (ValidationCase c : cases) {
      try {
        long runs = (long) c.dims(full).size() * c.seeds(full);
        CaseResult r = ValidationRunner.run(c, full, threads, l.start(c, runs));
        List<Path> files = Report.write(reports, r);
        results.add(r);
        l.done(r, files);
      } catch (RuntimeException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        errors.put(c.name(), msg);
        l.failed(c.name(), msg);
      }
    }
    Path index = reports.resolve("README.md");
    AtomicFiles.writeString(index, Report.index(results, errors));
    return new Outcome(results, errors, index);
  }
}
