package org.effdyn.model.singleindex;

import java.util.Locale;
import org.effdyn.core.Check;

/**
 * Link functions of the teacher–student GLM (docs/singleindex.md), with their derivatives (used by
 * the gradient g'(⟨a, x⟩) and by Price's theorem for φ'). Every link here has finite moments of
 * all orders under N(0, 1); {@link SingleIndexLoss} still checks ‖f‖² numerically.
 */
public enum Link {
  /** f(z) = z: u_1 = 1, information exponent 1. */
  LINEAR {
    @Override public double value(double z) { return z; }
    @Override public double derivative(double z) { return 1; }
  },
  /** f(z) = max(z, 0): u_1 = 1/2, information exponent 1. */
  RELU {
    @Override public double value(double z) { return z > 0 ? z : 0; }
    @Override public double derivative(double z) { return z > 0 ? 1 : 0; }
  },
  /** Phase retrieval f(z) = z² = √2 h_2 + h_0: information exponent 2. */
  SQUARE {
    @Override public double value(double z) { return z * z; }
    @Override public double derivative(double z) { return 2 * z; }
  },
  /** The normalized Hermite polynomial h_3 = (z³ - 3z)/√6: information exponent 3. */
  H3 {
    @Override public double value(double z) { return (z * z * z - 3 * z) / Math.sqrt(6); }
    @Override public double derivative(double z) { return (3 * z * z - 3) / Math.sqrt(6); }
  },
  /** f(z) = tanh(z): odd, information exponent 1. */
  TANH {
    @Override public double value(double z) { return Math.tanh(z); }
    @Override public double derivative(double z) {
      double c = Math.cosh(z);
      return 1 / (c * c);
    }
  };

  public abstract double value(double z);

  public abstract double derivative(double z);

  /** Card spelling, lower case. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a card value for the named field; the error lists the known links. */
  public static Link parse(String field, Object value) {
    return Check.choice(field, value, Link.class);
  }
}
