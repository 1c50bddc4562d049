package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CoefficientsTest {

  static Algorithm[] algorithms() {
    return new Algorithm[] {new Algorithm.Gd(0.5), new Algorithm.WeightDecay(0.4, 0.3),
        new Algorithm.HeavyBall(0.5, 0.5), new Algorithm.EmaMomentum(0.4, 0.7),
        new Algorithm.Nesterov(0.3, 0.6)};
  }

  /** Closed forms of the table in {@link Algorithm} (derived independently of the recursions), k = l − μ. */
  static double closedLambda(Algorithm a, int mu, int l) {
    if (l <= mu) return 0;
    int k = l - mu;
    if (a instanceof Algorithm.Gd g) return g.eta();
    if (a instanceof Algorithm.WeightDecay w) return w.eta() * Math.pow(1 - w.eta() * w.kappa(), k - 1);
    if (a instanceof Algorithm.HeavyBall h) return h.eta() * (1 - Math.pow(h.s(), k)) / (1 - h.s());
    if (a instanceof Algorithm.EmaMomentum e) return e.eta() * (1 - Math.pow(e.s(), k));
    Algorithm.Nesterov n = (Algorithm.Nesterov) a;
    return n.eta() * (1 - Math.pow(n.s(), k + 1)) / (1 - n.s());
  }

  static double closedSmallLambda(Algorithm a, int l) {
    return a instanceof Algorithm.WeightDecay w ? Math.pow(1 - w.eta() * w.kappa(), l) : 1;
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void symbolicRunMatchesClosedForms(Algorithm a) {
    int n = 12;
    Coefficients c = Coefficients.of(a, n);
    double err = 0;
    for (int l = 0; l < n; l++) {
      err = Math.max(err, Math.abs(c.lambda(l) - closedSmallLambda(a, l)));
      for (int mu = 0; mu < n; mu++) {
        err = Math.max(err, Math.abs(c.bigLambda(mu, l) - closedLambda(a, mu, l)));
      }
    }
    // Both sides are O(12) rounded operations on O(1) numbers: 1e-15 is a few ulps.
    assertThat(err).as(a.name()).isLessThan(1e-15);
  }

  /** The same recursion on R^d vectors is the Λ form: θ(l) = λ(l)θ0 − Σ_{μ<l} Λ(μ,l) q(μ). */
  @ParameterizedTest
  @MethodSource("algorithms")
  void vectorRunIsTheLambdaForm(Algorithm a) {
    int n = 9;
    int d = 5;
    Random r = new Random(7);
    double[] th0 = new double[d];
    double[][] q = new double[n][d];
    for (int i = 0; i < d; i++) th0[i] = r.nextGaussian();
    for (double[] row : q) for (int i = 0; i < d; i++) row[i] = r.nextGaussian();
    Coefficients c = Coefficients.of(a, n);
    LinearRecursion.Run run = a.start(th0);
    double err = 0;
    for (int l = 0; l < n; l++) {
      double[] th = run.query();
      for (int i = 0; i < d; i++) {
        double v = c.lambda(l) * th0[i];
        for (int mu = 0; mu < l; mu++) v -= c.bigLambda(mu, l) * q[mu][i];
        err = Math.max(err, Math.abs(th[i] - v));
      }
      run.update(q[l]);
    }
    assertThat(err).as(a.name()).isLessThan(1e-13);
  }

  @Test
  void rejectsNonCausalRecursion() {
    // "Looks ahead": the query point at step l already contains q(l).
    LinearRecursion cheat = new LinearRecursion() {
      @Override public String name() { return "cheat"; }

      @Override public Run start(double[] theta0) {
        double[] th = theta0.clone();
        return new Run() {
          int l = 0;

          @Override public double[] query() {
            if (th.length > 2 + l) th[1 + l] -= 1;      // q(l) = e_{1+l} in the symbolic run
            return th;
          }

          @Override public void update(double[] q) {
            l++;
          }
        };
      }
    };
    assertThatThrownBy(() -> Coefficients.of(cheat, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not causal").hasMessageContaining("l = 0").hasMessageContaining("q(0)");
  }

  @Test
  void rejectsNonCausalMatrix() {
    double[][] big = new double[3][3];
    big[2][1] = 0.5;
    assertThatThrownBy(() -> new Coefficients(new double[] {1, 1, 1}, big))
        .hasMessageContaining("Lambda(2,1)").hasMessageContaining("causal").hasMessageContaining("0.5");
    double[][] diag = new double[2][2];
    diag[1][1] = 0.1;
    assertThatThrownBy(() -> new Coefficients(new double[] {1, 1}, diag))
        .hasMessageContaining("Lambda(1,1)");
    assertThatThrownBy(() -> new Coefficients(new double[] {1, Double.NaN}, new double[2][2]))
        .hasMessageContaining("lambda[1]").hasMessageContaining("NaN");
  }

  @Test
  void parsesCardNames() {
    assertThat(Algorithm.of("heavy_ball", 0.5, 0.5, 0)).isEqualTo(new Algorithm.HeavyBall(0.5, 0.5));
    assertThat(Algorithm.of("weight_decay", 0.5, 0, 0.1))
        .isEqualTo(new Algorithm.WeightDecay(0.5, 0.1));
    assertThatThrownBy(() -> Algorithm.of("adam", 0.5, 0, 0)).hasMessageContaining("'adam'");
    assertThatThrownBy(() -> new Algorithm.HeavyBall(0.5, 1.0)).hasMessageContaining("s: must be")
        .hasMessageContaining("1.0");
    assertThatThrownBy(() -> new Algorithm.Gd(-1)).hasMessageContaining("eta")
        .hasMessageContaining("-1");
  }
}
