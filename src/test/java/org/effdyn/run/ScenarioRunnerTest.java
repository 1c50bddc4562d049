package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.effdyn.card.Scenario;
import org.effdyn.card.ScenarioException;
import org.effdyn.core.HasQuadratureError;
import org.effdyn.core.Regime;
import org.effdyn.core.Study;
import org.effdyn.solve.IntegrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every card in models/ and checks the runner's files, determinism and failure handling. */
class ScenarioRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static Stream<Path> cards() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("models"))) {
      List<Path> l = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(l).isNotEmpty();
      return l.stream();
    }
  }

  private static List<String> lines(Path p) throws IOException {
    return Files.readAllLines(p);
  }

  private static double[] row(String line) {
    return Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cards")
  void everyCardRunsAndWritesItsFiles(Path card) throws IOException {
    Scenario s = Scenario.load(card);
    Path out = tmp.resolve("out");
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(out));

    assertThat(r.files()).isNotEmpty().allSatisfy(f -> assertThat(f).isRegularFile().hasParent(out));
    try (Stream<Path> all = Files.list(out)) {
      assertThat(all.map(p -> p.getFileName().toString()).sorted().toList())
          .as("no temporary files left").containsExactlyInAnyOrderElementsOf(
              r.files().stream().map(p -> p.getFileName().toString()).toList());
    }
    JsonNode record = JSON.readTree(out.resolve("run.json").toFile());
    assertThat(record.get("model").asText()).isEqualTo(s.factory().name());
    assertThat(record.get("card").asText()).isEqualTo(card.toString());
    assertThat(record.get("regime").asText()).isEqualTo(s.regime().key());
    List<String> outputs = new ArrayList<>();
    record.get("outputs").forEach(n -> outputs.add(n.asText()));
    assertThat(outputs).containsExactlyElementsOf(r.files().stream().map(p -> p.getFileName().toString()).toList());
    if (s.output().chart()) assertThat(out.resolve("chart.png")).isNotEmptyFile();
    assertThat(record.get("card_sha256").asText()).isEqualTo(RunRecord.sha256(card)).hasSize(64);
    assertThat(record.get("dependencies").get("org.hipparchus:hipparchus-core").asText()).isNotEmpty();
    if (s.variants().get(0).model() instanceof Study<?>) return;   // no ODE layout: its own files, tested with the model

    for (int i = 0; i < s.variants().size(); i++) {
      Scenario.Variant v = s.variants().get(i);
      List<String> stats = v.model().initialLaw(s.regime()).layout().names();
      List<String> columns = new ArrayList<>(stats);
      v.model().derivedColumns().ifPresent(d -> columns.addAll(d.names()));
      JsonNode vr = record.get("variants").get(i);
      List<String> recorded = new ArrayList<>();   // the layout's block columns, then the derived ones: the CSV's
      vr.get("layout").get("blocks").forEach(b -> b.get("columns").forEach(c -> recorded.add(c.asText())));
      vr.get("layout").get("derived_columns").forEach(c -> recorded.add(c.asText()));
      assertThat(recorded).containsExactlyElementsOf(columns);
      assertThat(vr.get("params").get(s.variants().get(i).model().parameters().keySet().iterator().next())).isNotNull();
      if (s.regime() == Regime.BALLISTIC) {
        List<String> limit = lines(out.resolve("limit" + v.suffix() + ".csv"));
        assertThat(header(limit.get(0))).containsExactlyElementsOf(prefixed(columns, "t"));
        assertThat(limit).hasSize(s.grid().samples() + 1);
        double[] first = row(limit.get(1));
        assertThat(first[0]).isEqualTo(s.grid().t0());
        for (Map.Entry<String, Double> e : v.init().entrySet()) {
          assertThat(first[1 + stats.indexOf(e.getKey())]).as("limit starts at init %s", e.getKey()).isEqualTo(e.getValue());
        }
        for (int j = 0; j < stats.size(); j++) {
          assertThat(first[1 + j]).isEqualTo(vr.get("initial_state").get(stats.get(j)).asDouble());
        }
        assertThat(vr.get("solve").get("evaluations").asLong()).isPositive();
        if (v.model().limit(s.regime()) instanceof HasQuadratureError) {
          // a numerically integrated drift reports its estimated error at both ends of the solve
          assertThat(vr.get("quadrature_error").get("start").asDouble()).isFinite().isNotNegative();
          assertThat(vr.get("quadrature_error").get("end").asDouble()).isFinite().isNotNegative();
        }
      } else {
        List<String> ens = lines(out.resolve("ensemble" + v.suffix() + ".csv"));
        // parsed, since names with a comma (mtilde[1,1]) are quoted
        assertThat(header(ens.get(0)).subList(0, 3)).containsExactly("t", stats.get(0) + "_mean", stats.get(0) + "_std");
        assertThat(ens).hasSize(s.grid().samples() + 1);
        List<String> paths = lines(out.resolve("paths" + v.suffix() + ".csv"));
        assertThat(header(paths.get(0))).containsExactlyElementsOf(prefixed(columns, "path", "t"));
        int written = Math.min(ScenarioRunner.PATHS_WRITTEN, s.sde().paths());
        assertThat(paths).hasSize(written * s.grid().samples() + 1);
        double[] first = row(paths.get(1));
        for (Map.Entry<String, Double> e : v.init().entrySet()) {
          assertThat(first[2 + stats.indexOf(e.getKey())]).isEqualTo(e.getValue());
        }
        assertThat(vr.get("ensemble").get("failed").asInt()).isZero();
      }
      if (s.simulate() != null) {
        List<String> sgd = lines(out.resolve("sgd" + v.suffix() + ".csv"));
        assertThat(header(sgd.get(0))).containsExactlyElementsOf(prefixed(columns, "d", "seed", "t"));
        int runs = s.simulate().d().size() * s.simulate().seeds();
        assertThat(sgd).hasSize(runs * s.grid().samples() + 1);
        assertThat(sgd.get(1)).startsWith(s.simulate().d().get(0) + ",0," + s.grid().t0() + ",");
        assertThat(vr.get("sgd").get("failed").asInt()).isZero();
        Path limitSgd = out.resolve("limit-sgd" + v.suffix() + ".csv");
        if (s.regime() == Regime.BALLISTIC && s.simulate().limitStart() == Scenario.LimitStart.MEASURED) {
          // one limit per SGD run, from its measured start: the same t = 0 rows as sgd.csv
          List<String> lim = lines(limitSgd);
          assertThat(lim.get(0)).isEqualTo(sgd.get(0));
          assertThat(lim).hasSize(sgd.size());
          for (int k = 1; k < sgd.size(); k += s.grid().samples()) assertThat(lim.get(k)).isEqualTo(sgd.get(k));
          JsonNode errs = vr.get("sgd").get("limit_sgd").get("sup_error");
          assertThat(errs).hasSize(s.simulate().d().size());
          errs.forEach(e -> e.get("sup_error").forEach(x -> assertThat(x.asDouble()).isFinite().isNotNegative()));
        } else {
          assertThat(limitSgd).doesNotExist();
        }
      }
    }
  }

  /** Spiked matrix PCA: (m, r2perp) -> (sqrt(lambda - c_delta), c_delta) = (1, 1); the slowest linear rate is 8. */
  @Test
  void pcaMatrixReachesItsFixedPoint() throws IOException {
    Scenario s = Scenario.load(Path.of("models/pca-matrix.yaml"));
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp));
    List<String> limit = lines(tmp.resolve("limit.csv"));
    double[] last = row(limit.get(limit.size() - 1));
    assertThat(last[0]).isEqualTo(2.0);
    assertThat(last[1]).isCloseTo(1.0, within(1e-3));
    assertThat(last[2]).isCloseTo(1.0, within(1e-3));
    assertThat(r.variants().get(0).limit().finalState()[0]).isEqualTo(last[1]);
  }

  /** pca-tensor3: the unstable root of 4m = (1 + m^2)^2 (about 0.2956) separates m -> 0 from m -> 1. */
  @Test
  void pcaTensor3VariantsFallAndRecover() {
    Scenario s = Scenario.load(Path.of("models/pca-tensor3.yaml"));
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp));
    assertThat(r.variants().get(0).limit().finalState()[0]).isCloseTo(0.0, within(0.02));
    assertThat(r.variants().get(1).limit().finalState()[0]).isCloseTo(1.0, within(1e-3));
  }

  private Scenario small(String extra, Regime regime) {
    String body = regime == Regime.BALLISTIC
        ? "model: pca\nparams: {k: 2, lambda: 2.0}\ninit: {m: 0.3}\ntime: {end: 0.5, samples: 11}\n"
        : "model: pca\nparams: {k: 2, lambda: 1.5}\nregime: diffusive\ntime: {end: 0.5, samples: 11}\n"
            + "sde: {dt: 0.01, paths: 30, seed: 3}\n";
    return Scenario.parse(body + extra, "small.yaml");
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws IOException {
    Scenario s = small("simulate: {d: [50, 80], seeds: 3, seed: 2}\n", Regime.DIFFUSIVE);
    ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("one")).withThreads(1));
    ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("four")).withThreads(4));
    for (String f : List.of("ensemble.csv", "paths.csv", "sgd.csv")) {
      assertThat(Files.readString(tmp.resolve("four").resolve(f))).as(f)
          .isEqualTo(Files.readString(tmp.resolve("one").resolve(f)));
    }
  }

  @Test
  void limitsFromTheSgdStartsDoNotDependOnTheThreadCount() throws IOException {
    Scenario s = small("simulate: {d: [50, 80], seeds: 3, seed: 2}\noutput: {chart: false}\n", Regime.BALLISTIC);
    ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("one")).withThreads(1));
    ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("four")).withThreads(4));
    for (String f : List.of("limit.csv", "sgd.csv", "limit-sgd.csv", "run.json")) {
      String a = Files.readString(tmp.resolve("one").resolve(f));
      String b = Files.readString(tmp.resolve("four").resolve(f));
      if (f.equals("run.json")) {   // wall times and threads differ; the sup-errors must not
        a = JSON.readTree(a).get("variants").get(0).get("sgd").get("limit_sgd").toString();
        b = JSON.readTree(b).get("variants").get(0).get("sgd").get("limit_sgd").toString();
      }
      assertThat(b).as(f).isEqualTo(a);
    }
  }

  /** Each limit of limit-sgd.csv starts at its SGD run's measured state to the last bit; the record holds the sup-errors. */
  @Test
  void eachRunsLimitStartsAtItsMeasuredStartAndItsSupErrorIsRecorded() throws IOException {
    Scenario s = small("simulate: {d: [50, 80], seeds: 3, seed: 2}\noutput: {chart: false}\n", Regime.BALLISTIC);
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp));
    ScenarioRunner.VariantResult v = r.variants().get(0);
    SgdLimits lim = v.sgdLimits();
    assertThat(lim.mode()).isEqualTo(Scenario.LimitStart.MEASURED);
    assertThat(lim.blocks()).hasSize(v.sgd().size());
    assertThat(lim.solves()).isEqualTo(6);   // r2perp is measured: every start differs
    for (int k = 0; k < v.sgd().size(); k++) {
      ScenarioRunner.SgdRun run = v.sgd().get(k);
      SgdLimits.Block b = lim.blocks().get(k);
      assertThat(b.d()).isEqualTo(run.d());
      assertThat(b.seedIndex()).isEqualTo(run.seedIndex());
      double[] a = run.trajectory().state(0);
      double[] c = b.limit().state(0);
      for (int j = 0; j < a.length; j++) assertThat(Double.doubleToRawLongBits(c[j])).isEqualTo(Double.doubleToRawLongBits(a[j]));
      assertThat(b.limit().times()).containsExactly(run.trajectory().times());
    }
    // run.json: per d and statistic, the mean over seeds of sup_t |SGD - its limit|
    JsonNode errs = JSON.readTree(tmp.resolve("run.json").toFile()).get("variants").get(0).get("sgd").get("limit_sgd");
    assertThat(errs.get("start").asText()).isEqualTo("measured");
    assertThat(errs.get("solves").asInt()).isEqualTo(6);
    for (int di = 0; di < 2; di++) {
      JsonNode e = errs.get("sup_error").get(di);
      assertThat(e.get("d").asInt()).isEqualTo(List.of(50, 80).get(di));
      assertThat(e.get("runs").asInt()).isEqualTo(3);
      for (String stat : List.of("m", "r2perp")) {
        double sum = 0;
        for (int k = 0; k < v.sgd().size(); k++) {
          if (v.sgd().get(k).dIndex() != di) continue;
          double[] x = v.sgd().get(k).trajectory().column(stat);
          double[] y = lim.blocks().get(k).limit().column(stat);
          double sup = 0;
          for (int i = 0; i < x.length; i++) sup = Math.max(sup, Math.abs(x[i] - y[i]));
          sum += sup;
        }
        assertThat(e.get("sup_error").get(stat).asDouble()).isCloseTo(sum / 3, within(1e-15));
      }
    }
    JsonNode sim = JSON.readTree(tmp.resolve("run.json").toFile()).get("simulate");
    assertThat(sim.get("limit_start").asText()).isEqualTo("measured");
  }

  /** single-index with m planted: every run starts at m = 0.3 exactly, so one solve serves all runs. */
  @Test
  void runsWithTheSameStartShareOneSolve() {
    Scenario s = Scenario.parse("model: single-index\nparams: {loss: pca, lambda: 2.0, delta: 0.5}\ninit: {m: 0.3}\n"
        + "time: {end: 0.5, samples: 11}\nsimulate: {d: [50, 80], seeds: 2}\noutput: {chart: false}\n", "si.yaml");
    SgdLimits lim = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp)).variants().get(0).sgdLimits();
    assertThat(lim.solves()).isEqualTo(1);
    assertThat(lim.blocks()).hasSize(4);
    assertThat(lim.blocks().get(3).limit()).isSameAs(lim.blocks().get(0).limit());
  }

  @Test
  void meanStartGivesOneLimitPerD() throws IOException {
    Scenario s = small("simulate: {d: [50, 80], seeds: 3, seed: 2, limit_start: mean}\noutput: {chart: false}\n",
        Regime.BALLISTIC);
    ScenarioRunner.VariantResult v = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp)).variants().get(0);
    List<String> lim = lines(tmp.resolve("limit-sgd.csv"));
    assertThat(header(lim.get(0))).containsExactly("d", "t", "m", "r2perp");
    assertThat(lim).hasSize(2 * 11 + 1);
    for (int di = 0; di < 2; di++) {
      double mean = 0;
      for (ScenarioRunner.SgdRun run : v.sgd()) if (run.dIndex() == di) mean += run.trajectory().state(0)[1];
      double[] first = row(lim.get(1 + 11 * di));
      assertThat(first[0]).isEqualTo(List.of(50.0, 80.0).get(di));
      assertThat(first[3]).isEqualTo(mean / 3);
    }
    assertThat(v.sgdLimits().supError()).allSatisfy(e -> assertThat(e.runs()).isEqualTo(3));
  }

  /** Runs s into tmp, checks that it solved no limits from the SGD starts and wrote no limit-sgd.csv; returns run.json. */
  private JsonNode runWithoutLimitSgd(Scenario s) throws IOException {
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp));
    assertThat(r.variants().get(0).sgdLimits()).isNull();
    assertThat(tmp.resolve("limit-sgd.csv")).doesNotExist();
    return JSON.readTree(tmp.resolve("run.json").toFile());
  }

  @Test
  void cardStartWritesNoLimitSgd() throws IOException {
    JsonNode rec = runWithoutLimitSgd(small("simulate: {d: [50], seeds: 2, limit_start: card}\noutput: {chart: false}\n",
        Regime.BALLISTIC));
    assertThat(rec.get("simulate").get("limit_start").asText()).isEqualTo("card");
    assertThat(rec.get("variants").get(0).get("sgd").has("limit_sgd")).isFalse();
  }

  /** The diffusive regime compares SGD with its SDE ensemble, as before: no limits from SGD starts. */
  @Test
  void diffusiveCardsKeepTheirComparison() throws IOException {
    JsonNode rec = runWithoutLimitSgd(small("simulate: {d: [50], seeds: 2}\noutput: {chart: false}\n", Regime.DIFFUSIVE));
    assertThat(rec.get("simulate").has("limit_start")).isFalse();
  }

  @Test
  void eventsGoToTheRunRecord() throws IOException {
    Scenario s = small("events: [{statistic: m, level: 0.5, action: record}]\noutput: {chart: false, csv: false}\n",
        Regime.BALLISTIC);
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp));
    assertThat(r.files()).containsExactly(tmp.resolve("run.json"));
    JsonNode ev = JSON.readTree(tmp.resolve("run.json").toFile()).get("variants").get(0).get("events");
    assertThat(ev).hasSize(1);
    assertThat(ev.get(0).get("state").get("m").asDouble()).isCloseTo(0.5, within(1e-8));
    assertThat(ev.get(0).get("t").asDouble()).isBetween(0.0, 0.5);
  }

  @Test
  void aFailedSolveWritesNothingAndRemovesTheDirectoryItMade() {
    // r2perp < 0 makes R^2 < 0 and the r-equation blows up in finite time
    Scenario s = Scenario.parse("model: pca\nparams: {lambda: 2}\ninit: {m: 0, r2perp: -2}\ntime: {end: 10}\n",
        "blow.yaml");
    Path out = tmp.resolve("a/b");
    IntegrationException e = catchThrowableOfType(IntegrationException.class,
        () -> ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(out)));
    assertThat(e).isNotNull();
    assertThat(tmp.resolve("a")).doesNotExist();
  }

  @Test
  void anUnwritableOutputDirectoryFailsBeforeRunning() throws IOException {
    Path file = Files.writeString(tmp.resolve("plain.txt"), "x");
    Scenario s = small("", Regime.BALLISTIC);
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(file.resolve("out"))));
    assertThat(e.field()).isEqualTo("--out");
    assertThat(e.getMessage()).contains(file.resolve("out").toString()).contains("not a directory");
    assertThat(file).hasContent("x");

    Path card = Files.writeString(tmp.resolve("c.yaml"),
        "model: pca\nparams: {lambda: 2}\ntime: {end: 1}\noutput:\n  dir: " + file.resolve("sub/out") + "\n");
    ScenarioException f = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioRunner.run(Scenario.load(card, "c.yaml"), ScenarioRunner.Options.defaults()));
    assertThat(f.getMessage()).startsWith("c.yaml:5: output.dir: cannot create output directory");
    try (Stream<Path> l = Files.list(tmp)) {
      assertThat(l.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("plain.txt", "c.yaml");
    }
  }

  /** A CSV header line split by a real CSV parser (names such as Rperp[1,2] are quoted). */
  static List<String> header(String line) throws java.io.IOException {
    try (com.fasterxml.jackson.databind.MappingIterator<String[]> it = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
        .enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(String[].class).readValues(line)) {
      return List.of(it.next());
    }
  }

  static List<String> prefixed(List<String> columns, String... keys) {
    List<String> l = new ArrayList<>(List.of(keys));
    l.addAll(columns);
    return l;
  }
}
