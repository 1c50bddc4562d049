package org.effdyn.gauss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.RandomStreams;
import org.hipparchus.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

/** {@link GaussianRule}: node counts, weights, exactness degree, the QMC construction and defaults. */
class GaussianRuleTest {

  static double doubleFactorial(int k) {
    double p = 1;
    for (int i = k; i > 1; i -= 2) {
      p *= i;
    }
    return p;
  }

  static double factorial(int n) {
    double p = 1;
    for (int i = 2; i <= n; i++) {
      p *= i;
    }
    return p;
  }

  @Test
  void gaussHermiteHasNToTheRNodesAndUnitMass() {
    for (int r = 1; r <= 4; r++) {
      for (int n = 1; n <= 7; n++) {
        GaussianRule rule = GaussianRule.gaussHermite(r, n);
        int size = (int) Math.pow(n, r);
        assertThat(rule.size()).isEqualTo(size);
        assertThat(rule.dimension()).isEqualTo(r);
        assertThat(rule.replicates()).isEqualTo(1);
        assertThat(rule.replicateSize()).isEqualTo(size);
        assertThat(rule.description()).isEqualTo("gauss-hermite " + n + "^" + r + " = " + size + " nodes");
        double sum = 0;
        for (int i = 0; i < size; i++) {
          assertThat(rule.weight(i)).isPositive();
          sum += rule.weight(i);
        }
        // n^r positive terms, each a product of r rounded factors: tolerance 1e-14
        assertThat(sum).isCloseTo(1, within(1e-14));
      }
    }
  }

  @Test
  void gaussHermiteIsATensorProductWithTheLastCoordinateFastest() {
    GaussianRule one = GaussianRule.gaussHermite(1, 4);
    GaussianRule three = GaussianRule.gaussHermite(3, 4);
    for (int i = 0; i < 64; i++) {
      int[] k = {i / 16, (i / 4) % 4, i % 4};
      double w = 1;
      for (int j = 0; j < 3; j++) {
        assertThat(three.node(i, j)).isEqualTo(one.node(k[j], 0));
        w *= one.weight(k[j]);
      }
      assertThat(three.weight(i)).isCloseTo(w, within(1e-17));
    }
  }

