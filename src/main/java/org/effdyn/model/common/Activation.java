package org.effdyn.model.common;

import java.util.Locale;
import java.util.Set;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.special.Erf;

/**
 * The activations σ of every network model (committee g, generic hidden units, lazy two-layer net),
 * with their card spellings and derivatives. Each model accepts a subset (committee: erf, relu,
 * linear; lazy: tanh, sigmoid; generic: all) and parses it with {@link #parse(String, Object, Set)}.
 * <ul>
 *   <li>{@link #ERF}: σ(z) = erf(z/√2) (the committee convention of Saad &amp; Solla 1995, docs/committee.md); σ' = √(2/π) e^{−z²/2}.</li>
 *   <li>{@link #TANH}: σ(z) = tanh z.</li>
 *   <li>{@link #RELU}: σ(z) = max(z, 0), a.s. derivative 1{z &gt; 0} (kinked losses: docs/generic.md); the
 *       only one with a kink.</li>
 *   <li>{@link #SIGMOID}: σ(z) = 1/(1 + e^{−z}) = (1 + tanh(z/2))/2.</li>
 *   <li>{@link #LINEAR}: σ(z) = z.</li>
 * </ul>
 * There are three evaluation routes, kept apart because the models' results depend on their last
 * bits:
 * <ol>
 *   <li>{@link #apply} (over a {@link CalculusFieldElement}, for the generic engine's forward-mode AD)
 *       and {@link #value}, {@link #derivative}: library special functions (Hipparchus's erf), so the
 *       double path equals the real part of the AD path;</li>
 *   <li>{@link #valueNoAlloc}: the same σ without allocation, for simulator hot loops (erf by the
 *       hand-written {@link #erf}; the other activations as {@link #value});</li>
 *   <li>the tanh-variable forms ({@link #tanhVariable}, {@link #valueOfTanh}, …), TANH and SIGMOID
 *       only: σ, σ', σ'' and a cancellation-free increment from one exponential (the lazy model).</li>
 * </ol>
 * The scalar helpers ({@link #erf}, {@link #sigmoid}, {@link #stableSigmoid}, {@link #softplus}) are the
 * one copy of those formulas for models that need a fixed function rather than a card choice.
 */
public enum Activation {
  /** σ(z) = erf(z/√2), σ'(z) = √(2/π) e^{−z²/2}; E σ(z)² = 1/3 for z ~ N(0, 1). */
  ERF,
  /** σ(z) = tanh z: |σ'| ≤ 1, |σ''| ≤ 4/(3√3). */
  TANH,
  /** σ(z) = max(z, 0), σ'(z) = 1{z &gt; 0}. */
  RELU,
  /** σ(z) = 1/(1 + e^{−z}): |σ'| ≤ 1/4, |σ''| ≤ 1/(6√3). */
  SIGMOID,
  /** σ(z) = z. */
  LINEAR;

  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

  /** Card spelling: erf, tanh, relu, sigmoid, linear. */
  public String key() {
    return Check.key(this);
  }

  /** True if σ has a kink (ReLU at 0): its derivative jumps there (docs/generic.md, non-smooth losses). */
  public boolean kinked() {
    return this == RELU;
  }

  /**
   * Parses a card spelling (case-insensitive) among all activations; the error names the field and
   * lists the known names.
   *
   * @param field the card field, for the message (e.g. {@code params.activation})
   */
  public static Activation parse(String field, Object value) {
    return Check.choice(field, value, Activation.class);
  }

  /**
   * Parses a card spelling among the activations a model supports, with the message of
   * {@link Check#choice} restricted to them (in declaration order), e.g.
   * {@code params.activation: must be one of erf, relu, linear; got 'tanh'}.
   */
  public static Activation parse(String field, Object value, Set<Activation> allowed) {
    String s = value == null ? "" : String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    StringBuilder known = new StringBuilder();
    for (Activation a : values()) {
      if (!allowed.contains(a)) continue;
      String key = a.key();
      if (key.equals(s)) return a;
      if (known.length() > 0) known.append(", ");
      known.append(key);
    }
    throw new ParameterException(field, value, "must be one of " + known + "; got '" + value + "'");
  }

