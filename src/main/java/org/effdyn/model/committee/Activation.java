package org.effdyn.model.committee;

import org.effdyn.core.Check;
/**
 * Activation g of student and teacher (spec/models.md §4(a), §4(d)), with the Gaussian integrals
 * the committee ODE needs, as functions of the entries C_ij of the covariance of the arguments in
 * order (indices 1..4 = argument positions):
 * \[ I_2 = E[g(z_1) g(z_2)],\quad I_3 = E[g'(z_1)\, z_2\, g(z_3)],\quad
 *    I_4 = E[g'(z_1) g'(z_2) g(z_3) g(z_4)],\quad J_2 = E[g'(z_1) g'(z_2)]. \]
 * <ul>
 *   <li>{@link #ERF}: g(z) = erf(z/√2), the closed forms of Saad–Solla / Goldt et al. (spec §4(d)),
 *       all four.</li>
 *   <li>{@link #RELU}: g(z) = max(z, 0). I2 (the arc-cosine kernel), J2 (an orthant probability)
 *       and I3 (by Stein's lemma, derived below) are closed forms. I4 = E[Θ(z_1)Θ(z_2) z_3⁺ z_4⁺]
 *       contains a 4-variate orthant probability, which has no elementary closed form: it is
 *       computed by the Gaussian-expectation engine (see {@link CommitteeOde}); {@link #i4} throws
 *       for ReLU.</li>
 *   <li>{@link #LINEAR}: g(z) = z, the sanity mode: I2 = C12, I3 = C23, I4 = C34, J2 = 1.</li>
 * </ul>
 * ReLU I3 [DERIVED]: Stein on z_2 gives
 * I3 = C12 E[δ(z_1) z_3⁺] + C23 E[Θ(z_1)Θ(z_3)], with E[δ(z_1) z_3⁺] = √(C11 C33 − C13²)/(2π C11)
 * and E[Θ(z_1)Θ(z_3)] = (π − arccos(C13/√(C11 C33)))/(2π). The ReLU forms need C11, C33 &gt; 0
 * (a student with |w| = 0 has no direction); arguments of arcsin/arccos are clamped into [−1, 1]
 * and those of square roots at 0, so round-off at singular covariances (perfect student) is harmless.
 */
public enum Activation {
  /** g(z) = erf(z/√2), g'(z) = √(2/π) e^{−z²/2}; E g(z)² = 1/3 for z ~ N(0, 1). */
  ERF("erf"),
  /** g(z) = max(z, 0), g'(z) = 1{z &gt; 0}. */
  RELU("relu"),
  /** g(z) = z. */
  LINEAR("linear");

  private static final double TWO_OVER_PI = 2 / Math.PI;
  private static final double FOUR_OVER_PI2 = 4 / (Math.PI * Math.PI);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double INV_2PI = 1 / (2 * Math.PI);

  private final String key;

  Activation(String key) {
    this.key = key;
  }

  /** Card spelling: erf, relu, linear. */
  public String key() {
    return key;
  }

  /** Parses the card spelling; the error names {@code params.activation} and the valid values. */
  public static Activation parse(String s) {
    return Check.choice("params.activation", s, Activation.class);
  }

  /** g(z). */
  public double g(double z) {
    return switch (this) {
      case ERF -> erf(z * INV_SQRT2);
      case RELU -> z > 0 ? z : 0;
      case LINEAR -> z;
    };
  }

  /** g'(z) (ReLU: 1{z &gt; 0}). */
  public double gPrime(double z) {
    return switch (this) {
      case ERF -> SQRT_TWO_OVER_PI * Math.exp(-0.5 * z * z);
      case RELU -> z > 0 ? 1 : 0;
      case LINEAR -> 1;
    };
  }

  /** True if {@link #i4} is a closed form (erf, linear); false for ReLU. */
  public boolean hasClosedFormI4() {
    return this != RELU;
  }

  /** I2 = E[g(z_1) g(z_2)]. Erf: (2/π) arcsin(C12/√((1+C11)(1+C22))). */
  public double i2(double c11, double c12, double c22) {
    return switch (this) {
      case ERF -> TWO_OVER_PI * asin(c12 / Math.sqrt((1 + c11) * (1 + c22)));
      case RELU -> {
        double s = Math.sqrt(c11 * c22);
        if (s == 0) yield 0;
        yield INV_2PI * (c12 * (Math.PI - acos(c12 / s)) + Math.sqrt(Math.max(0, c11 * c22 - c12 * c12)));
      }
      case LINEAR -> c12;
    };
  }

  /**
   * I3 = E[g'(z_1) z_2 g(z_3)]. Erf: (2/π) (C23(1+C11) − C12 C13) / ((1+C11) √Λ3),
   * Λ3 = (1+C11)(1+C33) − C13².
   */
  public double i3(double c11, double c12, double c13, double c23, double c33) {
    return switch (this) {
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
    };
  }

  /**
   * I4 = E[g'(z_1) g'(z_2) g(z_3) g(z_4)]. Erf: (4/π²) Λ4^{-1/2} arcsin(Λ0/√(Λ1 Λ2)) with
   * Λ4 = (1+C11)(1+C22) − C12² and Λ0, Λ1, Λ2 as in spec §4(d). Linear: C34.
   *
   * @throws UnsupportedOperationException for ReLU (no closed form; see the class comment)
   */
  public double i4(double c11, double c12, double c22, double c13, double c14, double c23, double c24,
      double c33, double c34, double c44) {
    return switch (this) {
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
    };
  }

  /** J2 = E[g'(z_1) g'(z_2)]. Erf: (2/π)(1 + C11 + C22 + C11 C22 − C12²)^{-1/2}. */
  public double j2(double c11, double c12, double c22) {
    return switch (this) {
      case ERF -> TWO_OVER_PI / Math.sqrt(1 + c11 + c22 + c11 * c22 - c12 * c12);
      case RELU -> {
        double s = Math.sqrt(c11 * c22);
        yield s == 0 ? 0.25 : (Math.PI - acos(c12 / s)) * INV_2PI;
      }
      case LINEAR -> 1;
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

  /**
   * erf(x) without allocation (Hipparchus's {@code Erf.erf} allocates a continued-fraction object
   * for |x| &gt; 1.22, which would break the simulator's allocation-free step). |x| &lt; 3: the
   * positive series erf x = (2/√π) e^{−x²} Σ_n 2^n x^{2n+1}/(1·3···(2n+1)) to relative 1e-17;
   * 3 ≤ |x| &lt; 6: erfc x = e^{−x²}/(√π (x + ½/(x + 1/(x + (3/2)/(x + …))))), 80 levels evaluated
   * backwards; |x| ≥ 6: ±1 (erfc 6 = 2e-17). Agrees with Hipparchus to 1e-15 (tested).
   */
  static double erf(double x) {
    double ax = Math.abs(x);
    double r;
    if (ax < 3) {
      double x2 = ax * ax;
      double term = ax;
      double sum = ax;
      for (int n = 0; n < 200 && term > 1e-17 * sum; n++) {
        term *= 2 * x2 / (2 * n + 3);
        sum += term;
      }
      r = 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    } else if (ax < 6) {
      double f = ax;
      for (int n = 80; n >= 1; n--) f = ax + 0.5 * n / f;
      r = 1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
    } else {
      r = 1;
    }
    return x < 0 ? -r : r;
  }

  static double asin(double x) {
    return Math.asin(x > 1 ? 1 : x < -1 ? -1 : x);
  }

  static double acos(double x) {
    return Math.acos(x > 1 ? 1 : x < -1 ? -1 : x);
  }

  @Override
  public String toString() {
    return key;
  }
}
