package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;

/** Input validation, error messages and bookkeeping of the generic engine. */
class GenericLimitTest {
  static final double[][] I2 = {{1, 0}, {0, 1}};

  @Test
  void dependentMeansAreRejectedWithAClearError() {
    assertThatThrownBy(() -> AnchoredMixture.classLabelled(new double[][] {{1, 1}, {1, 1}}, new double[] {0.5, 0.5}, I2, 1,
        I2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linearly independent");
  }

  @Test
  void badMixtureFieldsAreNamed() {
    assertThatThrownBy(() -> AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.6}, I2, 1, I2))
        .hasMessageContaining("probs: must sum to 1");
    assertThatThrownBy(() -> AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, Double.NaN, I2))
        .hasMessageContaining("lambda");
    assertThatThrownBy(() -> AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, new double[][] {{1, 0}}, 1, I2))
        .hasMessageContaining("means: must have one row per class");
    assertThatThrownBy(() -> AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, 1, new double[][] {{1}}))
        .hasMessageContaining("labels must have one row per class");
    assertThatThrownBy(() -> new AnchoredMixture(I2, new double[] {1}, new double[][] {{0, 0}}, 1,
        LabelModel.teacher(new double[] {1}, Math::tanh, 0))).hasMessageContaining("vstar");
    assertThatThrownBy(() -> new GenericOptions(0, 0, 0, 0, null, null, null, null, 3)).hasMessageContaining("c_delta");
    // lambda = inf is allowed
    assertThat(AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, Double.POSITIVE_INFINITY, I2).noiseless())
        .isTrue();
  }

  @Test
  void labelDimensionMismatchIsAnError() {
    AnchoredMixture law = AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, 1, I2);
    assertThatThrownBy(() -> new GenericLimit(law, Losses.softmaxCe(3, true), GenericOptions.of(1, 0)))
        .hasMessageContaining("label dimension");
  }

  /** A loss that is NaN for s_1 > 1: log(1 - s_1). */
  static final MultiIndexLoss NAN_LOSS = new MultiIndexLoss(2, 0, 2) {
    @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
      return s[0].negate().add(1).log().add(s[1].multiply(y[1]));
    }
  };

  @Test
  void nonFiniteGradientNamesTheNodeAndTheState() {
    AnchoredMixture law = AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, 1, I2);
    GenericLimit e = new GenericLimit(law, NAN_LOSS, GenericOptions.of(1, 0).withQuadrature(Quadrature.gaussHermite(5)));
    double[] u = e.statistics().pack(new double[][] {{1, 0}, {0, 1}}, I2, null);
    assertThatThrownBy(() -> e.drift(u, new double[u.length])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite at quadrature node").hasMessageContaining("class")
        .hasMessageContaining("s = [").hasMessageContaining("m[1,1]=1.0");
  }

  @Test
  void nonPsdRperpIsAnError() {
    AnchoredMixture law = AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, 1, I2);
    GenericLimit e = new GenericLimit(law, Losses.softmaxCe(2, true), GenericOptions.of(1, 0));
    double[] u = e.statistics().pack(new double[2][2], new double[][] {{1, 2}, {2, 1}}, null);
    assertThatThrownBy(() -> e.drift(u, new double[u.length])).hasMessageContaining("Rperp must be positive semidefinite")
        .hasMessageContaining("Rperp[1,2]=2.0");
  }

  @Test
  void tooManyDimensionsForTheRuleIsAClearError() {
    // 6 indices, class labels: r = 6 with 64 Gauss-Hermite points per axis is 6.9e10 nodes
    int p = 6;
    double[][] labels = {{1}, {0}};
    AnchoredMixture law = AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, 1, labels);
    MultiIndexLoss loss = new MultiIndexLoss(p, 0, 1) {
      @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
        T z = s[0];
        for (int a = 1; a < s.length; a++) z = z.add(s[a].tanh());
        return z.multiply(z).multiply(0.5);
      }
    };
    GenericLimit e = new GenericLimit(law, loss, GenericOptions.of(1, 0).withQuadrature(Quadrature.gaussHermite(64)));
    double[][] rp = new double[p][p];
    for (int a = 0; a < p; a++) rp[a][a] = 1;
    double[] u = e.statistics().pack(new double[p][2], rp, null);
    assertThatThrownBy(() -> e.drift(u, new double[u.length])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("r = 6 dimensions").hasMessageContaining("rqmc");
    // the auto recipe falls back to a sparse grid in 6 dimensions (8^6 > 2^16 nodes would be needed for 8 points)
    GenericLimit auto = new GenericLimit(law, loss, GenericOptions.of(1, 0));
    assertThat(auto.report(u).rule()).startsWith("smolyak gauss-hermite level");
    assertThat(auto.report(u).errorKind()).isEqualTo("smolyak level l vs l-1");
  }

  @Test
  void rankAdaptsAndTheSymmetricRootKeepsTheDimension() {
    // R_perp of rank 1 and m = 0 (class labels): rank R = 1, so r = 1 (regression, equalized) but r = p = 2
    // with the symmetric root (fixed dimension, continuous drift)
    AnchoredMixture law = AnchoredMixture.classLabelled(I2, new double[] {0.5, 0.5}, I2, 2, I2);
    double[] u = StatisticsLayout.of(2, 2, 0).pack(new double[2][2], new double[][] {{1, 1}, {1, 1}}, null);
    GenericOptions o = GenericOptions.of(1, 0.1).withQuadrature(Quadrature.gaussHermite(20));
    GenericLimit eq = new GenericLimit(law, Losses.softmaxCe(2, true), o);
    GenericLimit sym = new GenericLimit(law, Losses.softmaxCe(2, true), o.withRoot(GenericOptions.Root.SYMMETRIC));
    assertThat(eq.integrationDimension(u)).isEqualTo(1);
    assertThat(sym.integrationDimension(u)).isEqualTo(2);
    double[] h1 = new double[u.length];
    double[] h2 = new double[u.length];
    eq.drift(u, h1);
    sym.drift(u, h2);
    // both exact integrals of the same smooth function of one Gaussian; GH 20 in 1-D is near rounding
    assertThat(GenericKgmmTest.maxDiff(h1, h2)).isLessThan(1e-12);
  }

  @Test
  void gaussHermiteErrorEstimateBoundsTheTrueError() {
    // k-GMM lambda = 1: the estimate of GH 10^3 (against GH 8^3) must exceed its true error (against GH 30^3);
    // the earlier n vs 1.4n estimate gave 7.5e-5 for a true 8.3e-5
    GenericLimit coarse = new GenericLimit(GenericKgmmTest.law(1), Losses.softmaxCe(3, true),
        GenericOptions.of(1, 0.1).withQuadrature(Quadrature.gaussHermite(10)));
    GenericLimit fine = new GenericLimit(GenericKgmmTest.law(1), Losses.softmaxCe(3, true), GenericOptions.of(1, 0.1));
    double[] u = GenericKgmmTest.state(2);
    double[] h = new double[u.length];
    double[] err = new double[u.length];
    double[] ref = new double[u.length];
    coarse.drift(u, h, err);
    fine.drift(u, ref);
    double est = 0;
    for (double x : err) est = Math.max(est, x);
    double truth = GenericKgmmTest.maxDiff(h, ref);
    System.out.printf("k-GMM GH10^3 error: estimated %.1e, true %.1e%n", est, truth);
    assertThat(est).isGreaterThanOrEqualTo(truth);
    assertThat(est).isLessThan(1e-2);
  }

  @Test
  void driftWithHandGradientAllocatesNothing() {
    // hot path: per-thread workspaces; three cases cover the GH, RQMC-with-classes and
    // pre-integrated loops. Threshold as KgmmFiniteTest (2 kB over 50 calls: measurement slack)
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    GenericLimit[] engines = {
        new GenericLimit(GenericKgmmTest.law(1), Losses.softmaxCe(3, true), GenericOptions.of(1, 0.1)
            .withQuadrature(Quadrature.gaussHermite(6))),
        GenericXorTest.engine(4, 4, Quadrature.rqmc(64, 4, 1)),
        GenericXorTest.engine(1, 4, Quadrature.auto())};
    double[][] states = {GenericKgmmTest.state(0), xorState(4), xorState(1)};
    for (int k = 0; k < engines.length; k++) {
      double[] u = states[k];
      double[] f = new double[u.length];
      for (int i = 0; i < 50; i++) engines[k].drift(u, f);
      long id = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(id);
      for (int i = 0; i < 50; i++) engines[k].drift(u, f);
      assertThat(mx.getThreadAllocatedBytes(id) - before).as("engine %d", k).isLessThan(2_000);
    }
  }

  static double[] xorState(int k) {
    org.effdyn.model.xor.XorGmm model = new org.effdyn.model.xor.XorGmm(k, 4, 0.05, 1);
    GenericLimit e = GenericXorTest.engine(k, 4, Quadrature.auto());
    double[] g = new double[model.layout().size()];
    GenericXorTest.map(e, model).toGeneric(GenericXorTest.state(model, 3), g);
    return g;
  }
}
