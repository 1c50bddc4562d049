package org.effdyn.model.committee;

import java.util.Set;
import org.effdyn.core.ParameterException;
import org.effdyn.model.common.Activation;

/**
 * The Gaussian integrals of the committee ODE for the activations g the committee supports (erf,
 * ReLU, linear; {@link #SUPPORTED}; docs/committee.md), as functions of the entries C_ij of
 * the covariance of the arguments in order (indices 1..4 = argument positions):
 * \[ I_2 = E[g(z_1) g(z_2)],\quad I_3 = E[g'(z_1)\, z_2\, g(z_3)],\quad
 *    I_4 = E[g'(z_1) g'(z_2) g(z_3) g(z_4)],\quad J_2 = E[g'(z_1) g'(z_2)]. \]
 * <ul>
 *   <li>{@link Activation#ERF}: the closed forms of Saad–Solla 1995 / Goldt et al. 2019, all four
 *       (stated at {@link #i2}, {@link #i3}, {@link #i4}, {@link #j2}).</li>
 *   <li>{@link Activation#RELU}: I2 (the arc-cosine kernel), J2 (an orthant probability) and I3 (by
 *       Stein's lemma, derived below) are closed forms. I4 = E[Θ(z_1)Θ(z_2) z_3⁺ z_4⁺] contains a
 *       4-variate orthant probability, which has no elementary closed form: it is computed by the
 *       Gaussian-expectation engine (see {@link CommitteeOde}); {@link #i4} throws for ReLU.</li>
 *   <li>{@link Activation#LINEAR}: the sanity mode: I2 = C12, I3 = C23, I4 = C34, J2 = 1.</li>
 * </ul>
 * ReLU I3 (derived here): Stein on z_2 gives
 * I3 = C12 E[δ(z_1) z_3⁺] + C23 E[Θ(z_1)Θ(z_3)], with E[δ(z_1) z_3⁺] = √(C11 C33 − C13²)/(2π C11)
 * and E[Θ(z_1)Θ(z_3)] = (π − arccos(C13/√(C11 C33)))/(2π). The ReLU forms need C11, C33 &gt; 0
 * (a student with |w| = 0 has no direction); arguments of arcsin/arccos are clamped into [−1, 1]
 * and those of square roots at 0, so round-off at singular covariances (perfect student) is harmless.
 * These are committee-specific (they hold for the committee's Gaussian arguments), so they live here
 * and not in {@link Activation}.
 */
public final class ActivationIntegrals {
  private ActivationIntegrals() {}

  /** The activations of the committee: erf, relu, linear (card {@code params.activation}). */
  public static final Set<Activation> SUPPORTED = Set.of(Activation.ERF, Activation.RELU, Activation.LINEAR);

  private static final double TWO_OVER_PI = 2 / Math.PI;
  private static final double FOUR_OVER_PI2 = 4 / (Math.PI * Math.PI);
  private static final double INV_2PI = 1 / (2 * Math.PI);

  /** Parses the card spelling among erf, relu, linear; the error names {@code params.activation}. */
  public static Activation parse(Object s) {
    return Activation.parse("params.activation", s, SUPPORTED);
  }

  /**
   * Requires g ∈ {@link #SUPPORTED}.
   *
   * @throws IllegalArgumentException naming {@code activation} otherwise
   */
  static Activation check(Activation g) {
    if (g == null) throw new ParameterException("activation", null, "must be given");
    if (!SUPPORTED.contains(g)) {
      throw new ParameterException("activation", g.key(), "the committee supports erf, relu and linear, got " + g.key());
    }
    return g;
  }

  /** True if {@link #i4} is a closed form (erf, linear); false for ReLU and the unsupported ones. */
  public static boolean hasClosedFormI4(Activation g) {
    return g == Activation.ERF || g == Activation.LINEAR;
  }

  /** I2 = E[g(z_1) g(z_2)]. Erf: (2/π) arcsin(C12/√((1+C11)(1+C22))). */
  public static double i2(Activation g, double c11, double c12, double c22) {
    return switch (g) {
      case ERF -> TWO_OVER_PI * asin(c12 / Math.sqrt((1 + c11) * (1 + c22)));
      case RELU -> {
        double s = Math.sqrt(c11 * c22);
        if (s == 0) yield 0;
        yield INV_2PI * (c12 * (Math.PI - acos(c12 / s)) + Math.sqrt(Math.max(0, c11 * c22 - c12 * c12)));
      }
      case LINEAR -> c12;
      default -> throw unsupported(g);
    };
  }

