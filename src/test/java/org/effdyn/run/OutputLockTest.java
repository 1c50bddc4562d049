package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.effdyn.card.Scenario;
import org.effdyn.card.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output directory's lock: a second writer is stopped with a clear message; the lock leaves nothing behind. */
class OutputLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondWriterOfTheSameDirectoryIsStopped() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    try (OutputLock held = OutputLock.acquire(dir, "out")) {
      assertThat(dir.resolve(OutputLock.NAME)).content().isEqualTo(ProcessHandle.current().pid() + "\n");
      ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> OutputLock.acquire(dir, "out"));
      assertThat(e.getMessage()).isEqualTo("output directory 'out' is in use by another effdyn process (pid "
          + ProcessHandle.current().pid() + "); wait for it to finish, or write elsewhere (--out)");
      // a run into the locked directory stops before computing, and writes nothing
      Scenario s = Scenario.parse("model: pca\nparams: {k: 2, lambda: 2, c_delta: 1}\ntime: {end: 1, samples: 3}\n"
          + "output: {csv: true, chart: false}\n", "c.yaml");
      ScenarioException r = catchThrowableOfType(ScenarioException.class,
          () -> ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(dir)));
      assertThat(r.getMessage()).startsWith("output directory '" + dir + "' is in use by another effdyn process");
      assertThat(dir).isDirectoryNotContaining(p -> !p.getFileName().toString().equals(OutputLock.NAME));
    }
    assertThat(dir).isEmptyDirectory();
    try (OutputLock again = OutputLock.acquire(dir, "out")) {
      assertThat(dir.resolve(OutputLock.NAME)).exists();
    }
  }

  @Test
  void aRunReleasesItsLockAndAFailedRunLeavesNoDirectory() {
    Scenario s = Scenario.parse("model: pca\nparams: {k: 2, lambda: 2, c_delta: 1}\ntime: {end: 1, samples: 3}\n"
        + "output: {csv: true, chart: false}\n", "c.yaml");
    Path dir = tmp.resolve("a/b");
    ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(dir));
    assertThat(dir.resolve(OutputLock.NAME)).doesNotExist();
    assertThat(dir.resolve("limit.csv")).isRegularFile();
  }
}
