package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effdyn.core.Regime;
import org.effdyn.model.pca.PcaOracles;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.run.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuationTest {
  static Continuation.Family pca(int k, double c) {
    return lambda -> new SpikedPca(k, lambda, c).limit(Regime.BALLISTIC);
  }

  /** Matrix PCA: along the branch (0, c_delta) the eigenvalue 4(lambda - c_delta) crosses zero: a pitchfork at lambda = c_delta. */
  @Test
  void matrixThresholdIsABranchPointAtCDelta() {
    for (double c : new double[] {1.0, 0.6}) {
      Branch b = new Continuation(Continuation.Options.between(0.1, 3)).trace(pca(2, c), "lambda", 0.2, new double[] {0, c}, +1);
      List<Continuation.Special> bp = b.specials(Continuation.SpecialKind.BRANCH_POINT);
      assertThat(bp).hasSize(1);
      // located by regula falsi on the arclength to 1e-11; the branch is linear in lambda
      assertThat(bp.get(0).parameter()).isCloseTo(PcaOracles.threshold(2, c), within(1e-8));
      assertThat(b.specials(Continuation.SpecialKind.FOLD)).isEmpty();
      assertThat(b.points().get(0).stability().kind()).isEqualTo(Stability.Kind.STABLE_NODE);
      assertThat(b.points().get(b.points().size() - 1).stability().kind()).isEqualTo(Stability.Kind.SADDLE);
      assertThat(b.end()).isEqualTo(Continuation.End.PARAMETER_RANGE);
    }
  }

  /** Tensor k = 3: the recovered branch (m, 1) turns at a saddle-node lambda_c = (16/9) sqrt 3 = 3.0792, m = 1/sqrt 3. */
  @Test
  void tensorSaddleNodeAt30792() {
    Branch b = new Continuation(Continuation.Options.between(2, 6)).trace(pca(3, 1.0), "lambda", 4, new double[] {1, 1}, -1);
    List<Continuation.Special> folds = b.specials(Continuation.SpecialKind.FOLD);
    assertThat(folds).hasSize(1);
    assertThat(folds.get(0).parameter()).isCloseTo(PcaOracles.threshold(3, 1.0), within(1e-8));
    assertThat(folds.get(0).parameter()).isCloseTo(3.0792, within(5e-5));
    assertThat(folds.get(0).state()[0]).isCloseTo(Math.sqrt(1 / 3.0), within(1e-5));
    assertThat(folds.get(0).stability().kind()).isEqualTo(Stability.Kind.NON_HYPERBOLIC);
    // after the fold the branch is the saddle, which at lambda = 4 sits at m = 0.29560
    Continuation.Point last = b.points().get(b.points().size() - 1);
    assertThat(last.stability().kind()).isEqualTo(Stability.Kind.SADDLE);
    assertThat(b.points().get(0).stability().kind()).isEqualTo(Stability.Kind.STABLE_NODE);
    for (Continuation.Point p : b.points()) {
      double[] r = new double[2];
      new SpikedPca(3, p.parameter(), 1.0).limit(Regime.BALLISTIC).drift(p.state(), r);
      assertThat(Math.max(Math.abs(r[0]), Math.abs(r[1]))).isLessThan(1e-10);
    }
  }

  @Test
  void tensorFoldAtOtherCDeltaMatchesClosedForm() {
    double c = 0.5;
    double lc = PcaOracles.threshold(3, c);
    double m = 1 + 0.0; // start on the stable branch at lambda = 2 lc
    FixedPoint start = FixedPointFinder.defaults().from(new SpikedPca(3, 2 * lc, c).limit(Regime.BALLISTIC), new double[] {1.5, c}).orElseThrow();
    Branch b = new Continuation(Continuation.Options.between(0.5 * lc, 3 * lc)).trace(pca(3, c), "lambda", 2 * lc, start.state(), -1);
    assertThat(b.specials(Continuation.SpecialKind.FOLD)).hasSize(1);
    assertThat(b.specials(Continuation.SpecialKind.FOLD).get(0).parameter()).isCloseTo(lc, within(1e-8 * m * lc));
  }

  @Test
  void writesABifurcationCsv(@TempDir Path dir) throws Exception {
    Branch b = new Continuation(Continuation.Options.between(0.5, 1.5)).trace(pca(2, 1), "lambda", 0.6, new double[] {0, 1}, +1);
    Path f = dir.resolve("bifurcation.csv");
    Outputs.writeBranches(f, List.of(b));
    List<String> lines = Files.readAllLines(f);
    assertThat(lines.get(0)).isEqualTo("branch,lambda,m,r2perp,stability,max_re,unstable,special");
    assertThat(lines).anyMatch(l -> l.endsWith(",branch-point"));
    assertThat(lines).hasSize(1 + b.points().size() + b.specials().size());
  }
}
