package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.run.Outputs;
import org.effdyn.solve.OdeSolver;
import org.effdyn.solve.SgdRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, kept compiling and correct. */
class ReadmeExampleTest {
  @Test
  void readmeExampleRuns(@TempDir Path dir) {
    SpikedPca model = SpikedPca.matrix(2.0, 1.0);
    TimeGrid grid = TimeGrid.of(2.0, 201);
    Trajectory limit = OdeSolver.defaults()
        .solve(model.limit(Regime.BALLISTIC), new double[] {0.3, 1.0}, grid);
    Trajectory sgd = SgdRecorder.record(model.simulator(2000, Regime.BALLISTIC), grid,
        RandomStreams.stream(1, 0), Map.of("m", 0.3));
    double[] m = limit.column("m");
    Outputs.writeCsv(dir.resolve("limit.csv"), limit);
    assertThat(m[m.length - 1]).isCloseTo(1.0, within(1e-5)); // (sqrt(lambda - c_delta), c_delta)
    assertThat(sgd.column("m")[200]).isCloseTo(1.0, within(0.2)); // N = 2000: sup error ~0.11 measured
    assertThat(PcaOracles.fixedPoints(model)).hasSize(4);
    assertThat(dir.resolve("limit.csv")).exists();
  }
}
