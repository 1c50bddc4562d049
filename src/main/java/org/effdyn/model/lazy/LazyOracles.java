package org.effdyn.model.lazy;

import org.effdyn.core.Check;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * Closed forms and reference numbers for the quadratic models (O1–O5 of docs/lazy.md), used by the
 * tests and by the multi-scale experiment.
 */
public final class LazyOracles {
  private LazyOracles() {}

  /** Exact state of the tightness example at time t (O1). */
  public record QuadraticState(double r, double rbar, double v, double vbar, double dK) {
    /** |r − r̄|. */
    public double gap() {
      return Math.abs(r - rbar);
    }
  }

  /**
   * (O1) Bernoulli solution of the tightness example ({@link LazyQuadratic}), c := 2b y* α^{-1}:
   * r(t) = (a² + c) y* / (c + a² e^{(a²+c)t}) (written without overflow), r̄(t) = y* e^{−a²t},
   * v = 2u/(a + √(a² + 2bu/α)), u = y* − r, v̄ = y*(1 − e^{−a²t})/a, K_t − K0 = 2bu/α. Needs a &gt; 0,
   * b &gt;= 0, y* &gt; 0.
   */
  public static QuadraticState quadratic(double t, double a, double b, double alpha, double yStar) {
    Check.positiveFinite("a", a);
    Check.nonNegativeFinite("b", b);
    Check.positiveFinite("y*", yStar);
    Check.positiveFinite("alpha", alpha);
    Check.nonNegativeFinite("t", t);
    double c = 2 * b * yStar / alpha;
    double lam = a * a + c;
    double e = Math.exp(-lam * t);
    double r = lam * yStar * e / (c * e + a * a);
    double rbar = yStar * Math.exp(-a * a * t);
    double u = yStar - r;
    double v = 2 * u / (a + Math.sqrt(a * a + 2 * b * u / alpha));
    double vbar = yStar * -Math.expm1(-a * a * t) / a;
    return new QuadraticState(r, rbar, v, vbar, 2 * b * u / alpha);
  }

  /**
   * (O2) gap at t = T of the example with a = T^{-1/2}, in units of √R0:
   * G(κ) = √2 [e^{−1} − (1+s)/(s + e^{1+s})], s = 2√2 κ, evaluated as (1+s)q/(sq + 1), q = e^{−(1+s)}.
   */
  public static double gapG(double kappa) {
    Check.nonNegativeFinite("kappa", kappa);
    double s = 2 * Math.sqrt(2) * kappa;
    double q = Math.exp(-(1 + s));
    return Math.sqrt(2) * (Math.exp(-1) - (1 + s) * q / (s * q + 1));
  }

  /** (O3) lim α·gap(T)/(T L R0) = 4/e² for the tightness example at t = T, a = T^{-1/2}. */
  public static double firstOrderGapConstant() {
    return 4 / (Math.E * Math.E);
  }

  /** (O3) c_w = 2/e² − (1 − 1/e)²/2 = 0.070883: α²|w − w̄| → c_w b y*² T^{3/2}. */
  public static double weightGapConstant() {
    double q = 1 - 1 / Math.E;
    return 2 / (Math.E * Math.E) - q * q / 2;
  }

  /** (O3) lim α|K_T − K_0| = 2 b y* (1 − 1/e) for the tightness example at t = T, a = T^{-1/2}. */
  public static double kernelChangeLimit(double b, double yStar) {
    return 2 * b * yStar * (1 - 1 / Math.E);
  }

  /** (F1) r1(t) = −2b y*² e^{−x}(x − 1 + e^{−x})/a², x = a²t, for the tightness example with free a. */
  public static double quadraticR1(double t, double a, double b, double yStar) {
    double x = a * a * t;
    return -2 * b * yStar * yStar * Math.exp(-x) * (x + Math.expm1(-x)) / (a * a);
  }

  /** (O4) ψ(x) = (e^{−2x} − e^{−x} + x e^{−x})/x; ψ(0+) = 0. */
  public static double psi(double x) {
    if (x == 0) return 0;
    return Math.exp(-x) * (x + Math.expm1(-x)) / x;
  }

  /** Exact gap |r − r̄| of a diagonal model at t: the norm of its K copies of (O1). */
  public static double diagonalGap(LazyDiagonal model, double t) {
    double[] a = model.a();
    double[] y = model.yStar();
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double g = quadratic(t, a[k], model.b(), model.alpha(), y[k]).gap();
      s += g * g;
    }
    return Math.sqrt(s);
  }

  /**
   * (O5) lim α·gap(t)/t of the multi-scale model: (4bR0/K)(Σ_k ψ(a_k² t)²)^{1/2}, from the
   * first-order limit |r1_k| = 2b y*_k² t ψ(a_k² t) with y*_k² = 2R0/K (any a_k, y*_k: the general sum).
   */
  public static double diagonalFirstOrderSlope(LazyDiagonal model, double t) {
    double[] a = model.a();
    double[] y = model.yStar();
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double e = 2 * model.b() * y[k] * y[k] * psi(a[k] * a[k] * t);
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /**
   * Time-to-deviation of a diagonal model from its closed form: the first t with gap(t) ≥ ε|r0|,
   * scanning {@code points} log-spaced times in [tMin, tMax] and refining the bracket with Brent to
   * 1e-12 relative; +∞ if not reached by tMax.
   */
  public static double diagonalTimeToDeviation(LazyDiagonal model, double eps, double tMin, double tMax, int points) {
    Check.positiveFinite("eps", eps);
    double level = eps * LazyVectors.norm(model.yStar());
    double prev = tMin;
    if (diagonalGap(model, tMin) >= level) return tMin;
    for (int i = 1; i < points; i++) {
      double t = tMin * Math.pow(tMax / tMin, (double) i / (points - 1));
      if (diagonalGap(model, t) >= level) {
        return new BrentSolver(1e-12 * t).solve(200, x -> diagonalGap(model, x) - level, prev, t);
      }
      prev = t;
    }
    return Double.POSITIVE_INFINITY;
  }
}
