package org.effdyn.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.core.Regime;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and validation of scenario cards: values, defaults, and errors naming file, line, field and value. */
class ScenarioTest {
  /** A valid card, one key per line so that each error has its own line. */
  static final String CARD = String.join("\n",
      "model: pca",                               // 1
      "params:",                                  // 2
      "  k: 2",                                   // 3
      "  lambda: 2.0",                            // 4
      "  c_delta: 1.0",                           // 5
      "regime: ballistic",                        // 6
      "init: {m: 0.3}",                           // 7
      "time:",                                    // 8
      "  start: 0",                               // 9
      "  end: 1",                                 // 10
      "  samples: 11",                            // 11
      "solver: {method: dormand-prince-54, rtol: 1e-8, atol: 1e-10}", // 12
      "") ;

  @TempDir Path dir;

  private Path card(String text) throws IOException {
    Path p = dir.resolve("card.yaml");
    Files.writeString(p, text);
    return p;
  }

  private ScenarioException error(String text) throws IOException {
    Path p = card(text);
    return catchThrowableOfType(ScenarioException.class, () -> Scenario.load(p, "cards/card.yaml"));
  }

  @Test
  void readsAValidCard() throws IOException {
    Scenario s = Scenario.load(card(CARD));
    assertThat(s.name()).isEqualTo("card");
    assertThat(s.regime()).isEqualTo(Regime.BALLISTIC);
    assertThat(s.variants()).hasSize(1);
    Scenario.Variant v = s.variants().get(0);
    assertThat(v.label()).isNull();
    assertThat(v.model()).isEqualTo(new SpikedPca(2, 2.0, 1.0));
    assertThat(v.init()).containsExactly(org.assertj.core.api.Assertions.entry("m", 0.3));
    assertThat(s.grid().samples()).isEqualTo(11);
    assertThat(s.grid().t1()).isEqualTo(1.0);
    assertThat(s.solver().method()).isEqualTo(OdeMethod.DORMAND_PRINCE_54);
    assertThat(s.solver().rtol()).isEqualTo(1e-8);
    assertThat(s.solver().atol()).isEqualTo(1e-10);
    assertThat(s.simulate()).isNull();
    assertThat(s.output().dir()).isEqualTo("out/card");
    assertThat(s.output().csv()).isTrue();
    assertThat(s.output().chart()).isTrue();
  }

  @Test
  void readsVariantsEventsSimulateAndDefaults() throws IOException {
    Scenario s = Scenario.load(card(String.join("\n",
        "model: pca",
        "params: {lambda: 2}",
        "init: {m: 0.2, seed: 5}",
        "time: {end: 2}",
        "events: [{statistic: m, level: 0.9, action: stop}]",
        "simulate: {d: 300, seeds: 2, seed: 9}",
        "variants:",
        "  - {label: a}",
        "  - {label: b, params: {lambda: 3}, init: {m: 0.4, r2perp: 0.5}}",
        "output: {dir: x/y, chart: false}")));
    assertThat(s.regime()).isEqualTo(Regime.BALLISTIC);
    assertThat(s.grid().samples()).isEqualTo(201);
    assertThat(s.initSeed()).isEqualTo(5);
    assertThat(s.events()).containsExactly(new Event("m=0.9", "m", 0.9, Event.Action.STOP));
    assertThat(s.simulate().d()).containsExactly(300);
    assertThat(s.simulate().seeds()).isEqualTo(2);
    assertThat(s.simulate().seed()).isEqualTo(9);
    assertThat(s.variants()).extracting(Scenario.Variant::label).containsExactly("a", "b");
    assertThat(s.variants().get(0).model()).isEqualTo(new SpikedPca(2, 2.0, 1.0));
    assertThat(s.variants().get(1).model()).isEqualTo(new SpikedPca(2, 3.0, 1.0));
    assertThat(s.variants().get(1).init()).containsEntry("m", 0.4).containsEntry("r2perp", 0.5);
    assertThat(s.variants().get(1).plant()).isEqualTo(s.variants().get(1).init());
    assertThat(s.variants().get(1).suffix()).isEqualTo("-b");
    assertThat(s.output().dir()).isEqualTo("x/y");
    assertThat(s.output().chart()).isFalse();
    assertThat(s.output().dirLine()).isEqualTo(10);
  }

