package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.card.Scenario;
import org.effdyn.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code dmf} card model: files, determinism across threads, card errors. */
class DmfModelTest {
  @TempDir Path tmp;

  static final String CARD = "model: dmf\n"
      + "params: {loss: softplus_sq, alpha: 2, algorithm: heavy_ball, eta: 0.4, s: 0.3, paths: 3000, replicas: 3}\n"
      + "time: {start: 0, end: 7, samples: 8}\n"
      + "simulate: {d: [60, 120], seeds: 2, seed: 5}\n";

  @Test
  void writesTablesKernelsAndChartsIdenticallyAtAnyThreadCount() throws IOException {
    Scenario s = Scenario.parse(CARD, "dmf-small.yaml");
    ScenarioRunner.Result one = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("one")).withThreads(1));
    ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("two")).withThreads(2));
    assertThat(one.files().stream().map(p -> p.getFileName().toString()).toList()).containsExactly(
        "dmf.csv", "dmf-se.csv", "Vtheta.csv", "Vomega.csv", "Btheta.csv", "Lambdatilde.csv", "sim.csv",
        "kernels.png", "chart.png", "run.json");
    for (String f : List.of("dmf.csv", "dmf-se.csv", "Vtheta.csv", "Btheta.csv", "sim.csv")) {
      assertThat(Files.readString(tmp.resolve("two").resolve(f))).as(f)
          .isEqualTo(Files.readString(tmp.resolve("one").resolve(f)));
    }
    List<String> table = Files.readAllLines(tmp.resolve("one").resolve("dmf.csv"));
    assertThat(table.get(0)).isEqualTo("l,loss_train,err_train,loss_test,err_test,beta[0],beta[1],theta2,"
        + "alpha[0],alpha[1],Vomega");
    assertThat(table).hasSize(9);
    assertThat(table.get(1)).startsWith("0,");
    List<String> vt = Files.readAllLines(tmp.resolve("one").resolve("Vtheta.csv"));
    assertThat(vt).hasSize(8).allSatisfy(line -> assertThat(line.split(",")).hasSize(8));
    assertThat(Double.parseDouble(vt.get(0).split(",")[0])).isEqualTo(0.01, org.assertj.core.data.Offset.offset(1e-15));
    List<String> sim = Files.readAllLines(tmp.resolve("one").resolve("sim.csv"));
    assertThat(sim).hasSize(1 + 2 * 2 * 8);
    assertThat(sim.get(1)).startsWith("60,0,0,");
    assertThat(Files.readString(tmp.resolve("one").resolve("run.json"))).contains("\"iterations\" : 8");
  }

  @Test
  void affineCardsUseTheExactSweep() {
    Scenario s = Scenario.parse("model: dmf\nparams: {loss: linear_sq}\ntime: {end: 19, samples: 20}\n"
        + "output: {csv: false, chart: false}\n", "lin.yaml");
    ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withOutDir(tmp));
    assertThat(r.record().toString()).contains("exact affine sweep");
    // reference table A (ExactSweepTest.tableAGd): GD train loss at l = 19
    @SuppressWarnings("unchecked")
    var fin = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
        ((List<?>) r.record().get("variants")).get(0)).get("final");
    assertThat((double) fin.get("loss_train")).isCloseTo(0.143878150928, org.assertj.core.data.Offset.offset(1e-10));
  }

  @Test
  void cardErrorsNameTheField() {
    assertThatThrownBy(() -> Scenario.parse("model: dmf\nparams: {algorithm: adam}\ntime: {end: 9, samples: 10}\n", "x.yaml"))
        .hasMessageContaining("adam");
    assertThatThrownBy(() -> Scenario.parse("model: dmf\nparams: {alpha: -1}\ntime: {end: 9, samples: 10}\n", "x.yaml"))
        .hasMessageContaining("alpha").hasMessageContaining("-1");
    assertThatThrownBy(() -> Scenario.parse("model: dmf\ninit: {m: 1}\ntime: {end: 9, samples: 10}\n", "x.yaml"))
        .hasMessageContaining("init");
    Scenario bad = Scenario.parse("model: dmf\ntime: {end: 1, samples: 10}\n", "x.yaml");
    assertThatThrownBy(() -> ScenarioRunner.run(bad, ScenarioRunner.Options.defaults().withOutDir(tmp.resolve("b"))))
        .hasMessageContaining("time").hasMessageContaining("end: L-1");
    assertThat(tmp.resolve("b")).doesNotExist();
  }
}
