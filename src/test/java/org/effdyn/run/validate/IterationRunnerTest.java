package org.effdyn.run.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.card.ValidationCase;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeOptions;
import org.junit.jupiter.api.Test;

/**
 * The ITERATION metric on a model whose finite-size law is known exactly: limit x(l) = l, and a run at
 * dimension d is x(l) = l + (l / (L−1)) (b/d + g/√d) with one g ~ N(0, 1) per run. So the run's sup error
 * is |b/d + g/√d| (at l = L−1), its seed mean ≈ E|g|/√d = √(2/π)/√d for b = 0, the seed-mean bias is b/d
 * and d·Var = 1 exactly in law.
 */
class IterationRunnerTest {
  static final int L = 6;

  record Toy(double b) implements Model, IterationLimit {
    @Override public String name() {
      return "toy";
    }

    @Override public Map<String, Object> parameters() {
      return Map.of("b", b);
    }

    @Override public Dynamics limit(Regime regime) {
      throw new IllegalArgumentException("iteration-indexed");
    }

    @Override public InitialLaw initialLaw(Regime regime) {
      throw new IllegalArgumentException("iteration-indexed");
    }

    @Override public SgdSimulator simulator(int d, Regime regime) {
      throw new IllegalArgumentException("iteration-indexed");
    }

    @Override public StateLayout observables() {
      return StateLayout.scalars("x");
    }

    @Override public Limit limit(int iterations, int threads) {
      return new Limit(path(iterations, 0), null);
    }

    @Override public Trajectory finiteSize(int iterations, int d, UniformRandomProvider rng) {
      double g = ZigguratSampler.NormalizedGaussian.of(rng).sample();
      return path(iterations, b / d + g / Math.sqrt(d));
    }

    static Trajectory path(int n, double end) {
      double[] t = new double[n];
      double[][] x = new double[n][1];
      for (int l = 0; l < n; l++) {
        t[l] = l;
        x[l][0] = l + end * l / (n - 1);
      }
      return new Trajectory(StateLayout.scalars("x"), t, x, SolveStats.NONE);
    }
  }

  static ValidationCase toyCase(double b, int seeds, double biasZ) {
    return new ValidationCase(Path.of("toy.yaml"), "toy", "", null, Map.of(), new Toy(b), Regime.BALLISTIC, Map.of(),
        new TimeGrid(0, L - 1, L), OdeOptions.defaults(), Double.NaN, 0, List.of(100, 400, 1600), List.of(100, 400, 1600),
        seeds, seeds, 7, List.of("x"), ValidationCase.Metric.ITERATION, -0.5, 0.1, biasZ, 20, List.of());
  }

  @Test
  void errorsBiasAndVarianceMatchTheKnownLaw() {
    int seeds = 400;
    CaseResult r = ValidationRunner.run(toyCase(0, seeds, 4), false, 2, null);
    for (CaseResult.Dim x : r.dims()) {
      CaseResult.Endpoint e = x.endpoints().get(0);
      System.out.printf("d = %4d: mean sup error %.5f (theory %.5f), bias %+.5f ± %.5f, d·Var %.3f%n", x.d(), x.mean(),
          Math.sqrt(2 / Math.PI / x.d()), e.bias(), e.se(), e.dVar());
      // E|g| / √d within 4 standard errors of the seed mean.
      assertThat(Math.abs(x.mean() - Math.sqrt(2 / Math.PI / x.d()))).isLessThan(4 * x.se());
      // No bias: within 4 s.e.; the s.e. is 1/√(d S) by construction.
      assertThat(e.z()).isLessThan(4);
      assertThat(e.se()).isCloseTo(1 / Math.sqrt((double) x.d() * seeds), org.assertj.core.data.Percentage.withPercentage(30));
      // d·Var = Var g = 1; sample variance over S seeds has relative s.e. √(2/(S−1)) ≈ 0.07.
      assertThat(e.dVar()).isBetween(1 - 4 * Math.sqrt(2.0 / (seeds - 1)), 1 + 4 * Math.sqrt(2.0 / (seeds - 1)));
    }
    // Slope of E|g|/√d is exactly −1/2; its CI comes from the seed spread.
    assertThat(r.fit().lower()).isLessThan(-0.5);
    assertThat(r.fit().upper()).isGreaterThan(-0.5);
    assertThat(r.passed()).isTrue();
    assertThat(r.limits()).hasSize(1);
  }

  @Test
  void aBiasBeyondBiasZFailsTheCase() {
    // b/d = 0.5 at d = 100 against an s.e. of 1/√(100 · 40) ≈ 0.016: about 30 s.e.
    CaseResult r = ValidationRunner.run(toyCase(50, 40, 4), false, 2, null);
    assertThat(r.dims().get(0).endpoints().get(0).bias()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.08));
    assertThat(r.dims().get(0).maxZ()).isGreaterThan(4);
    assertThat(r.passed()).isFalse();
  }
}
