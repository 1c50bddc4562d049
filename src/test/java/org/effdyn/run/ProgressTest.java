package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.effdyn.card.Scenario;
import org.junit.jupiter.api.Test;

/** Progress of a limit solve by t: one task of Progress.TIME_UNITS units, all of them stepped by the end. */
class ProgressTest {
  @Test
  void aLimitSolveReportsItsProgressByTime() {
    List<String> tasks = new ArrayList<>();
    AtomicLong steps = new AtomicLong();
    Progress p = (task, total) -> {
      tasks.add(task + " /" + total);
      return new Progress.Ticker() {
        @Override public void step() {
          steps.incrementAndGet();
        }

        @Override public void close() {}
      };
    };
    Scenario s = Scenario.parse("model: pca\nparams: {k: 2, lambda: 2, c_delta: 1}\ninit: {m: 0.3}\n"
        + "time: {end: 4, samples: 5}\n", "pca.yaml");
    ScenarioRunner.runVariant(s, s.variants().get(0), ScenarioRunner.Options.defaults().withProgress(p), new ArrayList<>());
    assertThat(tasks).containsExactly("pca: limit, t /" + Progress.TIME_UNITS);
    assertThat(steps.get()).isEqualTo(Progress.TIME_UNITS);
  }
}
