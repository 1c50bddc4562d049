package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.effdyn.card.Scenario;
import org.junit.jupiter.api.Test;

class PointKeyTest {
  static final String CARD = String.join("\n",
      "model: pca",
      "params: {lambda: 2}",
      "init: {m: 0.3}",
      "time: {end: 4, samples: 5}",
      "solver: {rtol: 1e-9}",
      "");

  static String key(String card, Map<String, Double> params) {
    return new PointKey(Scenario.parse(card, "m.yaml"), "code 1\n").of(params);
  }

  @Test
  void theSameInputsGiveTheSameKey() {
    String k = key(CARD, Map.of("lambda", 1.5));
    assertThat(k).matches("[0-9a-f]{64}").isEqualTo(key(CARD, Map.of("lambda", 1.5)));
    // comments and layout are not part of the card as read
    String reformatted = "# a comment\n" + CARD.replace("params: {lambda: 2}", "params:\n  lambda: 2   # swept");
    assertThat(key(reformatted, Map.of("lambda", 1.5))).isEqualTo(k);
    // the card's own value of a swept parameter is overridden, so it does not matter
    assertThat(key(CARD.replace("lambda: 2", "lambda: 3"), Map.of("lambda", 1.5))).isEqualTo(k);
  }

  @Test
  void everythingThatDeterminesThePointChangesItsKey() {
    String k = key(CARD, Map.of("lambda", 1.5));
    assertThat(key(CARD, Map.of("lambda", Math.nextUp(1.5)))).isNotEqualTo(k);
    assertThat(key(CARD.replace("rtol: 1e-9", "rtol: 1e-8"), Map.of("lambda", 1.5))).isNotEqualTo(k);
    assertThat(key(CARD.replace("m: 0.3", "m: 0.3, seed: 2"), Map.of("lambda", 1.5))).isNotEqualTo(k);
    assertThat(key(CARD.replace("params: {lambda: 2}", "params: {lambda: 2, c_delta: 1}"), Map.of("lambda", 1.5)))
        .as("a parameter written out at its default value is a different card text").isNotEqualTo(k);
    assertThat(new PointKey(Scenario.parse(CARD, "m.yaml"), "code 2\n").of(Map.of("lambda", 1.5))).isNotEqualTo(k);
  }

  @Test
  void theSeedOfTheEnsembleIsPartOfTheKey() {
    String sde = String.join("\n", "model: pca", "params: {lambda: 0.5}", "regime: diffusive",
        "time: {end: 0.5, samples: 11}", "sde: {dt: 1e-3, paths: 50, seed: 3}", "");
    assertThat(key(sde, Map.of("lambda", 1.0))).isNotEqualTo(key(sde.replace("seed: 3", "seed: 4"), Map.of("lambda", 1.0)));
  }

  @Test
  void theSidecarHoldsTheKeyAndTheCodeVersion() {
    String k = key(CARD, Map.of("lambda", 1.5));
    String side = PointKey.sidecar(k);
    assertThat(side).startsWith("{\"key\":\"" + k + "\",\"effdyn_version\":").endsWith("}\n").containsOnlyOnce("\n");
    assertThat(PointKey.read(side)).isEqualTo(k);
    assertThat(PointKey.read("")).isNull();
    assertThat(PointKey.read("{\"key\":\"" + k.substring(0, 10))).isNull();
    assertThat(PointKey.read("[1]")).isNull();
    assertThat(PointKey.code()).contains("effdyn_version=").contains("git_commit=");
  }
}
