package org.effdyn.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.effdyn.run.validate.ValidationSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationCaseTest {
  static final String CASE = String.join("\n",
      "model: pca",
      "params: {k: 2, lambda: 2.0, c_delta: 1.0}",
      "plant: {m: 0.3}",
      "time: {end: 2.0, samples: 51}",
      "dims: {quick: [100, 400], full: [100, 400, 1600]}",
      "seeds: {quick: 3, full: 5}",
      "expect: {rate: -0.5, band: 0.25}",
      "");

  @TempDir Path tmp;

  ValidationCase load(String text) throws IOException {
    return ValidationCase.load(Files.writeString(tmp.resolve("c.yaml"), text));
  }

  @Test
  void readsACase() throws IOException {
    ValidationCase c = load(CASE);
    assertThat(c.name()).isEqualTo("c");
    assertThat(c.dims(false)).containsExactly(100, 400);
    assertThat(c.dims(true)).containsExactly(100, 400, 1600);
    assertThat(c.seeds(true)).isEqualTo(5);
    assertThat(c.statistics()).containsExactly("m", "r2perp");
    assertThat(c.metric()).isEqualTo(ValidationCase.Metric.SUP_ERROR);
  }

  @Test
  void everyShippedCaseLoads() {
    for (String n : ValidationSuite.names(Path.of("validation"))) {
      assertThat(ValidationCase.load(Path.of("validation", n + ".yaml")).name()).isEqualTo(n);
    }
    assertThat(ValidationSuite.names(Path.of("validation"))).contains("pca-matrix", "pca-tensor3", "pca-bbp-diffusive", "kgmm-k3");
  }

  @Test
  void badInputNamesTheField() {
    Object[][] cases = {
        {CASE.replace("[100, 400]", "[1, 400]"), "dims.quick[0]: dimension must be >= 2, got 1"},
        {CASE.replace("[100, 400]", "[400]"), "dims.quick: must be a list of at least 2 dimensions"},
        {CASE.replace("[100, 400]", "[400, 100]"), "dims.quick[1]: dimensions must increase"},
        {CASE.replace("lambda: 2.0", "lambda: .nan"), "c.yaml:2: params.lambda: must be > 0 and finite, got NaN"},
        {CASE.replace("lambda: 2.0", "lambda: 2.0, gamma: 1"), "params.gamma: unknown parameter"},
        {CASE.replace("model: pca", "model: nope"), "model: unknown model 'nope'"},
        {CASE + "statistics: [q]\n", "statistics: unknown statistic 'q'"},
        {CASE + "dimz: 3\n", "dimz: unknown key"},
        {CASE.replace("band: 0.25", "bnd: 0.25"), "c.yaml:7: expect.bnd: unknown key 'bnd'; valid keys of expect: rate, band (did you mean 'band'?)"},
        {CASE.replace("quick: 3", "quick: three"), "c.yaml:6: seeds.quick: must be an integer, got 'three'"},
        {CASE.replace("band: 0.25", "band: -1"), "expect.band: must be > 0"},
        {CASE.replace("samples: 51", "samples: 1"), "c.yaml:4: time.samples: must be >= 2, got 1"},
        {CASE + "oracles: [{kind: fold, parameter: lambda, value: 1, tolerance: 0.1}]\n", "oracles[0].start: required"},
    };
    for (Object[] k : cases) {
      assertThatThrownBy(() -> load((String) k[0])).as((String) k[1]).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining((String) k[1]);
    }
  }

  static final String DMF = String.join("\n",
      "model: dmf",
      "params: {loss: softplus_sq, alpha: 2, paths: 2000, replicas: 2}",
      "time: {end: 9, samples: 10}",
      "dims: {quick: [100, 400]}",
      "seeds: {quick: 3}",
      "expect: {rate: -0.5, band: 0.3}",
      "");

  @Test
  void readsAnIterationCase() throws IOException {
    ValidationCase c = load(DMF);
    assertThat(c.metric()).isEqualTo(ValidationCase.Metric.ITERATION);
    assertThat(c.grid().samples()).isEqualTo(10);
    assertThat(c.dims(true)).containsExactly(100, 400);
    assertThat(c.statistics()).containsExactly("loss_train", "err_train", "loss_test", "err_test", "beta[1]", "beta[2]",
        "theta2", "alpha[1]", "alpha[2]", "Vomega");
    assertThat(c.maxZ()).isNaN();
    assertThat(load(DMF.replace("band: 0.3", "band: 0.3, bias_z: 4")).maxZ()).isEqualTo(4);
  }

  @Test
  void badIterationInputNamesTheField() {
    Object[][] cases = {
        {DMF.replace("end: 9", "end: 10"), "c.yaml:3: time.end: model 'dmf' runs on the iteration grid l = 0..L-1: end must be samples - 1 = 9, got 10"},
        {DMF.replace("time: {end: 9, samples: 10}", "time: {samples: 10}"), "time: needs end and samples"},
        {DMF + "regime: ballistic\n", "regime: does not apply to model 'dmf'"},
        {DMF + "plant: {m: 1}\n", "plant: does not apply"},
        {DMF + "statistics: [loss]\n", "statistics: unknown statistic 'loss'; known: loss_train"},
        {DMF.replace("band: 0.3", "band: 0.3, bias_z: -1"), "expect.bias_z: must be > 0"},
        {DMF.replace("band: 0.3", "band: 0.3, max_z: 4"), "expect.max_z: unknown key"},
        {DMF.replace("[100, 400]", "[400]"), "dims.quick: must be a list of at least 2 dimensions"},
        {DMF.replace("seeds: {quick: 3}", "seeds: {quick: 1}"), "seeds.quick: must be >= 2"},
        {DMF.replace("paths: 2000", "paths: -5"), "params.paths"},
    };
    for (Object[] k : cases) {
      assertThatThrownBy(() -> load((String) k[0])).as((String) k[1]).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining((String) k[1]);
    }
  }
}