  /** σ(z) over a field (for AD); its real part equals {@link #value}. */
  public <T extends CalculusFieldElement<T>> T apply(T z) {
    return switch (this) {
      case ERF -> Erf.erf(z.multiply(INV_SQRT2));
      case TANH -> z.tanh();
      case RELU -> z.getReal() > 0 ? z : z.getField().getZero();
      case SIGMOID -> z.negate().exp().add(1).reciprocal();
      case LINEAR -> z;
    };
  }

  /** σ(z), with Hipparchus's erf (see {@link #valueNoAlloc} for the allocation-free one). */
  public double value(double z) {
    return switch (this) {
      case ERF -> Erf.erf(z * INV_SQRT2);
      case TANH -> Math.tanh(z);
      case RELU -> z > 0 ? z : 0;
      case SIGMOID -> sigmoid(z);
      case LINEAR -> z;
    };
  }

  /**
   * σ(z) without allocation, for per-sample loops: as {@link #value} except that erf is the
   * hand-written {@link #erf} (agrees with Hipparchus's to ~1e-15, not to the bit).
   */
  public double valueNoAlloc(double z) {
    return this == ERF ? erf(z * INV_SQRT2) : value(z);
  }

  /** σ'(z) given v = σ(z) (tanh and sigmoid reuse v: 1 − v², v(1 − v)). */
  public double derivative(double z, double v) {
    return switch (this) {
      case TANH -> 1 - v * v;
      case SIGMOID -> v * (1 - v);
      default -> derivative(z);
    };
  }

  /** σ'(z) (ReLU: 1{z &gt; 0}). Allocation-free. */
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

  // ---- tanh-variable forms (TANH and SIGMOID) ----

  /** True for the activations with tanh-variable forms: TANH and SIGMOID. */
  public boolean hasTanhForm() {
    return this == TANH || this == SIGMOID;
  }

  /**
   * The tanh variable the other tanh-variable methods take: t = tanh z (TANH) or tanh(z/2) (SIGMOID),
   * by {@link #fastTanh}.
   *
   * @throws UnsupportedOperationException for erf, relu, linear
   */
  public double tanhVariable(double z) {
    return switch (this) {
      case TANH -> fastTanh(z);
      case SIGMOID -> fastTanh(z / 2);
      default -> throw noTanhForm();
    };
  }

  /** σ from t = {@link #tanhVariable}(z): t or (1 + t)/2. */
  public double valueOfTanh(double t) {
    return switch (this) {
      case TANH -> t;
      case SIGMOID -> 0.5 * (1 + t);
      default -> throw noTanhForm();
    };
  }

  /** σ' from t = {@link #tanhVariable}(z): 1 − t² or (1 − t²)/4. */
  public double derivativeOfTanh(double t) {
    return switch (this) {
      case TANH -> 1 - t * t;
      case SIGMOID -> (1 - t * t) / 4;
      default -> throw noTanhForm();
    };
  }

  /** σ'' from t = {@link #tanhVariable}(z): −2t(1 − t²) or −t(1 − t²)/4. */
  public double secondDerivativeOfTanh(double t) {
    return switch (this) {
      case TANH -> -2 * t * (1 - t * t);
      case SIGMOID -> -t * (1 - t * t) / 4;
      default -> throw noTanhForm();
    };
  }

