package org.effdyn.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The card's {@code chart} section and {@code simulate.limit_start}: defaults, every key, and one-line
 * errors naming the field and the value as written.
 */
class ChartReaderTest {
  /** A committee card (derived column eps_g) with SGD; the chart section goes on line 6. */
  static final String CARD = String.join("\n",
      "model: committee",                                       // 1
      "params: {K: 2, M: 2, activation: erf, eta: 0.5}",        // 2
      "init: {seed: 3}",                                        // 3
      "time: {end: 2, samples: 11}",                            // 4
      "simulate: {d: [50], seeds: 2}",                          // 5
      "");

  private static Scenario parse(String text) {
    return Scenario.parse(text, "cards/c.yaml");
  }

  private static ScenarioException error(String text) {
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(text));
    assertThat(e).as("expected an error for:\n%s", text).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").startsWith("cards/c.yaml:");
    return e;
  }

  @Test
  void withoutAChartSectionEveryDefaultHolds() {
    Scenario s = parse(CARD);
    assertThat(s.chart()).isEqualTo(ChartSpec.defaults());
    assertThat(s.chart().formats()).containsExactly(ChartSpec.Format.PNG, ChartSpec.Format.SVG, ChartSpec.Format.PDF);
    assertThat(s.chart().columns()).isNull();
    assertThat(s.chart().logX()).isNull();
    assertThat(s.chart().logY().isNone()).isTrue();
    assertThat(s.chart().style()).isEqualTo(ChartSpec.Style.SCREEN);
    assertThat(s.chart().cardLimit()).isTrue();
    assertThat(s.simulate().limitStart()).isEqualTo(Scenario.LimitStart.MEASURED);
  }

  @Test
  void readsEveryKey() {
    Scenario s = parse(CARD + "chart: {columns: [eps_g, \"R[1,1]\"], log_x: true, log_y: [eps_g], layout: grid, cols: 2,\n"
        + "  title: Committee, style: paper, formats: [svg, pdf], width: 480, height: 360, card_limit: false}\n");
    ChartSpec c = s.chart();
    assertThat(c.columns()).containsExactly("eps_g", "R[1,1]");
    assertThat(c.logX().all()).isTrue();
    assertThat(c.logY().appliesTo("eps_g")).isTrue();
    assertThat(c.logY().appliesTo("R[1,1]")).isFalse();
    assertThat(c.layout()).isEqualTo(ChartSpec.Layout.GRID);
    assertThat(c.cols()).isEqualTo(2);
    assertThat(c.title()).isEqualTo("Committee");
    assertThat(c.style()).isEqualTo(ChartSpec.Style.PAPER);
    assertThat(c.formats()).containsExactly(ChartSpec.Format.SVG, ChartSpec.Format.PDF);
    assertThat(c.needsVectorGraphics()).isTrue();
    assertThat(c.width()).isEqualTo(480);
    assertThat(c.height()).isEqualTo(360);
    assertThat(c.cardLimit()).isFalse();
  }

  @Test
  void singleValuesStandForOneElementLists() {
    ChartSpec c = parse(CARD + "chart: {columns: eps_g, formats: png, log_y: false, layout: overlay}\n").chart();
    assertThat(c.columns()).containsExactly("eps_g");
    assertThat(c.formats()).containsExactly(ChartSpec.Format.PNG);
    assertThat(c.needsVectorGraphics()).isFalse();
    assertThat(c.logY().isNone()).isTrue();
    assertThat(c.layout()).isEqualTo(ChartSpec.Layout.OVERLAY);
  }

  @Test
  void limitStartIsReadAndDefaultsToMeasured() {
    for (String k : List.of("measured", "mean", "card")) {
      Scenario s = parse(CARD.replace("seeds: 2}", "seeds: 2, limit_start: " + k + "}"));
      assertThat(s.simulate().limitStart().key()).isEqualTo(k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "chart: {colour: red}                 | chart.colour   | unknown key 'colour'",
      "chart: {formats: [png, jpg]}         | chart.formats[1] | must be one of png, svg, pdf; got 'jpg'",
      "chart: {formats: [svg, svg]}         | chart.formats[1] | format 'svg' is listed twice",
      "chart: {formats: []}                 | chart.formats  | must list at least one of png, svg, pdf",
      "chart: {layout: stacked}             | chart.layout   | must be one of grid, overlay; got 'stacked'",
      "chart: {layout: overlay, cols: 2}    | chart.cols     | only used with layout: grid",
      "chart: {cols: 0}                     | chart.cols     | must be >= 1, got 0",
      "chart: {width: 20}                   | chart.width    | must be between 100 and 8000, got 20",
      "chart: {height: 1.5}                 | chart.height   | must be an integer, got 1.5",
      "chart: {columns: [eps_g, m]}         | chart.columns[1] | unknown column 'm'; known: Q[1,1]",
      "chart: {columns: [eps_g, eps_g]}     | chart.columns[1] | column 'eps_g' is listed twice",
      "chart: {columns: []}                 | chart.columns  | must list at least one column",
      "chart: {log_y: [eps_x]}              | chart.log_y[0] | unknown column 'eps_x'",
      "chart: {log_x: sometimes}            | chart.log_x    | must be true, false or a list of columns, got 'sometimes'",
      "chart: {log_y: 3}                    | chart.log_y    | must be true, false or a list of columns, got 3",
      "chart: {style: print}                | chart.style    | must be one of screen, paper; got 'print'",
      "chart: {card_limit: maybe}           | chart.card_limit | must be true or false, got 'maybe'",
      "chart: {title: [a, b]}               | chart.title    | must be a word, got a list",
      "chart: [png]                         | chart          | must be a mapping",
  })
  void badChartValuesNameTheFieldAndTheValue(String line, String field, String detail) {
    ScenarioException e = error(CARD + line + "\n");
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.detail()).contains(detail);
  }

  @Test
  void badLimitStartNamesTheFieldAndTheValue() {
    ScenarioException e = error(CARD.replace("seeds: 2}", "seeds: 2, limit_start: first}"));
    assertThat(e.field()).isEqualTo("simulate.limit_start");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.detail()).isEqualTo("must be one of measured, mean, card; got 'first'");
  }

  @Test
  void limitStartIsOnlyForBallisticCards() {
    String diffusive = "model: pca\nparams: {lambda: 1.5}\nregime: diffusive\ntime: {end: 0.5, samples: 11}\n"
        + "sde: {dt: 0.01, paths: 10}\nsimulate: {d: [50], seeds: 2, limit_start: mean}\n";
    ScenarioException e = error(diffusive);
    assertThat(e.field()).isEqualTo("simulate.limit_start");
    assertThat(e.detail()).contains("only used in the ballistic regime");
    // without the key, a diffusive card with simulate still loads (it compares SGD with the SDE ensemble)
    assertThat(parse(diffusive.replace(", limit_start: mean", "")).simulate().limitStart())
        .isEqualTo(Scenario.LimitStart.MEASURED);
  }

  @Test
  void aStudyCardRefusesTheChartSectionAndLimitStart() {
    String dmf = "model: dmf\nparams: {loss: softplus_sq, alpha: 2, algorithm: gd, eta: 0.5, paths: 200, replicas: 2, seed: 1}\n"
        + "time: {start: 0, end: 3, samples: 4}\nsimulate: {d: [20], seeds: 2, seed: 1}\n";
    ScenarioException e = error(dmf + "chart: {style: paper}\n");
    assertThat(e.field()).isEqualTo("chart");
    assertThat(e.detail()).contains("not used by model 'dmf'");
    ScenarioException f = error(dmf.replace("seeds: 2, seed: 1}", "seeds: 2, seed: 1, limit_start: mean}"));
    assertThat(f.field()).isEqualTo("simulate.limit_start");
  }

  @Test
  void columnsAreCheckedAgainstEveryVariant() {
    String xor = "model: xor-gmm\nparams: {K: 4, lambda: .inf, beta: 0.05}\ninit: {seed: 7}\ntime: {end: 1, samples: 3}\n"
        + "variants:\n  - {label: K4}\n  - {label: K5, params: {K: 5}}\n";
    assertThat(parse(xor + "chart: {columns: [\"v[4]\"]}\n").chart().columns()).containsExactly("v[4]");
    ScenarioException e = error(xor + "chart: {columns: [\"v[5]\"]}\n");
    assertThat(e.field()).isEqualTo("chart.columns[0]");
    assertThat(e.detail()).contains("unknown column 'v[5]' of variant 'K4'");
  }
}
