package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.effdyn.model.common.Activation;
import org.junit.jupiter.api.Test;

/**
 * The named losses: hand-written gradient = forward-mode AD gradient (as {@link MultiIndexLoss} asks: every
 * hand gradient is tested against AD), values against the textbook formulas, kinks, and card errors.
 */
class NetworkLossTest {
  static final int P = 3;

  /** Every named loss: each activation with each output loss it accepts, trained and fixed heads, softmax. */
  static List<NetworkLoss> all() {
    List<NetworkLoss> l = new ArrayList<>();
    for (Activation a : Activation.values()) {
      for (OutputLoss o : OutputLoss.values()) {
        if (o == OutputLoss.HINGE && a != Activation.LINEAR) continue;
        l.add(NetworkLoss.twoLayer(P, a, o, null));
        l.add(NetworkLoss.twoLayer(P, a, o, new double[] {0.7, -1.2, 0.4}));
      }
      l.add(NetworkLoss.softmax(P, a));
    }
    return l;
  }

  static double[] label(NetworkLoss loss, UniformRandomProvider rng) {
    if (loss.output() == null) {
      double[] y = new double[P];
      y[rng.nextInt(P)] = 1;
      return y;
    }
    return new double[] {loss.output() == OutputLoss.SQUARED ? rng.nextDouble() * 2 - 1 : rng.nextBoolean() ? 1 : -1};
  }

  @Test
  void handGradientEqualsAdGradient() {
    // 200 random points per loss, s ~ N(0, 4); the two differ only by round-off.
    // Tolerance 1e-12 relative to max(1, |g|): erf's AD goes through Hipparchus' field erf.
    UniformRandomProvider rng = RandomStreams.stream(5, 0);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    int checked = 0;
    double worst = 0;
    for (NetworkLoss loss : all()) {
      int k0 = loss.k0();
      for (int n = 0; n < 200; n++) {
        double[] s = new double[P];
        double[] th = new double[k0];
        for (int a = 0; a < P; a++) s[a] = 2 * g.sample();
        for (int j = 0; j < k0; j++) th[j] = g.sample();
        double[] y = label(loss, rng);
        double[] g1 = new double[P], t1 = new double[k0], g2 = new double[P], t2 = new double[k0];
        loss.gradient(s, y, th, g1, t1);
        loss.gradientByAd(s, y, th, g2, t2);
        for (int a = 0; a < P; a++) {
          worst = Math.max(worst, Math.abs(g1[a] - g2[a]) / Math.max(1, Math.abs(g2[a])));
          assertThat(g1[a]).as("%s g[%d] at s=%s", loss, a, java.util.Arrays.toString(s)).isCloseTo(g2[a],
              within(1e-12 * Math.max(1, Math.abs(g2[a]))));
        }
        for (int j = 0; j < k0; j++) {
          assertThat(t1[j]).as("%s gamma[%d]", loss, j).isCloseTo(t2[j], within(1e-12 * Math.max(1, Math.abs(t2[j]))));
        }
        checked++;
      }
    }
    assertThat(all()).allSatisfy(l -> assertThat(l.hasFastGradient()).isTrue());
    System.out.printf("named losses: %d gradients, hand vs AD max relative difference %.1e%n", checked, worst);
  }

