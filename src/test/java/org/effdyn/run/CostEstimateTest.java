package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.effdyn.card.Limits;
import org.effdyn.card.Scenario;
import org.effdyn.card.ScenarioException;
import org.effdyn.model.committee.Committee;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

/** The cost estimate: exact where it can be, every shipped card under the limits, absurd runs refused. */
class CostEstimateTest {
  static String committee(int k, int m, String time) {
    return "model: committee\nparams: {K: " + k + ", M: " + m + ", activation: erf, eta: 0.5}\n"
        + "time: " + time + "\nsolver: {method: rk4, step: 0.5}\n";
  }

  @Test
  void everyShippedCardIsUnderTheLimits() throws IOException {
    List<Path> cards;
    try (Stream<Path> s = Files.list(Path.of("models"))) {
      cards = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(cards).hasSizeGreaterThan(10);
    for (Path c : cards) {
      CostEstimate e = CostEstimate.of(Scenario.load(c));
      assertThatCode(() -> e.check(c.toString(), false)).as(c.toString()).doesNotThrowAnyException();
      assertThat(e.limitWork()).as(c.toString()).isLessThan(Limits.MAX_WORK / 100);
    }
  }

  @Test
  void countsAreExactForFixedStepsAndSgd() {
    // rk4 with step 0.5 over [0, 10]: 20 steps of 4 evaluations; committee K = 2, M = 1: 3 + 2 + 2 statistics
    Scenario s = Scenario.parse(committee(2, 1, "{end: 10, samples: 11}") + "simulate: {d: [100, 200], seeds: 3}\n",
        "c.yaml");
    CostEstimate e = CostEstimate.of(s);
    assertThat(e.stateDimension()).isEqualTo(7);
    assertThat(e.evaluations()).isEqualTo(80);
    assertThat(e.nominal()).isFalse();
    assertThat(e.driftWork()).isEqualTo(new Committee(2, 1, org.effdyn.model.common.Activation.ERF, null, null, null,
        0.5, 0, 0, 0, false, 1, 0, 4096).driftWork(Regime.BALLISTIC));
    // SGD: steps = end / delta with delta = eta / d for the committee, so d x steps x seeds = 3 (d^2 end / eta)
    double steps100 = Math.ceil(10 / s.variants().get(0).model().simulator(100, Regime.BALLISTIC).timePerStep());
    double steps200 = Math.ceil(10 / s.variants().get(0).model().simulator(200, Regime.BALLISTIC).timePerStep());
    assertThat(e.sgdSteps()).isEqualTo(3 * (steps100 + steps200));
    assertThat(e.sgdWork()).isEqualTo(3 * (100 * steps100 + 200 * steps200));
  }

  @Test
  void refusesAbsurdLimitWorkUnlessForced() {
    // K = M = 200: 60 300 statistics (under the state limit), but ~5e10 operations per drift x 1.6e5 evaluations
    Scenario s = Scenario.parse(committee(200, 200, "{end: 20000, samples: 11}"), "big.yaml");
    CostEstimate e = CostEstimate.of(s);
    assertThat(e.stateDimension()).isEqualTo(200 * 201 / 2 + 200 * 200 + 200);
    ScenarioException x = catchThrowableOfType(ScenarioException.class, () -> e.check("big.yaml", false));
    assertThat(x.getMessage()).startsWith("big.yaml: refused: the limit's estimated work is ")
        .endsWith("reduce the sizes, or pass --force to run it anyway");
    assertThatCode(() -> e.check("big.yaml", true)).doesNotThrowAnyException();
  }

  @Test
  void refusesAnAbsurdStateBeforeBuildingIt() {
    long t0 = System.nanoTime();
    ScenarioException x = catchThrowableOfType(ScenarioException.class,
        () -> Scenario.parse(committee(5000, 5000, "{end: 10, samples: 11}"), "k5000.yaml"));
    assertThat(x.getMessage()).startsWith("k5000.yaml:2: params: model 'committee' with these parameters has "
        + "3.75e+07 statistics, over the limit of 1.00e+06");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);   // building the layout took minutes
  }
}