  /**
   * α[σ(z + ζ/α) − σ(z)] without cancellation, from t0 = tanhVariable(z) and t1 = tanhVariable(z + ζ/α):
   * tanh(z + δ) − tanh z = tanh δ (1 − tanh z tanh(z + δ)), with α tanh(ζ/α) = ζ · tanh(δ)/δ.
   */
  public double scaledIncrementOfTanh(double t0, double t1, double zeta, double alpha) {
    return switch (this) {
      case TANH -> zeta * tanhc(zeta / alpha) * (1 - t0 * t1);
      case SIGMOID -> zeta / 4 * tanhc(zeta / (2 * alpha)) * (1 - t0 * t1);
      default -> throw noTanhForm();
    };
  }

  /** |σ'|∞: 1 (tanh), 1/4 (sigmoid). */
  public double derivativeBound() {
    return switch (this) {
      case TANH -> 1.0;
      case SIGMOID -> 0.25;
      default -> throw noTanhForm();
    };
  }

  /** |σ''|∞: 4/(3√3) (tanh), 1/(6√3) (sigmoid). */
  public double secondDerivativeBound() {
    return switch (this) {
      case TANH -> 4 / (3 * Math.sqrt(3));
      case SIGMOID -> 1 / (6 * Math.sqrt(3));
      default -> throw noTanhForm();
    };
  }

  private UnsupportedOperationException noTanhForm() {
    return new UnsupportedOperationException(key() + " has no tanh-variable form (tanh and sigmoid only)");
  }

  @Override
  public String toString() {
    return key();
  }

  // ---- scalar functions of the family ----

  /**
   * erf(x) without allocation (Hipparchus's {@code Erf.erf} allocates a continued-fraction object
   * for |x| &gt; 1.22, which would break the simulators' allocation-free step). |x| &lt; 3: the
   * positive series erf x = (2/√π) e^{−x²} Σ_n 2^n x^{2n+1}/(1·3···(2n+1)) to relative 1e-17;
   * 3 ≤ |x| &lt; 6: erfc x = e^{−x²}/(√π (x + ½/(x + 1/(x + (3/2)/(x + …))))), 80 levels evaluated
   * backwards; |x| ≥ 6: ±1 (erfc 6 = 2e-17). Agrees with Hipparchus to 1e-15 (tested).
   */
  public static double erf(double x) {
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

  /** The logistic function 1/(1 + e^{−z}) (→ 0 without overflow error as z → −∞). */
  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * The logistic function split at 0, 1/(1 + e^{−z}) for z ≥ 0 and e^z/(1 + e^z) below, so the
   * exponential never exceeds 1 (the DMF perceptron's form; differs from {@link #sigmoid} in the last bits).
   */
  public static double stableSigmoid(double z) {
    if (z >= 0) return 1 / (1 + Math.exp(-z));
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** log(1 + e^u) without overflow: u + log(1 + e^{−u}) for u &gt; 0. */
  public static double softplus(double u) {
    return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
  }

  /** log(1 + e^u) over a field (for AD), the same split as {@link #softplus(double)}. */
  public static <T extends CalculusFieldElement<T>> T softplus(T u) {
    return u.getReal() > 0 ? u.add(u.negate().exp().log1p()) : u.exp().log1p();
  }

  /**
   * tanh through the intrinsic Math.exp: (1 − e)/(1 + e), e = e^{−2|z|}; absolute error a few ulps
   * (relative error up to ~1e-16/|z| near 0, harmless where every use is absolute). Hand-written
   * on the JIT-intrinsic {@code Math.exp} as a cheaper tanh for the lazy model's drift, which calls
   * it once per (sample, neuron) pair.
   */
  public static double fastTanh(double z) {
    double e = Math.exp(-2 * Math.abs(z));
    double t = (1 - e) / (1 + e);
    return z < 0 ? -t : t;
  }

  /** tanh(x)/x, with its series below |x| = 1e-3 (error &lt; x⁶ &lt; 1e-18). */
  public static double tanhc(double x) {
    if (Math.abs(x) < 1e-3) {
      double x2 = x * x;
      return 1 - x2 / 3 + 2 * x2 * x2 / 15;
    }
    return Math.tanh(x) / x;
  }
}
