package org.effdyn.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading card text: the size limit, and a bounded time for the largest card allowed. */
class YamlTreeTest {
  @TempDir Path dir;

  private static String cardWithString(int chars) {
    return "model: \"" + "p".repeat(chars) + "\"\nparams: {k: 2}\n";
  }

  @Test
  void refusesACardOverTheLimitWithoutParsingIt() throws IOException {
    Path p = Files.writeString(dir.resolve("big.yaml"), cardWithString(20_000_000));
    long t0 = System.nanoTime();
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenario.load(p, "big.yaml"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(e.getMessage()).isEqualTo("big.yaml: the card is larger than the limit of 1048576 bytes (1 MiB): "
        + "it has 20000025 bytes; a scenario card is a few lines of YAML");
    // it only asks the file's size: far below a second even on a loaded machine (it took minutes before)
    assertThat(seconds).isLessThan(2.0);
  }

  @Test
  void refusesTextOverTheLimit() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> Scenario.parse(cardWithString(YamlTree.MAX_BYTES), "t.yaml"));
    assertThat(e.detail()).startsWith("the card is larger than the limit of 1048576 bytes");
  }

  @Test
  void theLargestCardAllowedAnswersQuickly() throws IOException {
    // one scalar of almost 1 MiB: the worst case of the scanner's quadratic buffer copy
    Path p = Files.writeString(dir.resolve("edge.yaml"), cardWithString(YamlTree.MAX_BYTES - 100));
    long t0 = System.nanoTime();
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenario.load(p, "edge.yaml"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(e.getMessage()).startsWith("edge.yaml:1: model: unknown model 'ppp");
    assertThat(seconds).isLessThan(10.0);   // measured about 0.3 s; the bound leaves room for a busy CI machine
  }

  @Test
  void aDeviceIsReadOnlyUpToTheLimit() {
    Path zero = Path.of("/dev/zero");
    if (!Files.isReadable(zero)) return;
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> Scenario.load(zero, "/dev/zero"));
    assertThat(e.detail()).isEqualTo("the card is larger than the limit of 1048576 bytes (1 MiB); "
        + "a scenario card is a few lines of YAML");
  }
}
