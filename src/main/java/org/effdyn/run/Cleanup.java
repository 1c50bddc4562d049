package org.effdyn.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an interrupted process must remove: the temporary files of writes in progress
 * ({@link AtomicFiles}), the outputs of a run not yet finished and the directories it created
 * ({@link ScenarioRunner}: a run's outputs are all or nothing). The CLI's shutdown hook calls
 * {@link #interrupt()} on Ctrl-C (SIGINT, SIGTERM); from then on no write starts or completes. A
 * SIGKILL runs no hook: then only temporary files ({@code .NAME.HEX.tmp}) can be left, never a
 * half-written output, and a rerun overwrites or ignores them.
 */
public final class Cleanup {
  private static final Set<Path> FILES = new LinkedHashSet<>();
  private static final List<Path> DIRS = new ArrayList<>();
  private static volatile boolean interrupted;

  private Cleanup() {}

  /** Registers a file to delete on interrupt (a temporary file, or an output of an unfinished run). */
  static synchronized void add(Path file) {
    checkRunning();
    FILES.add(file);
  }

  /** The file is finished (renamed into place and its run done) or already removed. */
  static synchronized void remove(Path file) {
    FILES.remove(file);
  }

  /** Directories a run created, outermost first, to delete (if empty) on interrupt. */
  static synchronized void addDirs(List<Path> dirs) {
    DIRS.addAll(dirs);
  }

  static synchronized void removeDirs(List<Path> dirs) {
    DIRS.removeAll(dirs);
  }

  /** Throws if the process is being interrupted: no new write starts, no rename completes. */
  static void checkRunning() {
    if (interrupted) throw new IllegalStateException("interrupted");
  }

  /**
   * Stops every write and deletes the registered files, then the registered directories (innermost
   * first, only if empty). Returns how many files were deleted.
   */
  public static synchronized int interrupt() {
    interrupted = true;
    int n = 0;
    for (Path p : FILES) {
      try {
        if (Files.deleteIfExists(p)) n++;
      } catch (IOException ignored) {
        // nothing more can be done while the process exits
      }
    }
    FILES.clear();
    for (int i = DIRS.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(DIRS.get(i));
      } catch (IOException ignored) {
        // not empty: not only ours
      }
    }
    DIRS.clear();
    return n;
  }
}
