package org.effdyn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.effdyn.run.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns and copies of {@link Trajectory} (its files are tested with {@code run.Outputs}).
 */
public class TrajectoryTest {
  @TempDir Path dir;

  public static final StateLayout LAYOUT = StateLayout.builder().scalar("m").symmetric("Rperp", 2).build();

  /** Three rows, state (m, Rperp[1,1], Rperp[1,2], Rperp[2,2]) with values 10*i + k; one derived column. */
  public static Trajectory sample() {
    double[] t = {0, 0.5, 1};
    double[][] u = new double[3][4];
    for (int i = 0; i < 3; i++) for (int k = 0; k < 4; k++) u[i][k] = 10 * i + k + 0.25;
    Trajectory tr = new Trajectory(LAYOUT, t, u, new SolveStats(42, 7, 1, 1000));
    double[][] err = {{-1.5}, {1e-300}, {3.141592653589793}};
    return tr.withDerived(List.of("err"), err).withProvenance(Map.of("seed", 7L));
  }

  @Test
  void columnsByName() {
    Trajectory tr = sample();
    assertThat(tr.column("m")).containsExactly(0.25, 10.25, 20.25);
    assertThat(tr.column("Rperp[1,2]")).containsExactly(2.25, 12.25, 22.25);
    assertThat(tr.column("Rperp[2,1]")).containsExactly(2.25, 12.25, 22.25);
    assertThat(tr.column("err")).containsExactly(-1.5, 1e-300, 3.141592653589793);
    assertThat(tr.columnNames()).containsExactly("m", "Rperp[1,1]", "Rperp[1,2]", "Rperp[2,2]", "err");
    assertThat(tr.derivedNames()).containsExactly("err");
  }

  @Test
  void unknownColumnNamesTheColumn() {
    assertThatThrownBy(() -> sample().column("nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
  }

  @Test
  void isImmutable() {
    double[] t = {0, 1};
    double[][] u = {{1}, {2}};
    Trajectory tr = new Trajectory(StateLayout.scalars("m"), t, u, SolveStats.NONE);
    t[1] = 99;
    u[1][0] = 99;
    tr.state(1)[0] = 99;
    tr.times()[1] = 99;
    tr.finalState()[0] = 99;
    assertThat(tr.times()).containsExactly(0, 1);
    assertThat(tr.finalState()).containsExactly(2);
    assertThat(tr.time(1)).isEqualTo(1);
  }

  @Test
  void rejectsRaggedRows() {
    assertThatThrownBy(() -> new Trajectory(StateLayout.scalars("m"), new double[] {0, 1},
        new double[][] {{1}}, SolveStats.NONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Trajectory(StateLayout.scalars("m"), new double[] {0, 1},
        new double[][] {{1}, {1, 2}}, SolveStats.NONE)).isInstanceOf(IllegalArgumentException.class);
  }
}