  @Test
  void valuesAreTheTextbookFormulas() {
    double[] s = {0.3, -1.1, 2.0};
    double[] a = {0.5, -0.8, 1.2};
    // tanh squared: (sum a_j tanh s_j - y)^2 / 2
    double f = 0;
    for (int j = 0; j < P; j++) f += a[j] * Math.tanh(s[j]);
    NetworkLoss sq = NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.SQUARED, null);
    assertThat(sq.valueAt(s, new double[] {1}, a)).isCloseTo(0.5 * (f - 1) * (f - 1), within(1e-15));
    // logistic with y = -1 on relu: log(1 + e^{f})
    double fr = a[0] * 0.3 + a[2] * 2.0;
    NetworkLoss lg = NetworkLoss.twoLayer(P, Activation.RELU, OutputLoss.LOGISTIC, a);
    assertThat(lg.valueAt(s, new double[] {-1}, new double[0])).isCloseTo(Math.log1p(Math.exp(fr)), within(1e-15));
    // no overflow far out in the tail: f = 400 gives log(1 + e^{-400}) = e^{-400}, f = -400 gives 400
    assertThat(lg.valueAt(new double[] {800, 0, 0}, new double[] {1}, new double[0])).isCloseTo(Math.exp(-400), within(1e-185));
    assertThat(lg.valueAt(new double[] {800, 0, 0}, new double[] {-1}, new double[0])).isCloseTo(400, within(1e-12));
    // hinge linear: max(0, 1 - y a.s)
    NetworkLoss h = NetworkLoss.twoLayer(P, Activation.LINEAR, OutputLoss.HINGE, a);
    double lin = a[0] * s[0] + a[1] * s[1] + a[2] * s[2];
    assertThat(h.valueAt(s, new double[] {-1}, new double[0])).isCloseTo(Math.max(0, 1 + lin), within(1e-15));
    // softmax linear: log sum e^s - s_c; sigmoid and erf outputs
    NetworkLoss sm = NetworkLoss.softmax(P, Activation.LINEAR);
    double lse = Math.log(Math.exp(0.3) + Math.exp(-1.1) + Math.exp(2.0));
    assertThat(sm.valueAt(s, new double[] {0, 1, 0}, new double[0])).isCloseTo(lse + 1.1, within(1e-14));
    assertThat(Activation.SIGMOID.value(0.7)).isCloseTo(1 / (1 + Math.exp(-0.7)), within(1e-16));
    assertThat(Activation.ERF.value(1.0)).isCloseTo(0.682689492137086, within(1e-15)); // P(|N(0,1)| < 1)
  }

  @Test
  void kinksAreDeclaredForReluAndHinge() {
    double[] normal = new double[P];
    NetworkLoss relu = NetworkLoss.twoLayer(P, Activation.RELU, OutputLoss.SQUARED, null);
    assertThat(relu).isInstanceOf(HasKinks.class);
    HasKinks k = (HasKinks) relu;
    assertThat(k.kinkCount()).isEqualTo(P);
    assertThat(k.kink(1, new double[] {1}, new double[] {1, 2, 3}, normal)).isZero();
    assertThat(normal).containsExactly(0, 1, 0);

    NetworkLoss hinge = NetworkLoss.twoLayer(P, Activation.LINEAR, OutputLoss.HINGE, null);
    HasKinks kh = (HasKinks) hinge;
    assertThat(kh.kinkCount()).isEqualTo(1);
    assertThat(kh.kink(0, new double[] {-1}, new double[] {0.5, -2, 1}, normal)).isEqualTo(1);
    assertThat(normal).containsExactly(-0.5, 2, -1);
    // the declared hyperplane is where the hinge's gradient jumps: y a.s = 1 - eps vs 1 + eps
    double[] s0 = {0.1, -0.2, 0.0}; // a.s0 = 0.05 + 0.4 = 0.45 (theta as head)
    double[] th = {0.5, -2, 1};
    double scale = -1 / 0.45; // y a.s = 1 on the line s = scale * s0 ... for y = -1
    double[] g = new double[P], gt = new double[P];
    hinge.gradient(mul(s0, scale * (1 - 1e-9)), new double[] {-1}, th, g, gt);
    assertThat(g[0]).isNotZero();
    hinge.gradient(mul(s0, scale * (1 + 1e-9)), new double[] {-1}, th, g, gt);
    assertThat(g[0]).isZero();

    assertThat(NetworkLoss.softmax(P, Activation.RELU)).isInstanceOf(HasKinks.class);
    assertThat(NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.LOGISTIC, null)).isNotInstanceOf(HasKinks.class);
    assertThat(NetworkLoss.softmax(P, Activation.ERF)).isNotInstanceOf(HasKinks.class);
  }

  private static double[] mul(double[] v, double c) {
    double[] o = v.clone();
    for (int i = 0; i < o.length; i++) o[i] *= c;
    return o;
  }

  @Test
  void shapesAndCardNames() {
    assertThat(NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.SQUARED, null).k0()).isEqualTo(P);
    assertThat(NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.SQUARED, new double[] {1, 1, 1}).k0()).isZero();
    assertThat(NetworkLoss.softmax(P, Activation.LINEAR).labelDimension()).isEqualTo(P);
    assertThat(NetworkLoss.named("Logistic", 2, Activation.parse("params.activation", "Sigmoid"), null).output())
        .isEqualTo(OutputLoss.LOGISTIC);
    assertThatThrownBy(() -> NetworkLoss.named("cross", 2, Activation.TANH, null))
        .hasMessageContaining("params.loss").hasMessageContaining("'cross'")
        .hasMessageContaining("softmax, squared, logistic, hinge");
    assertThatThrownBy(() -> Activation.parse("params.activation", "gelu"))
        .hasMessageContaining("params.activation").hasMessageContaining("erf, tanh, relu, sigmoid, linear");
    assertThatThrownBy(() -> NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.HINGE, null))
        .hasMessageContaining("hinge needs activation linear");
    assertThatThrownBy(() -> NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.SQUARED, new double[] {1, Double.NaN, 1}))
        .hasMessageContaining("head");
    assertThatThrownBy(() -> NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.SQUARED, new double[] {1, 1}))
        .hasMessageContaining("head");
    assertThatThrownBy(() -> NetworkLoss.named("softmax", P, Activation.LINEAR, new double[] {1, 1, 1}))
        .hasMessageContaining("params.head");
  }
}