  @Test
  void unknownModelListsTheKnownOnes() throws IOException {
    ScenarioException e = error(CARD.replace("model: pca", "model: pcaa"));
    assertThat(e.file()).isEqualTo("cards/card.yaml");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.field()).isEqualTo("model");
    assertThat(e.getMessage()).startsWith("cards/card.yaml:1: model: ").contains("'pcaa'").contains("known: pca");
  }

  @Test
  void unknownParameterIsNamedWithItsLine() throws IOException {
    ScenarioException e = error(CARD.replace("  c_delta: 1.0", "  c_delta: 1.0\n  lamda: 3"));
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.field()).isEqualTo("params.lamda");
    assertThat(e.getMessage()).contains("lambda").contains("c_delta");
  }

  @Test
  void nanLambdaIsRejected() throws IOException {
    ScenarioException e = error(CARD.replace("lambda: 2.0", "lambda: .nan"));
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("params.lambda");
    assertThat(e.getMessage()).isEqualTo("cards/card.yaml:4: params.lambda: must be > 0 and finite, got NaN");
  }

  @Test
  void negativeLambdaIsRejected() throws IOException {
    ScenarioException e = error(CARD.replace("lambda: 2.0", "lambda: -1"));
    assertThat(e.getMessage()).isEqualTo("cards/card.yaml:4: params.lambda: must be > 0 and finite, got -1.0");
  }

  @Test
  void negativeCDeltaIsRejected() throws IOException {
    ScenarioException e = error(CARD.replace("c_delta: 1.0", "c_delta: -0.5"));
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("params.c_delta");
    assertThat(e.getMessage()).contains("got -0.5");
  }

  @Test
  void tensorOrderOneIsRejected() throws IOException {
    ScenarioException e = error(CARD.replace("k: 2", "k: 1"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("params.k");
    assertThat(e.detail()).isEqualTo("must be >= 2, got 1");
  }

  @Test
  void aGridOfOneSampleIsRejected() throws IOException {
    ScenarioException e = error(CARD.replace("samples: 11", "samples: 1"));
    assertThat(e.line()).isEqualTo(11);
    assertThat(e.field()).isEqualTo("time.samples");
    assertThat(e.detail()).contains("got 1");
  }

  @Test
  void endNotAfterStartIsRejected() throws IOException {
    ScenarioException e = error(CARD.replace("start: 0", "start: 1.5"));
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.field()).isEqualTo("time.end");
    assertThat(e.detail()).contains("end=1.0").contains("start=1.5");
  }

  @Test
  void badIndentationGivesTheParserLine() throws IOException {
    ScenarioException e = error(CARD.replace("regime: ballistic", "regime: ballistic\n   oops: 1"));
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isNull();
    assertThat(e.getMessage()).startsWith("cards/card.yaml:7: malformed YAML").doesNotContain("\n");
  }

  @Test
  void unclosedBracketGivesTheParserLine() throws IOException {
    ScenarioException e = error(CARD.replace("init: {m: 0.3}", "init: {m: [0.3}"));
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.getMessage()).contains("malformed YAML").doesNotContain("\n");
  }

  @Test
  void unknownTopLevelKeyListsTheValidKeys() throws IOException {
    ScenarioException e = error(CARD + "simulat: {d: 100}\n");
    assertThat(e.line()).isEqualTo(13);
    assertThat(e.field()).isEqualTo("simulat");
    assertThat(e.detail()).contains("unknown key 'simulat'").contains("simulate").contains("did you mean 'simulate'");
  }

  @Test
  void unknownSubKeyListsTheValidKeys() throws IOException {
    ScenarioException e = error(CARD.replace("rtol: 1e-8", "rtoll: 1e-8"));
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.field()).isEqualTo("solver.rtoll");
    assertThat(e.detail()).contains("rtol, atol").contains("did you mean 'rtol'");
  }

  @Test
  void unknownStatisticInInitListsTheLayout() throws IOException {
    ScenarioException e = error(CARD.replace("init: {m: 0.3}", "init: {mtilde: 0.3}"));
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isEqualTo("init.mtilde");
    assertThat(e.detail()).contains("m, r2perp");
  }

  @Test
  void solverErrorsNameTheSolverKey() throws IOException {
    assertThat(error(CARD.replace("rtol: 1e-8", "rtol: -1e-8")).getMessage())
        .isEqualTo("cards/card.yaml:12: solver.rtol: must be > 0 and finite, got -1.0E-8");
    assertThat(error(CARD.replace("dormand-prince-54", "rk45")).detail()).contains("'rk45'").contains("rk4");
  }

  @Test
  void variantParameterErrorsNameTheVariant() throws IOException {
    ScenarioException e = error(CARD + "variants:\n  - {label: ok}\n  - {label: bad, params: {lambda: -2}}\n");
    assertThat(e.line()).isEqualTo(15);
    assertThat(e.field()).isEqualTo("variants[1].params.lambda");
    assertThat(e.detail()).contains("got -2.0");
  }

  @Test
  void aBaseParameterBadForOneVariantSaysWhichVariant() throws IOException {
    ScenarioException e = error(CARD.replace("  lambda: 2.0\n", "") + "variants:\n  - {label: v1}\n");
    assertThat(e.field()).isEqualTo("params.lambda");
    assertThat(e.detail()).contains("required").contains("variant 'v1'");
  }

  @Test
  void wrongTypesAreNamed() throws IOException {
    assertThat(error(CARD.replace("samples: 11", "samples: 10.5")).detail()).isEqualTo("must be an integer, got 10.5");
    assertThat(error(CARD.replace("end: 1", "end: soon")).detail()).isEqualTo("must be a number, got 'soon'");
    assertThat(error(CARD.replace("regime: ballistic", "regime: diffusiv")).detail()).contains("'diffusiv'");
  }

  @Test
  void regimeSpecificSectionsAreChecked() throws IOException {
    ScenarioException e = error(CARD.replace("regime: ballistic", "regime: diffusive"));
    assertThat(e.field()).isEqualTo("solver");
    ScenarioException f = error(CARD + "sde: {dt: 0.01}\n");
    assertThat(f.field()).isEqualTo("sde");
    ScenarioException g = error(CARD.replace("time:\n  start: 0", "time:\n  start: 0.5") + "simulate: {d: 100}\n");
    assertThat(g.field()).isEqualTo("time.start");
  }

  @Test
  void duplicateKeysAreErrors() throws IOException {
    ScenarioException e = error(CARD + "model: pca\n");
    assertThat(e.line()).isEqualTo(13);
    assertThat(e.detail()).contains("duplicate key 'model'");
  }

  @Test
  void simulatorLimitsAreCheckedAtLoad() throws IOException {
    ScenarioException e = error(CARD + "simulate: {d: [100, 1]}\n");
    assertThat(e.field()).isEqualTo("simulate.d[1]");
    assertThat(e.detail()).contains("got 1");
  }

  @Test
  void missingFileIsAClearError() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> Scenario.load(dir.resolve("nope.yaml"), "models/nope.yaml"));
    assertThat(e.getMessage()).isEqualTo("models/nope.yaml: cannot read scenario card: no such file");
  }

  @Test
  void emptyCardIsAnError() throws IOException {
    assertThat(error("# nothing\n").detail()).contains("empty");
    assertThat(error("- 1\n- 2\n").detail()).contains("mapping");
  }

  @Test
  void linesFallBackToTheClosestAncestor() {
    YamlTree y = YamlTree.parse("a:\n  b: [1,\n    2]\nc: {d: 1}\n", "t.yaml");
    assertThat(y.line("a.b[1]")).isEqualTo(3);
    assertThat(y.line("a.b[7]")).isEqualTo(2);
    assertThat(y.line("c.e")).isEqualTo(4);
    assertThat(y.line("zzz")).isZero();
    assertThat(YamlTree.parent("init.Rperp[1,2]")).isEqualTo("init");
    assertThat(List.of(YamlTree.parse("x: -.inf\n", "t").root().get("x").doubleValue())).containsExactly(Double.NEGATIVE_INFINITY);
  }

  @Test
  void timeIsRequiredExceptByAStudyThatRefusesIt() throws IOException {
    ScenarioException missing = error("model: pca\nparams: {lambda: 2}\n");
    assertThat(missing.field()).isEqualTo("time");
    assertThat(missing.getMessage()).contains("required");
    String study = "model: sample-complexity\nparams: {N_k1: [50, 100], N_k2: [], N_k3: [], runs: 4}\n";
    Scenario s = Scenario.load(card(study));
    assertThat(s.grid()).isNull();
    ScenarioException timed = error(study + "time: {end: 1}\n");
    assertThat(timed.field()).isEqualTo("time");
    assertThat(timed.getMessage()).contains("not used by model 'sample-complexity'");
    ScenarioException one = error("model: sample-complexity\nparams: {N_k1: [50]}\n");
    assertThat(one.field()).isEqualTo("params.N_k1");
    assertThat(one.getMessage()).contains("at least 2 dimensions");
    ScenarioException down = error("model: sample-complexity\nparams: {N_k2: [100, 50]}\n");
    assertThat(down.getMessage()).contains("params.N_k2").contains("must increase");
  }

  @Test
  void listElementsAndModelFieldsAreLocated() throws IOException {
    String kgmm = String.join("\n",
        "model: kgmm",        // 1
        "params:",            // 2
        "  k: 2",             // 3
        "  lambda: 1",        // 4
        "  beta: 0.1",        // 5
        "  p:",               // 6
        "    - 0.5",          // 7
        "    - x",            // 8
        "time: {end: 1}",     // 9
        "");
    ScenarioException e = error(kgmm);
    assertThat(e.getMessage()).isEqualTo("cards/card.yaml:8: params.p[1]: must be a number, got 'x'");
    // a model constructor's ParameterException names p; the card layer puts it at the key's line
    ScenarioException sum = error(kgmm.replace("- x", "- 0.6"));
    assertThat(sum.field()).isEqualTo("params.p");
    assertThat(sum.line()).isEqualTo(6);
    assertThat(sum.detail()).startsWith("must sum to 1, got 1.1");
    ScenarioException inVariant = error(kgmm.replace("- x", "- 0.5") + "variants:\n  - {label: a, params: {p: [0.2, 0.2]}}\n");
    assertThat(inVariant.field()).isEqualTo("variants[0].params.p");
    assertThat(inVariant.line()).isEqualTo(11);
  }

  @Test
  void numbersMayBeWrittenAsInfinityText() throws IOException {
    Scenario s = Scenario.load(card(CARD.replace("  c_delta: 1.0", "  c_delta: 1.0\n  N: inf")));
    assertThat(((SpikedPca) s.variants().get(0).model()).n()).isInfinite();
    assertThat(error(CARD.replace("  c_delta: 1.0", "  c_delta: 1.0\n  N: lots")).getMessage())
        .isEqualTo("cards/card.yaml:6: params.N: must be a number, got 'lots'");
  }
}
