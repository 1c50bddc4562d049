package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.card.Scenario;
import org.effdyn.card.ScenarioException;
import org.effdyn.core.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry points of the Python package: the same numbers as the files, tables as one buffer. */
class ApiTest {
  private static final String CARD = """
      model: pca
      params: {k: 2, lambda: 2.0, c_delta: 1.0}
      init: {m: 0.3}
      time: {start: 0, end: 1.0, samples: 11}
      simulate: {d: [200, 400], seeds: 2, seed: 1}
      """;

  @TempDir Path tmp;

  private static double[] all(DoubleBuffer b) {
    double[] a = new double[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  private static void assertRowsOf(Trajectory t, DoubleBuffer b) {
    int w = Api.columns(t).size();
    assertThat(b.isDirect()).isTrue();
    assertThat(b.order()).isEqualTo(ByteOrder.nativeOrder());
    assertThat(b.remaining()).isEqualTo(t.size() * w);
    double[] a = all(b);
    for (int i = 0; i < t.size(); i++) {
      assertThat(java.util.Arrays.copyOfRange(a, i * w, (i + 1) * w)).containsExactly(t.row(i));
    }
  }

  @Test
  void inMemoryRunHasTheNumbersOfTheWrittenRun() throws IOException {
    Scenario s = Api.card(CARD, "<card>");
    Api.Computed mem = Api.run(s, null, 2);
    Api.Computed disk = Api.run(s, tmp.resolve("out").toString(), 1);

    assertThat(mem.files()).isEmpty();
    assertThat(disk.files()).extracting(p -> p.getFileName().toString()).contains("limit.csv", "sgd.csv", "run.json");
    ScenarioRunner.VariantResult m = mem.variants().get(0), d = disk.variants().get(0);
    assertThat(all(Api.table(m.limit()))).containsExactly(all(Api.table(d.limit())));
    assertRowsOf(m.limit(), Api.table(m.limit()));
    assertThat(Api.columns(m.limit())).containsExactly("t", "m", "r2perp");

    List<Api.Keyed> sgd = Api.sgd(m);
    assertThat(sgd).extracting(Api.Keyed::d, Api.Keyed::seed).containsExactly(
        org.assertj.core.groups.Tuple.tuple(200, 0), org.assertj.core.groups.Tuple.tuple(200, 1),
        org.assertj.core.groups.Tuple.tuple(400, 0), org.assertj.core.groups.Tuple.tuple(400, 1));
    for (int i = 0; i < sgd.size(); i++) {
      assertThat(all(Api.table(sgd.get(i).trajectory()))).containsExactly(all(Api.table(Api.sgd(d).get(i).trajectory())));
    }
    assertThat(Api.limitSgd(m)).hasSize(4);

    JsonNode rec = new ObjectMapper().readTree(mem.record());
    JsonNode written = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
    assertThat(rec.get("outputs")).isEmpty();
    assertThat(rec.get("card").asText()).isEqualTo("<card>");
    assertThat(rec.get("variants").get(0).get("layout")).isEqualTo(written.get("variants").get(0).get("layout"));
    assertThat(rec.get("variants").get(0).get("initial_state")).isEqualTo(written.get("variants").get(0).get("initial_state"));
  }

  @Test
  void ensembleSummaryHasTheColumnsOfEnsembleCsv() throws IOException {
    Scenario s = Api.card("""
        model: pca
        params: {k: 2, lambda: 0.5, c_delta: 1.0}
        regime: diffusive
        time: {end: 0.5, samples: 6}
        sde: {dt: 1e-2, paths: 20, seed: 1}
        """, "<card>");
    ScenarioRunner.VariantResult v = Api.run(s, tmp.toString(), 1).variants().get(0);
    List<String> header = List.of(Files.readAllLines(tmp.resolve("ensemble.csv")).get(0).split(","));
    assertThat(Api.columns(v.summary())).containsExactlyElementsOf(header);
    DoubleBuffer b = Api.table(v.summary());
    assertThat(b.remaining()).isEqualTo(6 * header.size());
    String[] row1 = Files.readAllLines(tmp.resolve("ensemble.csv")).get(2).split(",");
    for (int j = 0; j < row1.length; j++) assertThat(b.get(header.size() + j)).isEqualTo(Double.parseDouble(row1[j]));
  }

  @Test
  void badCardsAreTheLibrarysExceptions() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> Api.card("model: pca\nparams: {lambda: .nan}\ntime: {end: 1}\n", "effdyn.solve"));
    assertThat(e.field()).isEqualTo("params.lambda");
    assertThat(e.getMessage()).startsWith("effdyn.solve:2: params.lambda: ");

    Scenario study = Api.card("model: sample-complexity\n", "<card>");
    IllegalArgumentException s = catchThrowableOfType(IllegalArgumentException.class, () -> Api.run(study, null, 1));
    assertThat(s).hasMessageContaining("give an output directory");
  }

  @Test
  void sweepWritesWhatTheCommandWrites() {
    Scenario s = Api.card("""
        model: pca
        params: {k: 2, lambda: 2.0, c_delta: 1.0}
        init: {m: 0.3}
        time: {end: 1.0, samples: 11}
        output: {chart: false}
        """, "<card>");
    Sweep.Result r = Api.sweep(s, List.of("lambda=1:2:2"), tmp.resolve("sweep").toString(), 1);
    assertThat(r.outcomes()).hasSize(2).allMatch(Sweep.Outcome::ok);
    assertThat(r.summaryCsv()).isRegularFile();
  }

  @Test
  void jsonWritesNonFiniteNumbersAsRunJsonDoes() {
    assertThat(Api.json(java.util.Map.of("x", List.of(1.5, Double.NaN)))).isEqualTo("{\"x\":[1.5,\"NaN\"]}");
  }
}