  /**
   * I3 = E[g'(z_1) z_2 g(z_3)]. Erf: (2/π) (C23(1+C11) − C12 C13) / ((1+C11) √Λ3),
   * Λ3 = (1+C11)(1+C33) − C13².
   */
  public static double i3(Activation g, double c11, double c12, double c13, double c23, double c33) {
    return switch (g) {
      case ERF -> {
        double a = 1 + c11;
        double lambda3 = a * (1 + c33) - c13 * c13;
        yield TWO_OVER_PI * (c23 * a - c12 * c13) / (a * Math.sqrt(lambda3));
      }
      case RELU -> {
        double s = Math.sqrt(c11 * c33);
        double orthant = s == 0 ? 0.25 : (Math.PI - acos(c13 / s)) * INV_2PI;
        double delta = c11 == 0 ? 0 : Math.sqrt(Math.max(0, c11 * c33 - c13 * c13)) * INV_2PI / c11;
        yield c12 * delta + c23 * orthant;
      }
      case LINEAR -> c23;
      default -> throw unsupported(g);
    };
  }

  /**
   * I4 = E[g'(z_1) g'(z_2) g(z_3) g(z_4)]. Erf: (4/π²) Λ4^{-1/2} arcsin(Λ0/√(Λ1 Λ2)) with
   * Λ4 = (1+C11)(1+C22) − C12²,
   * Λ0 = Λ4 C34 − C23 C24 (1+C11) − C13 C14 (1+C22) + C12 C13 C24 + C12 C14 C23,
   * Λ1 = Λ4 (1+C33) − C23² (1+C11) − C13² (1+C22) + 2 C12 C13 C23,
   * Λ2 = Λ4 (1+C44) − C24² (1+C11) − C14² (1+C22) + 2 C12 C14 C24. Linear: C34.
   *
   * @throws UnsupportedOperationException for ReLU (no closed form; see the class comment)
   */
  public static double i4(Activation g, double c11, double c12, double c22, double c13, double c14, double c23,
      double c24, double c33, double c34, double c44) {
    return switch (g) {
      case ERF -> {
        double a = 1 + c11;
        double b = 1 + c22;
        double l4 = a * b - c12 * c12;
        double l1 = l4 * (1 + c33) - c23 * c23 * a - c13 * c13 * b + 2 * c12 * c13 * c23;
        double l2 = l4 * (1 + c44) - c24 * c24 * a - c14 * c14 * b + 2 * c12 * c14 * c24;
        yield erfI4(l4, lambda0(l4, a, b, c12, c13, c14, c23, c24, c34), l1, l2);
      }
      case RELU -> throw new UnsupportedOperationException("relu I4 has no closed form; use the Gaussian engine");
      case LINEAR -> c34;
      default -> throw unsupported(g);
    };
  }

  /** J2 = E[g'(z_1) g'(z_2)]. Erf: (2/π)(1 + C11 + C22 + C11 C22 − C12²)^{-1/2}. */
  public static double j2(Activation g, double c11, double c12, double c22) {
    return switch (g) {
      case ERF -> TWO_OVER_PI / Math.sqrt(1 + c11 + c22 + c11 * c22 - c12 * c12);
      case RELU -> {
        double s = Math.sqrt(c11 * c22);
        yield s == 0 ? 0.25 : (Math.PI - acos(c12 / s)) * INV_2PI;
      }
      case LINEAR -> 1;
      default -> throw unsupported(g);
    };
  }

  /** Erf I4 from its Λ's (the drift precomputes Λ4, Λ1 per pair). */
  static double erfI4(double l4, double l0, double l1, double l2) {
    return FOUR_OVER_PI2 / Math.sqrt(l4) * asin(l0 / Math.sqrt(l1 * l2));
  }

  /** Λ0 = Λ4 C34 − C23 C24 (1+C11) − C13 C14 (1+C22) + C12 C13 C24 + C12 C14 C23, a = 1+C11, b = 1+C22. */
  static double lambda0(double l4, double a, double b, double c12, double c13, double c14, double c23,
      double c24, double c34) {
    return l4 * c34 - c23 * c24 * a - c13 * c14 * b + c12 * c13 * c24 + c12 * c14 * c23;
  }

  static double asin(double x) {
    return Math.asin(x > 1 ? 1 : x < -1 ? -1 : x);
  }

  static double acos(double x) {
    return Math.acos(x > 1 ? 1 : x < -1 ? -1 : x);
  }

  private static UnsupportedOperationException unsupported(Activation g) {
    return new UnsupportedOperationException("the committee integrals are closed forms for erf, relu and linear, not "
        + g.key());
  }
}
