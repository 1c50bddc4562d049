package org.effdyn.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.junit.jupiter.api.Test;

/** {@link SgdRecorder}: row i is taken after round(t_i / timePerStep) steps. Exact (integer) checks. */
class SgdRecorderTest {

  /** A fake simulator whose only statistic is its step count. */
  static final class Counter implements SgdSimulator {
    final double timePerStep;
    long steps;
    UniformRandomProvider rng;
    Map<String, Double> planted;

    Counter(double timePerStep) {
      this.timePerStep = timePerStep;
    }

    @Override public StateLayout layout() { return StateLayout.scalars("steps"); }
    @Override public int dimension() { return 100; }
    @Override public double timePerStep() { return timePerStep; }
    @Override public void initialize(UniformRandomProvider rng, Map<String, Double> planted) {
      this.rng = rng;
      this.planted = planted;
      steps = 0;
    }
    @Override public void step() { steps++; }
    @Override public void statistics(double[] out) { out[0] = steps; }
  }

  @Test
  void rowsAreTakenAtTheNearestStep() {
    double h = 0.07;
    TimeGrid grid = TimeGrid.of(3, 11);
    Counter sim = new Counter(h);
    UniformRandomProvider rng = RandomStreams.stream(1, 0);
    Trajectory tr = SgdRecorder.record(sim, grid, rng, Map.of("m", 0.3));
    assertThat(sim.rng).isSameAs(rng);
    assertThat(sim.planted).containsEntry("m", 0.3);
    assertThat(tr.times()).containsExactly(grid.times());
    for (int i = 0; i < grid.samples(); i++) {
      long l = (long) tr.state(i)[0];
      assertThat(l).isEqualTo(Math.round(grid.time(i) / h));
      // the recorded SGD time is within half a step of t_i
      assertThat(Math.abs(l * h - grid.time(i))).isLessThanOrEqualTo(h / 2 + 1e-12);
    }
    long total = Math.round(3 / h);
    assertThat(tr.stats().acceptedSteps()).isEqualTo(total);
    assertThat(tr.provenance()).containsEntry("d", 100).containsEntry("steps", total);
  }

  @Test
  void gridMayStartLater() {
    Trajectory tr = SgdRecorder.record(new Counter(0.5), new TimeGrid(1, 2, 3), null, Map.of());
    assertThat(tr.column("steps")).containsExactly(2, 3, 4);
  }

  @Test
  void negativeStartIsRejected() {
    assertThatThrownBy(() -> SgdRecorder.record(new Counter(0.1), new TimeGrid(-1, 1, 3), null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t >= 0");
  }
}