  @Test
  void gaussHermiteIsExactToDegreeTwoNMinusOneAndNotBeyond() {
    // E Z^k = (k-1)!! for even k, 0 for odd k. Tolerance 1e-12 relative; for odd moments the terms
    // cancel, so the tolerance is relative to sum_i w_i |z_i|^k (rounding of the sum)
    for (int n = 1; n <= 20; n++) {
      GaussianRule rule = GaussianRule.gaussHermite(1, n);
      for (int k = 0; k <= 2 * n; k++) {
        double m = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
          double t = rule.weight(i) * Math.pow(rule.node(i, 0), k);
          m += t;
          abs += Math.abs(t);
        }
        double exact = k % 2 == 1 ? 0 : doubleFactorial(k - 1);
        if (k < 2 * n) {
          assertThat(m).as("n=%d k=%d", n, k).isCloseTo(exact, within(1e-12 * abs));
        } else {
          // degree 2n: E Z^{2n} - Q(Z^{2n}) = E He_n^2 - Q(He_n^2) = n!, since Q vanishes on He_n^2
          // (its nodes are the roots of the monic Hermite polynomial He_n)
          assertThat(exact - m).as("n=%d", n).isCloseTo(factorial(n), within(1e-10 * exact));
        }
      }
    }
  }

  @Test
  void quasiMonteCarloIsShiftedSobolThroughTheNormalQuantile() {
    int r = 5;
    int points = 100;
    int reps = 3;
    long seed = 42;
    GaussianRule rule = GaussianRule.quasiMonteCarlo(r, points, reps, seed);
    assertThat(rule.size()).isEqualTo(points * reps);
    assertThat(rule.replicates()).isEqualTo(reps);
    assertThat(rule.replicateSize()).isEqualTo(points);
    assertThat(rule.description()).isEqualTo("rqmc sobol 3 x 100 (dim 5, seed 42)");
    for (int i = 0; i < rule.size(); i++) {
      assertThat(rule.weight(i)).isEqualTo(1.0 / 300);
    }
    SobolSequenceGenerator sobol = new SobolSequenceGenerator(r);
    assertThat(sobol.nextVector()).containsOnly(0.0); // the skipped origin
    double[][] s = new double[points][];
    for (int i = 0; i < points; i++) {
      s[i] = sobol.nextVector();
    }
    for (int k = 0; k < reps; k++) {
      UniformRandomProvider rng = RandomStreams.stream(seed, k);
      double[] shift = new double[r];
      for (int j = 0; j < r; j++) {
        shift[j] = rng.nextDouble();
      }
      for (int i = 0; i < points; i++) {
        for (int j = 0; j < r; j++) {
          double u = s[i][j] + shift[j];
          u = u >= 1 ? u - 1 : u;
          assertThat(rule.node(k * points + i, j)).isEqualTo(NormalQuantile.of(u));
        }
      }
    }
  }

  @Test
  void quasiMonteCarloIsDeterministicAndDependsOnTheSeed() {
    GaussianRule a = GaussianRule.quasiMonteCarlo(6, 64, 4, 7);
    GaussianRule b = GaussianRule.quasiMonteCarlo(6, 64, 4, 7);
    GaussianRule c = GaussianRule.quasiMonteCarlo(6, 64, 4, 8);
    int differ = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < 6; j++) {
        assertThat(a.node(i, j)).isEqualTo(b.node(i, j));
        if (a.node(i, j) != c.node(i, j)) {
          differ++;
        }
      }
    }
    assertThat(differ).isEqualTo(a.size() * 6);
  }

  @Test
  void quasiMonteCarloMarginalsAreStandardNormal() {
    // 16 x 1024 points: first and second moments of each coordinate; measured errors <= 2e-4 (QMC),
    // tolerance 2e-3
    GaussianRule rule = GaussianRule.quasiMonteCarlo(4, 1024, 16, 1);
    for (int j = 0; j < 4; j++) {
      double m1 = 0;
      double m2 = 0;
      for (int i = 0; i < rule.size(); i++) {
        m1 += rule.weight(i) * rule.node(i, j);
        m2 += rule.weight(i) * rule.node(i, j) * rule.node(i, j);
      }
      assertThat(m1).isCloseTo(0, within(2e-3));
      assertThat(m2).isCloseTo(1, within(2e-3));
    }
  }

  @Test
  void forDimensionPicksGaussHermiteWhileFivePointsPerAxisFitThenQmc() {
    String[] expected = {
      "gauss-hermite 20^1 = 20 nodes",
      "gauss-hermite 20^2 = 400 nodes",
      "gauss-hermite 20^3 = 8000 nodes",
      "gauss-hermite 11^4 = 14641 nodes",
      "gauss-hermite 7^5 = 16807 nodes",
      "gauss-hermite 5^6 = 15625 nodes",
      "rqmc sobol 16 x 1250 (dim 7, seed 24301)",
      "rqmc sobol 16 x 1250 (dim 8, seed 24301)",
    };
    for (int r = 1; r <= expected.length; r++) {
      assertThat(GaussianRule.forDimension(r, 20000).description()).isEqualTo(expected[r - 1]);
    }
    assertThat(GaussianRule.forDimension(2, 25).description()).isEqualTo("gauss-hermite 5^2 = 25 nodes");
    assertThat(GaussianRule.forDimension(2, 24).description()).isEqualTo("rqmc sobol 16 x 1 (dim 2, seed 24301)");
    assertThat(GaussianRule.forDimension(40, 4096).description())
        .isEqualTo("rqmc sobol 16 x 256 (dim 40, seed 24301)");
    // the default QMC rule is quasiMonteCarlo(dim, budget/16, 16, 0x5EED), node for node
    GaussianRule d = GaussianRule.forDimension(9, 1000);
    GaussianRule q = GaussianRule.quasiMonteCarlo(9, 62, 16, 0x5EED);
    assertThat(d.size()).isEqualTo(q.size());
    assertThat(d.node(d.size() - 1, 8)).isEqualTo(q.node(q.size() - 1, 8));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> GaussianRule.gaussHermite(0, 3)).hasMessage("dim: must be >= 1, got 0");
    assertThatThrownBy(() -> GaussianRule.gaussHermite(2, 0)).hasMessage("pointsPerAxis: must be >= 1, got 0");
    assertThatThrownBy(() -> GaussianRule.gaussHermite(2, 65)).hasMessage("pointsPerAxis must be <= 64, got 65");
    assertThatThrownBy(() -> GaussianRule.gaussHermite(10, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20^10").hasMessageContaining("dim=10");
    assertThatThrownBy(() -> GaussianRule.quasiMonteCarlo(1001, 4, 2, 0))
        .hasMessage("dim must be <= 1000 for Sobol points, got 1001");
    assertThatThrownBy(() -> GaussianRule.quasiMonteCarlo(3, 0, 2, 0)).hasMessage("points: must be >= 1, got 0");
    assertThatThrownBy(() -> GaussianRule.quasiMonteCarlo(3, 4, 0, 0)).hasMessage("replicates: must be >= 1, got 0");
    assertThatThrownBy(() -> GaussianRule.quasiMonteCarlo(100, 1 << 20, 16, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many nodes");
    assertThatThrownBy(() -> GaussianRule.forDimension(7, 15))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget must be >= 16")
        .hasMessageContaining("got 15");
    assertThatThrownBy(() -> GaussianRule.forDimension(0, 100)).hasMessage("dim: must be >= 1, got 0");
    GaussianRule rule = GaussianRule.gaussHermite(2, 3);
    assertThatThrownBy(() -> rule.node(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
