package org.effdyn.model.singleindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

/** Closed forms, oracles and bad input of the single-index models (docs/singleindex.md; SGD comparisons are in the validation test). */
class SingleIndexTest {
  static double drift(Dynamics d, double u) {
    double[] o = new double[1];
    d.drift(new double[] {u}, o);
    return o[0];
  }

  @Test
  void onlinePcaBallisticIsTheClosedFormOde() {
    double lambda = 2;
    double delta = 0.5;
    Dynamics d = SingleIndex.onlinePca(lambda, delta).limit(Regime.BALLISTIC);
    for (double m : new double[] {-0.9, -0.2, 0, 0.3, 0.7, 1}) {
      double expected = 2 * delta * lambda * m * (1 - m * m) - 2 * delta * delta * m * (1 + lambda * m * m);
      assertThat(drift(d, m)).isCloseTo(expected, offset(1e-14));
    }
  }

  @Test
  void onlinePcaFixedPointAndStability() {
    assertThat(SingleIndexOracles.onlinePcaFixedPoint(2, 0.5)).isCloseTo(0.70711, offset(5e-6));
    List<SingleIndexOracles.FixedPoint> fps = SingleIndexOracles.fixedPoints(SingleIndex.onlinePca(2, 0.5));
    assertThat(fps).hasSize(2);
    assertThat(fps.get(0).m()).isEqualTo(0.0);
    assertThat(fps.get(0).stable()).isFalse(); // λ > δ: equator unstable, slope 2δ(λ - δ) = 1.5
    assertThat(fps.get(0).slope()).isCloseTo(1.5, offset(1e-6));
    assertThat(fps.get(1).m()).isCloseTo(Math.sqrt(0.5), offset(1e-12));
    assertThat(fps.get(1).stable()).isTrue();
    // below the step-size threshold λ < δ: only the equator, stable
    List<SingleIndexOracles.FixedPoint> below = SingleIndexOracles.fixedPoints(SingleIndex.onlinePca(0.4, 0.5));
    assertThat(below).hasSize(1);
    assertThat(below.get(0).stable()).isTrue();
    assertThatThrownBy(() -> SingleIndexOracles.onlinePcaFixedPoint(0.4, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlinePcaDiffusiveLimit() {
    SingleIndex p = SingleIndex.onlinePca(2, 0.5);
    Dynamics d = p.limit(Regime.DIFFUSIVE);
    assertThat(drift(d, 1.3)).isCloseTo(2 * 0.5 * (2 - 0.5) * 1.3, offset(1e-12));
    double[][] b = new double[1][1];
    d.diffusion(new double[] {0}, b);
    assertThat(b[0][0]).isCloseTo(2 * 0.5 * Math.sqrt(3), offset(1e-14));
    // finite N keeps the (1 - m²) factor: exact value -δ√N(1-m²)φ′(m) - 2δ² m̃
    Dynamics fin = p.withN(100).limit(Regime.DIFFUSIVE);
    double mt = 3;
    double m = mt / 10;
    assertThat(drift(fin, mt)).isCloseTo(0.5 * 10 * (1 - m * m) * 2 * 2 * m - 2 * 0.25 * mt, offset(1e-12));
  }

  @Test
  void hermiteCoefficientsOfTheDocumentedExamples() {
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.LINEAR, 1)).isCloseTo(1, offset(1e-13));
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.SQUARE, 0)).isCloseTo(1, offset(1e-13));
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.SQUARE, 1)).isCloseTo(0, offset(1e-13));
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.SQUARE, 2)).isCloseTo(Math.sqrt(2), offset(1e-13));
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.RELU, 1)).isCloseTo(0.5, offset(1e-13));
    // u_0(relu) = E max(z,0) = 1/√(2π); the rule splits at the kink, so this is exact to rounding
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.RELU, 0)).isCloseTo(1 / Math.sqrt(2 * Math.PI), offset(1e-12));
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.H3, 3)).isCloseTo(1, offset(1e-12));
    assertThat(SingleIndexLoss.Glm.hermiteCoefficient(Link.H3, 1)).isCloseTo(0, offset(1e-12));
  }

  @Test
  void informationExponents() {
    assertThat(SingleIndex.glm(Link.LINEAR, Link.LINEAR, 0, 0.5).informationExponent()).isEqualTo(1);
    assertThat(SingleIndex.glm(Link.SQUARE, Link.SQUARE, 0, 0.5).informationExponent()).isEqualTo(2);
    assertThat(SingleIndex.glm(Link.RELU, Link.RELU, 0, 0.5).informationExponent()).isEqualTo(1);
    assertThat(SingleIndex.glm(Link.H3, Link.H3, 0, 0.5).informationExponent()).isEqualTo(3);
    assertThat(SingleIndex.glm(Link.TANH, Link.TANH, 0, 0.5).informationExponent()).isEqualTo(1);
    assertThat(SingleIndex.onlinePca(2, 0.5).informationExponent()).isEqualTo(2);
    assertThat(SingleIndex.tensor(3, 1, 0.5).informationExponent()).isEqualTo(3);
    assertThat(SingleIndex.binaryGmm(0.5, 0.5).informationExponent()).isEqualTo(1);
    assertThat(SingleIndex.binaryGmm(0, 0.5).informationExponent()).isEqualTo(2);
  }

  @Test
  void binaryGmmExponentOneVersusTwo() {
    double h = 0.5;
    SingleIndexLoss l = SingleIndex.binaryGmm(h, 0.5).loss();
    // φ′(0) = -tanh(h) E tanh(z + h) < 0: check against an independent 1-D Simpson integral
    double et = simpson(z -> Math.tanh(z + h) * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI));
    // 64-point GH on tanh (poles at ±iπ/2) vs Simpson: measured difference 2.7e-9
    assertThat(l.phiPrime(0)).isCloseTo(-Math.tanh(h) * et, offset(1e-8));
    assertThat(l.phiPrime(0)).isLessThan(-0.1);
    SingleIndexLoss l0 = SingleIndex.binaryGmm(0, 0.5).loss();
    assertThat(l0.phiPrime(0)).isCloseTo(0, offset(1e-14));
    double sech2 = simpson(z -> Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / (Math.cosh(z) * Math.cosh(z)));
    assertThat(l0.phiSecondAtZero()).isCloseTo(-sech2, offset(1e-8));
    // φ′ is the derivative of φ (central differences, step 1e-4: error ~1e-9)
    for (double m : new double[] {-0.5, 0.1, 0.6}) {
      assertThat(l.phiPrime(m)).isCloseTo((l.phi(m + 1e-4) - l.phi(m - 1e-4)) / 2e-4, offset(1e-7));
    }
    // V(0) = E tanh²(z + h)
    double t2 = simpson(z -> Math.pow(Math.tanh(z + h), 2) * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI));
    assertThat(l.v(0)).isCloseTo(t2, offset(1e-8));
  }

  static double simpson(java.util.function.DoubleUnaryOperator f) {
    int n = 20000;
    double a = -12;
    double b = 12;
    double hh = (b - a) / n;
    double s = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * hh);
    return s * hh / 3;
  }

  @Test
  void glmClosedForms() {
    double c = 0.3;
    SingleIndexLoss lin = SingleIndex.glm(Link.LINEAR, Link.LINEAR, c, 0.5).loss();
    SingleIndexLoss sq = SingleIndex.glm(Link.SQUARE, Link.SQUARE, 0, 0.5).loss();
    for (double m : new double[] {-0.4, 0, 0.5, 0.9}) {
      // well-specified Mehler form φ = 2 Σ u_k² (1 - m^k) + C_ε
      assertThat(lin.phi(m)).isCloseTo(2 * (1 - m) + c, offset(1e-12));
      assertThat(lin.phiPrime(m)).isCloseTo(-2, offset(1e-12));
      assertThat(lin.v(m)).isCloseTo(8 * (1 - m) + 4 * c, offset(1e-12));
      assertThat(sq.phi(m)).isCloseTo(4 * (1 - m * m), offset(1e-11));
      assertThat(sq.phiPrime(m)).isCloseTo(-8 * m, offset(1e-11));
    }
    // V_θ = 4(E z0⁴ + 1 + C) - (2·1·1)² = 12 + 4C for f = g = identity
    assertThat(lin.vTheta()).isCloseTo(12 + 4 * c, offset(1e-12));
    // relu: Price's φ′ against the derivative of φ; closed form φ′(0) = -2 E[1{z0>0}] E[1{z1>0}] = -1/2
    SingleIndexLoss relu = SingleIndex.glm(Link.RELU, Link.RELU, 0, 0.5).loss();
    assertThat(relu.phiPrime(0)).isCloseTo(-0.5, offset(1e-12));
    // closed form for relu: φ′(m) = -2 P(z0 > 0, z1 > 0) = -2 (1/4 + asin(m)/(2π)) (rule split at both kinks)
    for (double m : new double[] {-0.6, 0.3, 0.8}) {
      assertThat(relu.phiPrime(m)).isCloseTo(-2 * (0.25 + Math.asin(m) / (2 * Math.PI)), offset(1e-10));
      // φ′ is the derivative of φ (central difference, step 1e-4: error ~1e-8 times φ‴)
      assertThat(relu.phiPrime(m)).isCloseTo((relu.phi(m + 1e-4) - relu.phi(m - 1e-4)) / 2e-4, offset(1e-6));
    }
  }

  @Test
  void badInputNamesTheField() {
    for (double d : new double[] {0, -1, Double.POSITIVE_INFINITY, Double.NaN}) {
      assertThatThrownBy(() -> SingleIndex.onlinePca(2, d)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("params.delta");
    }
    assertThatThrownBy(() -> ModelRegistry.get("single-index").create(Map.of("loss", "glm", "f", "cubic")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.f");
    assertThatThrownBy(() -> ModelRegistry.get("single-index").create(Map.of("loss", "nope")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.loss");
    assertThatThrownBy(() -> SingleIndex.glm(Link.LINEAR, Link.SQUARE, 0, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no information exponent");
    assertThatThrownBy(() -> SingleIndex.tensor(1, 1, 0.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("params.order");
    assertThatThrownBy(() -> SingleIndex.binaryGmm(0.5, 0.5).limit(Regime.DIFFUSIVE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.N");
    assertThatThrownBy(() -> SingleIndex.glm(Link.LINEAR, Link.LINEAR, -1, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.c_eps");
  }

  @Test
  void factoryBuildsFromACard() {
    SingleIndex m = (SingleIndex) ModelRegistry.get("single-index")
        .create(Map.of("loss", "glm", "f", "relu", "g", "relu", "c_eps", 0.1, "delta", 0.2));
    assertThat(m.kind()).isEqualTo(SingleIndex.Kind.GLM);
    assertThat(m.f()).isEqualTo(Link.RELU);
    assertThat(m.parameters()).containsEntry("information_exponent", 1);
  }

  @Test
  void simulatorStaysOnTheSphereAndUsesTimeStepsOverN() {
    for (SingleIndex model : List.of(SingleIndex.onlinePca(2, 0.5), SingleIndex.binaryGmm(0.5, 0.5),
        SingleIndex.glm(Link.RELU, Link.RELU, 0.1, 0.5), SingleIndex.tensor(3, 2, 0.5))) {
      SingleIndexSimulator sim = new SingleIndexSimulator(model, 300, Regime.BALLISTIC);
      assertThat(sim.timePerStep()).isEqualTo(1.0 / 300);
      sim.initialize(RandomStreams.stream(3, 0), Map.of("m", 0.4));
      double[] u = new double[1];
      sim.statistics(u);
      assertThat(u[0]).isCloseTo(0.4, offset(1e-15));
      for (int i = 0; i < 1000; i++) sim.step();
      double s = 0;
      for (double xi : sim.position()) s += xi * xi;
      assertThat(s).isCloseTo(1, offset(1e-12));
    }
    SingleIndexSimulator sim = new SingleIndexSimulator(SingleIndex.onlinePca(2, 0.5), 400, Regime.DIFFUSIVE);
    sim.initialize(RandomStreams.stream(3, 1), Map.of("mtilde", 2.0));
    double[] u = new double[1];
    sim.statistics(u);
    assertThat(u[0]).isCloseTo(2.0, offset(1e-12));
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(3, 1), Map.of("m", 1.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("init.m");
    assertThatThrownBy(() -> sim.initialize(RandomStreams.stream(3, 1), Map.of("r2perp", 1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("init.r2perp");
  }

  @Test
  void stepAndDriftAllocateNothing() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    for (SingleIndex model : List.of(SingleIndex.onlinePca(2, 0.5), SingleIndex.binaryGmm(0.5, 0.5),
        SingleIndex.glm(Link.RELU, Link.RELU, 0.1, 0.5), SingleIndex.tensor(3, 2, 0.5))) {
      SingleIndexSimulator sim = new SingleIndexSimulator(model, 500, Regime.BALLISTIC);
      sim.initialize(RandomStreams.stream(1, 0), Map.of("m", 0.5));
      Dynamics d = model.limit(Regime.BALLISTIC);
      double[] u = new double[1];
      double[] o = new double[1];
      for (int i = 0; i < 20_000; i++) sim.step(); // warm up the JIT
      for (int i = 0; i < 2_000; i++) d.drift(u, o);
      long before = mx.getThreadAllocatedBytes(id);
      for (int i = 0; i < 20_000; i++) {
        sim.step();
        sim.statistics(u);
      }
      for (int i = 0; i < 2_000; i++) d.drift(u, o);
      long bytes = mx.getThreadAllocatedBytes(id) - before;
      // one allocation per call would be >= 16 bytes * 20000; allow measurement noise
      assertThat(bytes).as(model.kind().key()).isLessThan(2_000);
    }
  }
}
