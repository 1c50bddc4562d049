package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.effdyn.core.SolveStats;
import org.effdyn.core.Trajectory;
import org.effdyn.core.TrajectoryTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV/JSON files of a {@link Trajectory} ({@link Outputs}). Numbers are compared exactly: Jackson
 * writes doubles with Double.toString, which round-trips.
 */
class TrajectoryFilesTest {
  @TempDir Path dir;

  /** The trajectory of {@link TrajectoryTest#sample()}: three rows, a symmetric block and a derived column. */
  static Trajectory sample() {
    return TrajectoryTest.sample();
  }

  @Test
  void csvHeaderQuotesBracketedNamesAndParsesBack() throws IOException {
    Path f = dir.resolve("out/traj.csv");
    Outputs.writeCsv(f, sample());
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("t,m,\"Rperp[1,1]\",\"Rperp[1,2]\",\"Rperp[2,2]\",err");
    assertThat(lines).hasSize(4);

    CsvMapper csv = new CsvMapper();
    csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> rows;
    try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(f.toFile())) {
      rows = it.readAll();
    }
    assertThat(rows.get(0)).containsExactly("t", "m", "Rperp[1,1]", "Rperp[1,2]", "Rperp[2,2]", "err");
    Trajectory tr = sample();
    for (int i = 0; i < 3; i++) {
      String[] r = rows.get(i + 1);
      assertThat(Double.parseDouble(r[0])).isEqualTo(tr.time(i));
      for (int k = 0; k < 4; k++) assertThat(Double.parseDouble(r[1 + k])).isEqualTo(tr.state(i)[k]);
      assertThat(Double.parseDouble(r[5])).isEqualTo(tr.column("err")[i]);
    }

    // and through a header schema, by column name
    try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(f.toFile())) {
      List<Map<String, String>> byName = it.readAll();
      assertThat(byName).hasSize(3);
      assertThat(Double.parseDouble(byName.get(2).get("Rperp[1,2]"))).isEqualTo(22.25);
    }
  }

  @Test
  void jsonIsReadableByJackson() throws IOException {
    Path f = dir.resolve("traj.json");
    Trajectory tr = sample();
    Outputs.writeJson(f, tr);
    JsonNode doc = new ObjectMapper().readTree(f.toFile());
    assertThat(doc.get("columns")).extracting(JsonNode::asText)
        .containsExactly("t", "m", "Rperp[1,1]", "Rperp[1,2]", "Rperp[2,2]", "err");
    JsonNode rows = doc.get("rows");
    assertThat(rows.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(rows.get(i).get(0).asDouble()).isEqualTo(tr.time(i));
      for (int k = 0; k < 4; k++) assertThat(rows.get(i).get(1 + k).asDouble()).isEqualTo(tr.state(i)[k]);
      assertThat(rows.get(i).get(5).asDouble()).isEqualTo(tr.column("err")[i]);
    }
    assertThat(doc.get("stats").get("evaluations").asLong()).isEqualTo(42);
    assertThat(doc.get("stats").get("acceptedSteps").asLong()).isEqualTo(7);
    assertThat(doc.get("provenance").get("seed").asLong()).isEqualTo(7);
    assertThat(doc.get("events").isArray()).isTrue();
  }

  @Test
  void jsonWritesEvents() throws IOException {
    Trajectory base = sample();
    Trajectory tr = new Trajectory(base.layout(), base.times(), new double[][] {base.state(0), base.state(1),
        base.state(2)}, List.of(), new double[3][0],
        List.of(new Trajectory.EventRecord("m=0.5", 0.75, new double[] {0.5, 1, 2, 3})), SolveStats.NONE,
        Map.of());
    Path f = dir.resolve("ev.json");
    Outputs.writeJson(f, tr);
    JsonNode ev = new ObjectMapper().readTree(f.toFile()).get("events").get(0);
    assertThat(ev.get("name").asText()).isEqualTo("m=0.5");
    assertThat(ev.get("t").asDouble()).isEqualTo(0.75);
    assertThat(ev.get("state").get(0).asDouble()).isEqualTo(0.5);
  }

  @Test
  void atomicWriteLeavesOnlyTheTarget() throws IOException {
    Outputs.writeCsv(dir.resolve("a.csv"), sample());
    Outputs.writeJson(dir.resolve("a.json"), sample());
    // overwrite: still one file each, no temporary sibling left behind
    Outputs.writeCsv(dir.resolve("a.csv"), sample());
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.csv", "a.json");
    }
  }

  @Test
  void unwritableLocationThrowsNamingTheFileAndLeavesNothing() throws IOException {
    Path notADir = dir.resolve("plain");
    Files.writeString(notADir, "x");
    Path target = notADir.resolve("traj.csv"); // parent is a regular file
    assertThatThrownBy(() -> Outputs.writeCsv(target, sample()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(target.toString());
    assertThatThrownBy(() -> Outputs.writeJson(notADir.resolve("traj.json"), sample()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("traj.json");
    assertThat(Files.isRegularFile(notADir)).isTrue();
    assertThat(Files.readString(notADir)).isEqualTo("x");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("plain");
    }
  }

  @Test
  void targetThatIsADirectoryFailsAndKeepsNoTemporaryFile() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep"), "k"); // non-empty: the rename cannot replace it
    assertThatThrownBy(() -> Outputs.writeCsv(target, sample()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(target.toString());
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("taken");
    }
    assertThat(Files.readString(target.resolve("keep"))).isEqualTo("k");
  }
}
