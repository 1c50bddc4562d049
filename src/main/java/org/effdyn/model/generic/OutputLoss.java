package org.effdyn.model.generic;

import java.util.Arrays;
import java.util.Locale;
import org.effdyn.model.common.Activation;
import org.hipparchus.CalculusFieldElement;

/**
 * Loss φ(f, y) of a scalar network output f against a scalar label y, for the two-layer networks of
 * {@link NetworkLoss} (ℓ(s, y; a) = φ(Σ_j a_j σ(s_j), y)):
 * <ul>
 *   <li>{@link #SQUARED}: φ = (f − y)²/2, φ' = f − y (regression; the tanh network of
 *       {@code models/generic-tanh.yaml}, the committee of docs/committee.md).</li>
 *   <li>{@link #LOGISTIC}: φ = log(1 + e^{−y f}), φ' = −y/(1 + e^{y f}), labels y ∈ {−1, +1}. With
 *       y = 2y₀ − 1 this is the binary cross-entropy log(1 + e^f) − y₀ f of labels y₀ ∈ {0, 1} (XOR,
 *       docs/xor.md).</li>
 *   <li>{@link #HINGE}: φ = max(0, 1 − y f), a.s. derivative φ' = −y 1{y f &lt; 1} ({@link HasKinks}),
 *       labels ±1; kinked on the margin y f = 1.</li>
 * </ul>
 */
public enum OutputLoss {
  SQUARED("squared"),
  LOGISTIC("logistic"),
  HINGE("hinge");

  private final String key;

  OutputLoss(String key) {
    this.key = key;
  }

  /** Card spelling. */
  public String key() {
    return key;
  }

  /** Card spellings of every output loss. */
  static String known() {
    return String.join(", ", Arrays.stream(values()).map(OutputLoss::key).toList());
  }

  /** The output loss of a card spelling, or null if none matches. */
  static OutputLoss find(String s) {
    String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    for (OutputLoss o : values()) if (o.key.equals(t)) return o;
    return null;
  }

  /** φ(f, y) over a field (for AD). */
  public <T extends CalculusFieldElement<T>> T apply(T f, double y) {
    return switch (this) {
      case SQUARED -> f.subtract(y).square().multiply(0.5);
      case LOGISTIC -> Activation.softplus(f.multiply(-y));
      case HINGE -> {
        T margin = f.multiply(-y).add(1);
        yield margin.getReal() > 0 ? margin : f.getField().getZero();
      }
    };
  }

  /** φ(f, y). */
  public double value(double f, double y) {
    return switch (this) {
      case SQUARED -> 0.5 * (f - y) * (f - y);
      case LOGISTIC -> Activation.softplus(-y * f);
      case HINGE -> Math.max(0, 1 - y * f);
    };
  }

  /** ∂φ/∂f at (f, y). */
  public double derivative(double f, double y) {
    return switch (this) {
      case SQUARED -> f - y;
      case LOGISTIC -> -y / (1 + Math.exp(y * f));
      case HINGE -> y * f < 1 ? -y : 0;
    };
  }
}
