package org.effdyn.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.effdyn.core.Dynamics;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.run.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Ensemble} (thread-count independence, failure isolation) and {@link EnsembleSummary}
 * (mean, sample std, type-7 quantiles, CSV) on hand-made data with exact answers.
 */
class EnsembleTest {
  @TempDir Path dir;

  /** 2-d OU with correlated noise: du = -u dt + b dB, b = [[0.5, 0], [0.3, 0.4]]. */
  static final Dynamics OU = new Dynamics() {
    final StateLayout layout = StateLayout.scalars("x", "y");
    @Override public StateLayout layout() { return layout; }
    @Override public void drift(double[] u, double[] out) {
      out[0] = -u[0];
      out[1] = -u[1];
    }
    @Override public int noiseDimension() { return 2; }
    @Override public void diffusion(double[] u, double[][] b) {
      b[0][0] = 0.5;
      b[0][1] = 0;
      b[1][0] = 0.3;
      b[1][1] = 0.4;
    }
  };

  static Ensemble.Result ouEnsemble(int threads) {
    TimeGrid grid = TimeGrid.of(2, 21);
    SdeSolver solver = new SdeSolver(0.01);
    return new Ensemble(64, 7, threads).run((path, rng) -> solver.solve(OU, new double[] {1, -1}, grid, rng), null);
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    Ensemble.Result one = ouEnsemble(1);
    Ensemble.Result two = ouEnsemble(2);
    Ensemble.Result four = ouEnsemble(4);
    assertThat(one.failures()).isZero();
    for (Ensemble.Result other : List.of(two, four)) {
      assertThat(other.outcomes()).hasSize(64);
      for (int p = 0; p < 64; p++) {
        Trajectory a = one.outcomes().get(p).trajectory();
        Trajectory b = other.outcomes().get(p).trajectory();
        assertThat(other.outcomes().get(p).path()).isEqualTo(p);
        assertThat(b.size()).isEqualTo(a.size());
        for (int i = 0; i < a.size(); i++) {
          assertThat(Double.doubleToLongBits(b.time(i))).isEqualTo(Double.doubleToLongBits(a.time(i)));
          double[] ua = a.state(i);
          double[] ub = b.state(i);
          for (int k = 0; k < ua.length; k++) {
            assertThat(Double.doubleToLongBits(ub[k])).as("path %d row %d coord %d", p, i, k)
                .isEqualTo(Double.doubleToLongBits(ua[k]));
          }
        }
      }
    }
    // paths really differ from each other (each has its own stream)
    assertThat(one.outcomes().get(0).trajectory().finalState())
        .isNotEqualTo(one.outcomes().get(1).trajectory().finalState());
  }

  /**
   * Golden values: final states of paths 0 and 63 of the OU ensemble (seed 7). They pin the stream
   * derivation, the ziggurat sampler and the Euler-Maruyama arithmetic together; computed once on
   * JDK 17 and identical on JDK 25 (also with -Xint). Changing them is a breaking change.
   */
  @Test
  void goldenFinalStates() {
    Ensemble.Result r = ouEnsemble(2);
    assertThat(r.outcomes().get(0).trajectory().finalState())
        .containsExactly(0.24125356013933213, 0.2851593220956525);
    assertThat(r.outcomes().get(63).trajectory().finalState())
        .containsExactly(-0.10073002119786516, 0.09727737848769297);
  }

