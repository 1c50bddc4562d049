package org.effdyn.model.committee;

import java.util.Locale;
import org.effdyn.core.ParameterException;
import org.effdyn.model.common.Activation;

/**
 * Odd input nonlinearity f of the hidden-manifold model, X = f(Fᵀc/√D) (docs/committee.md), with
 * its constants for u ~ N(0, 1): a = E f(u) = 0 (odd f only: Bae &amp; Jeong's two definitions of Q,
 * (S22) and (S42), agree only for a = 0; docs/corrections.md), b = E[u f(u)],
 * c = E f(u)².
 * <ul>
 *   <li>{@link #SGN}: f = sgn (Bae &amp; Jeong's experiments): b = √(2/π), c = 1.</li>
 *   <li>{@link #ERF}: f(u) = erf(u/√2): b = E f'(u) = 1/√π, c = (2/π) arcsin(1/2) = 1/3.</li>
 *   <li>{@link #LINEAR}: f(u) = u: b = c = 1 (X is then exactly Gaussian, a sanity mode).</li>
 * </ul>
 */
public enum InputNonlinearity {
  SGN("sgn", Math.sqrt(2 / Math.PI), 1),
  ERF("erf", 1 / Math.sqrt(Math.PI), 1.0 / 3),
  LINEAR("linear", 1, 1);

  private final String key;
  private final double b;
  private final double c;

  InputNonlinearity(String key, double b, double c) {
    this.key = key;
    this.b = b;
    this.c = c;
  }

  public String key() {
    return key;
  }

  /** a = E f(u) = 0 (f is odd). */
  public double a() {
    return 0;
  }

  /** b = E[u f(u)]. */
  public double b() {
    return b;
  }

  /** c = E f(u)². */
  public double c() {
    return c;
  }

  /** f(u). sgn(0) = 0 (probability zero). */
  public double f(double u) {
    return switch (this) {
      case SGN -> u > 0 ? 1 : u < 0 ? -1 : 0;
      case ERF -> Activation.erf(u / Math.sqrt(2));
      case LINEAR -> u;
    };
  }

  /** Parses the card spelling; the error names {@code params.f}. */
  public static InputNonlinearity parse(String s) {
    String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    for (InputNonlinearity f : values()) if (f.key.equals(t)) return f;
    throw new ParameterException("params.f", s, "must be an odd input nonlinearity: sgn, erf or linear; got '" + s + "'");
  }
}
