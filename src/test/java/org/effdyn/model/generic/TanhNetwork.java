package org.effdyn.model.generic;

import org.effdyn.model.common.Activation;

/**
 * The model of {@code models/generic-tanh.yaml} (docs/generic.md), which has no hand-written drift: three
 * classes +μ_1, −μ_1 (label +1) and +μ_2 (label −1) with weights 0.3 / 0.3 / 0.4, μ_1·μ_2 = 0.4, λ = 3;
 * a two-layer network Σ_j a_j tanh(s_j) with p = 3 and a trained head, squared loss, β = 0.02 on both
 * layers, c_δ = c_θ = 0.8.
 */
final class TanhNetwork {
  static final int P = 3;
  static final double[][] NBAR = {{1.0, 0.4}, {0.4, 1.0}};
  static final double[] PROBS = {0.3, 0.3, 0.4};
  static final double[][] MEANS = {{1, 0}, {-1, 0}, {0, 1}};
  static final double[][] LABELS = {{1}, {1}, {-1}};
  static final double LAMBDA = 3;
  static final double BETA = 0.02;
  static final double C_DELTA = 0.8;
  static final double[][] M0 = {{0.6, -0.3}, {-0.4, 0.5}, {0.2, 0.4}};
  static final double[] HEAD0 = {0.8, -0.6, 0.5};

  private TanhNetwork() {}

  static AnchoredMixture law() {
    return AnchoredMixture.classLabelled(NBAR, PROBS, MEANS, LAMBDA, LABELS);
  }

  static NetworkLoss loss() {
    return NetworkLoss.twoLayer(P, Activation.TANH, OutputLoss.SQUARED, null);
  }

  /** GH 16^r on the regression form's r = 3 directions. */
  static GenericOptions options() {
    return GenericOptions.of(C_DELTA, BETA).withQuadrature(Quadrature.gaussHermite(16));
  }

  /** Planted m(0) and a(0), R⊥(0) = I exactly. */
  static GenericStart start() {
    return new GenericStart(1.0, M0, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, HEAD0);
  }

  static GenericModel model() {
    return new GenericModel(law(), loss(), options(), start());
  }
}