  @Test
  void aFailingPathDoesNotStopTheOthers() {
    for (int threads : new int[] {1, 2}) {
      AtomicInteger progress = new AtomicInteger();
      Ensemble.Result r = new Ensemble(10, 1, threads).run((path, rng) -> {
        if (path == 3) throw new IllegalStateException("path 3 fails");
        return constant(path, 2);
      }, progress::incrementAndGet);
      assertThat(r.failures()).isEqualTo(1);
      assertThat(r.outcomes()).hasSize(10);
      assertThat(r.outcomes().get(3).ok()).isFalse();
      assertThat(r.outcomes().get(3).failure()).isInstanceOf(IllegalStateException.class);
      assertThat(r.outcomes().get(3).trajectory()).isNull();
      assertThat(r.trajectories()).hasSize(9);
      assertThat(r.trajectories()).extracting(t -> t.state(0)[0])
          .containsExactly(0.0, 1.0, 2.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
      assertThat(progress.get()).as("progress once per path, failed ones included").isEqualTo(10);
      assertThat(r.summary().paths()).isEqualTo(9);
    }
  }

  @Test
  void integrationFailuresAreRecordedToo() {
    // x' = x^2 from 1: every path blows up; the ensemble still returns
    Dynamics blow = new Dynamics() {
      final StateLayout layout = StateLayout.scalars("x");
      @Override public StateLayout layout() { return layout; }
      @Override public void drift(double[] u, double[] out) { out[0] = u[0] * u[0]; }
    };
    Ensemble.Result r = new Ensemble(3, 1, 2).run(
        (path, rng) -> new SdeSolver(1e-3).solve(blow, new double[] {1}, TimeGrid.of(2, 3), rng), null);
    assertThat(r.failures()).isEqualTo(3);
    assertThat(r.outcomes()).allSatisfy(o ->
        assertThat(((IntegrationException) o.failure()).reason()).isEqualTo(IntegrationException.Reason.BLOW_UP));
  }

  @Test
  void badSizesAreRejected() {
    assertThatThrownBy(() -> new Ensemble(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paths");
    assertThatThrownBy(() -> new Ensemble(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
  }

  // ---------------------------------------------------------------- EnsembleSummary

  static final StateLayout X = StateLayout.scalars("x");

  /** A trajectory on times 0..rows-1 with x = value everywhere. */
  static Trajectory constant(double value, int rows) {
    double[] t = new double[rows];
    double[][] u = new double[rows][1];
    for (int i = 0; i < rows; i++) {
      t[i] = i;
      u[i][0] = value;
    }
    return new Trajectory(X, t, u, SolveStats.NONE);
  }

  /** Two times; x at t=0: 3, 1, 4, 2 and at t=1: 5, 10, 0, 5 (paths in this order); a derived column e = -x. */
  static List<Trajectory> handMade() {
    double[][] x = {{3, 5}, {1, 10}, {4, 0}, {2, 5}};
    List<Trajectory> l = new ArrayList<>();
    for (double[] p : x) {
      Trajectory t = new Trajectory(X, new double[] {0, 1}, new double[][] {{p[0]}, {p[1]}}, SolveStats.NONE);
      l.add(t.withDerived(List.of("e"), new double[][] {{-p[0]}, {-p[1]}}));
    }
    return l;
  }

  /**
   * Exact answers by hand. Values that are exact in binary are compared with isEqualTo; those that
   * are not (sqrt(5/3), 3.85, 0.75 via 0.15) within 1e-15 (1e-14 for sqrt(50/3) ~ 4.08): a couple of
   * roundings, i.e. a few ulps.
   */
  @Test
  void meanStdAndQuantilesOnHandMadeData() {
    EnsembleSummary s = EnsembleSummary.of(handMade());
    assertThat(s.paths()).isEqualTo(4);
    assertThat(s.times()).containsExactly(0, 1);
    assertThat(s.columns()).containsExactly("x", "e");
    // t=0, x in {1,2,3,4}: mean 2.5; sum of squares 2.25+0.25+0.25+2.25 = 5, std sqrt(5/3)
    assertThat(s.mean(0, "x")).isEqualTo(2.5);
    assertThat(s.std(0, "x")).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    // type 7: h = (n-1)p; q(0.25): h=0.75 -> 1 + 0.75 = 1.75; q(0.5) = 2.5; q(0.95): h=2.85 -> 3.85
    assertThat(s.quantile(0, "x", 0)).isEqualTo(1.0);
    assertThat(s.quantile(0, "x", 0.25)).isEqualTo(1.75);
    assertThat(s.quantile(0, "x", 0.5)).isEqualTo(2.5);
    assertThat(s.quantile(0, "x", 0.95)).isCloseTo(3.85, within(1e-15));
    assertThat(s.quantile(0, "x", 1)).isEqualTo(4.0);
    // t=1, x in {0,5,5,10}: mean 5, std sqrt(50/3), q(0.05): h=0.15 -> 0.75, q(0.5) = 5
    assertThat(s.mean(1, "x")).isEqualTo(5.0);
    assertThat(s.std(1, "x")).isCloseTo(Math.sqrt(50.0 / 3), within(1e-14));
    assertThat(s.quantile(1, "x", 0.05)).isCloseTo(0.75, within(1e-15));
    assertThat(s.quantile(1, "x", 0.5)).isEqualTo(5.0);
    // derived column e = -x: mean -2.5, q(0.25) = -3.25
    assertThat(s.mean(0, "e")).isEqualTo(-2.5);
    assertThat(s.quantile(0, "e", 0.25)).isEqualTo(-3.25);
  }

  @Test
  void shortPathsAreSkippedAndOnePathHasZeroStd() {
    List<Trajectory> l = new ArrayList<>(List.of(constant(7, 3)));
    l.add(constant(100, 1)); // stopped early: not counted
    EnsembleSummary s = EnsembleSummary.of(l);
    assertThat(s.paths()).isEqualTo(1);
    assertThat(s.mean(2, "x")).isEqualTo(7.0);
    assertThat(s.std(2, "x")).isZero();
    assertThat(s.quantile(2, "x", 0.3)).isEqualTo(7.0);
  }

  @Test
  void summaryRejectsBadInput() {
    assertThatThrownBy(() -> EnsembleSummary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    EnsembleSummary s = EnsembleSummary.of(handMade());
    assertThatThrownBy(() -> s.quantile(0, "x", 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.quantile(0, "x", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.mean(0, "nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void writeCsvHeaderAndRows() throws IOException {
    Path f = dir.resolve("summary.csv");
    EnsembleSummary s = EnsembleSummary.of(handMade());
    Outputs.writeCsv(f, s);
    CsvMapper csv = new CsvMapper();
    csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> rows;
    try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(f.toFile())) {
      rows = it.readAll();
    }
    assertThat(rows.get(0)).containsExactly("t",
        "x_mean", "x_std", "x_q05", "x_q25", "x_q50", "x_q75", "x_q95",
        "e_mean", "e_std", "e_q05", "e_q25", "e_q50", "e_q75", "e_q95");
    assertThat(java.nio.file.Files.readAllLines(f).get(0)).startsWith("t,x_mean,x_std,x_q05,");
    assertThat(rows).hasSize(3);
    String[] r0 = rows.get(1);
    assertThat(Double.parseDouble(r0[0])).isEqualTo(0.0);
    assertThat(Double.parseDouble(r0[1])).isEqualTo(2.5);
    assertThat(Double.parseDouble(r0[2])).isEqualTo(s.std(0, "x"));
    assertThat(Double.parseDouble(r0[4])).isEqualTo(1.75); // q25
    assertThat(Double.parseDouble(r0[5])).isEqualTo(2.5); // q50
    assertThat(Double.parseDouble(rows.get(2)[1])).isEqualTo(5.0);
  }
}
