package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long-format CSV: names with commas are quoted and read back intact. */
class OutputsTest {
  @TempDir Path tmp;

  @Test
  void sgdFileQuotesCommaNamesAndRoundTrips() throws IOException {
    StateLayout layout = StateLayout.builder().scalar("m").symmetric("Rperp", 2).build();
    double[] times = {0.0, 0.5};
    double[][] a = {{0.1, 1, 0.2, 1}, {0.3, 0.9, 0.25, 0.8}};
    double[][] b = {{0.4, 2, 0.1, 2}, {0.6, 1.9, 0.15, 1.8}};
    List<ScenarioRunner.SgdRun> runs = List.of(
        new ScenarioRunner.SgdRun(100, 0, 0, new Trajectory(layout, times, a, SolveStats.NONE)),
        new ScenarioRunner.SgdRun(100, 0, 1, new Trajectory(layout, times, b, SolveStats.NONE)));
    Path f = tmp.resolve("sgd.csv");
    Outputs.writeSgd(f, runs);
    List<String> lines = Files.readAllLines(f);
    assertThat(lines.get(0)).isEqualTo("d,seed,t,m,\"Rperp[1,1]\",\"Rperp[1,2]\",\"Rperp[2,2]\"");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(4)).isEqualTo("100,1,0.5,0.6,1.9,0.15,1.8");

    try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(List.class).readValues(f.toFile())) {
      List<List<String>> rows = it.readAll();
      assertThat(rows.get(0)).containsExactly("d", "seed", "t", "m", "Rperp[1,1]", "Rperp[1,2]", "Rperp[2,2]");
    }
  }
}
