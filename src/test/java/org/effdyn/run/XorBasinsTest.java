package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.card.Scenario;
import org.effdyn.model.xor.XorOracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XorBasinsTest {
  @TempDir Path tmp;

  /** models/xor-basins.yaml drives the report: one estimate per K = 4..8, files written, formula attached. */
  @Test
  void cardDrivenReport() throws Exception {
    Scenario s = Scenario.load(Path.of("models/xor-basins.yaml"));
    assertThat(XorBasins.write(s, 40, 2, tmp)).containsExactly("basins.csv", "basins.md", "basins.png");
    List<XorOracles.BasinEstimate> e = XorBasins.estimate(s, 40, 2);
    assertThat(e).extracting(XorOracles.BasinEstimate::k).containsExactly(4, 5, 6, 7, 8);
    for (XorOracles.BasinEstimate b : e) {
      assertThat(b.samples()).isEqualTo(40);
      assertThat(b.formula()).isEqualTo(XorOracles.pK(b.k()));
      assertThat(b.low()).isLessThanOrEqualTo(b.p());
    }
    assertThat(Files.readAllLines(tmp.resolve("basins.csv"))).hasSize(6);
    assertThat(Files.readString(tmp.resolve("basins.md"))).contains("| 4 |");
    assertThat(tmp.resolve("basins.png")).isNotEmptyFile();
  }

  @Test
  void otherModelsAreRejected() {
    Scenario s = Scenario.load(Path.of("models/pca-matrix.yaml"));
    assertThatThrownBy(() -> XorBasins.estimate(s, 10, 1)).hasMessageStartingWith("model: basins need an xor-gmm card");
  }
}
