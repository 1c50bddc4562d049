package org.effdyn.model.generic;

import org.effdyn.core.Check;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.special.Erf;

/**
 * Activation σ of the named networks of {@link NetworkLoss}: the hidden units σ(s_a) of a two-layer
 * network, or the outputs of a softmax classifier. Each is written once over
 * {@link CalculusFieldElement} (so {@link MultiIndexLoss#gradientByAd} differentiates it, spec
 * generic.md §11(f)) and once in doubles with its derivative (the hand-written fast gradient).
 * <ul>
 *   <li>{@link #ERF}: σ(z) = erf(z/√2), the committee-machine convention (spec §4(a)); σ' = √(2/π) e^{−z²/2}.</li>
 *   <li>{@link #TANH}: σ(z) = tanh z.</li>
 *   <li>{@link #RELU}: σ(z) = max(z, 0) with the a.s. derivative 1{z &gt; 0} (§11(g)); the only one with a
 *       kink, at z = 0.</li>
 *   <li>{@link #SIGMOID}: σ(z) = 1/(1 + e^{−z}).</li>
 *   <li>{@link #LINEAR}: σ(z) = z.</li>
 * </ul>
 */
public enum Activation {
  ERF("erf"),
  TANH("tanh"),
  RELU("relu"),
  SIGMOID("sigmoid"),
  LINEAR("linear");

  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

  private final String key;

  Activation(String key) {
    this.key = key;
  }

  /** Card spelling. */
  public String key() {
    return key;
  }

  /** True if σ has a kink (ReLU at 0): its derivative jumps there (§11(g)). */
  public boolean kinked() {
    return this == RELU;
  }

  /**
   * Parses a card spelling (case-insensitive); the error names the field and lists the known names.
   *
   * @param field the card field, for the message (e.g. {@code params.activation})
   */
  public static Activation parse(String field, String s) {
    return Check.choice(field, s, Activation.class);
  }

  /** σ(z) over a field (for AD). */
  public <T extends CalculusFieldElement<T>> T apply(T z) {
    return switch (this) {
      case ERF -> Erf.erf(z.multiply(INV_SQRT2));
      case TANH -> z.tanh();
      case RELU -> z.getReal() > 0 ? z : z.getField().getZero();
      case SIGMOID -> z.negate().exp().add(1).reciprocal();
      case LINEAR -> z;
    };
  }

  /** σ(z). */
  public double value(double z) {
    return switch (this) {
      case ERF -> Erf.erf(z * INV_SQRT2);
      case TANH -> Math.tanh(z);
      case RELU -> z > 0 ? z : 0;
      case SIGMOID -> 1 / (1 + Math.exp(-z));
      case LINEAR -> z;
    };
  }

  /** σ'(z) given v = σ(z) (tanh and sigmoid reuse v: 1 − v², v(1 − v)). */
  public double derivative(double z, double v) {
    return switch (this) {
      case TANH -> 1 - v * v;
      case SIGMOID -> v * (1 - v);
      default -> derivative(z);
    };
  }

  /** σ'(z) (ReLU: 1{z &gt; 0}). */
  public double derivative(double z) {
    return switch (this) {
      case ERF -> SQRT_TWO_OVER_PI * Math.exp(-0.5 * z * z);
      case TANH -> {
        double t = Math.tanh(z);
        yield 1 - t * t;
      }
      case RELU -> z > 0 ? 1 : 0;
      case SIGMOID -> {
        double e = 1 / (1 + Math.exp(-z));
        yield e * (1 - e);
      }
      case LINEAR -> 1;
    };
  }
}
