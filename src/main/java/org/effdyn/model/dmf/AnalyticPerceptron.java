package org.effdyn.model.dmf;

import org.effdyn.core.Check;

/**
 * The per-sample factor ω(p, y) and the loss ℓ(act(p), y) of {@link Perceptron} (Panahi 2026,
 * eq. (25)), continued analytically to complex pre-activations p, as the alternative process at
 * z = i needs: Claim 1 is evaluated with the analytic continuation of ω and of every statistic
 * (docs/dmf.md, "Finite size"). The continuation is the principal branch of log and the plain
 * quotient for the sigmoid; softplus and the sigmoid have poles at p = iπ(2k+1), which make high
 * moments at z = i heavy-tailed (the n·Var of late iterates has a large standard error). For real p
 * every implementation returns the real values of {@link Perceptron} with a zero imaginary part.
 *
 * <p>Implementations write into {@code out[0]} (real part) and {@code out[1]} (imaginary part),
 * allocate nothing and are thread-safe.
 */
public interface AnalyticPerceptron {

  /** ω(p, y) at p = pRe + i pIm for class y. */
  void omega(double pRe, double pIm, int y, double[] out);

  /** ℓ(act(p), y) at p = pRe + i pIm for class y. */
  void loss(double pRe, double pIm, int y, double[] out);

  /** Number of classes K (the length of the target vector). */
  int classes();

  /**
   * The continuation of a {@link Perceptron}: SOFTPLUS_SQ, LINEAR_SQ and LOGISTIC. RELU_SQ is not
   * analytic (ω jumps at p = 0) and is rejected, in line with the remark of Panahi 2026, §6.2, that
   * the scheme fails for the exact ReLU, "perhaps due to non-differentiability".
   */
  static AnalyticPerceptron of(Perceptron perceptron) {
    double[] t = perceptron.targets();
    return switch (perceptron.kind()) {
      case LINEAR_SQ -> linearSquare(t);
      case SOFTPLUS_SQ -> softplusSquare(t);
      case LOGISTIC -> logistic(t);
      case RELU_SQ -> throw new IllegalArgumentException("loss must be analytic for the "
          + "alternative process at complex z (softplus_sq, linear_sq or logistic), got relu_sq");
    };
  }

  /** {@code linear_sq}: act = identity, ℓ = (p − t_y)²/2, ω = p − t_y (entire: no poles). */
  static AnalyticPerceptron linearSquare(double... targets) {
    double[] t = checkTargets(targets);
    return new AnalyticPerceptron() {
      @Override public void omega(double pr, double pi, int y, double[] out) {
        out[0] = pr - t[y];
        out[1] = pi;
      }

      @Override public void loss(double pr, double pi, int y, double[] out) {
        double a = pr - t[y];
        out[0] = 0.5 * (a * a - pi * pi);
        out[1] = a * pi;
      }

      @Override public int classes() {
        return t.length;
      }
    };
  }

  /**
   * {@code softplus_sq} (the "soft ReLU" of Panahi 2026, §6.2): act = log(1 + e^p), ℓ = (act − t_y)²/2,
   * ω = (softplus(p) − t_y) sig(p). Square without conjugation.
   */
  static AnalyticPerceptron softplusSquare(double... targets) {
    double[] t = checkTargets(targets);
    return new AnalyticPerceptron() {
      @Override public void omega(double pr, double pi, int y, double[] out) {
        // softplus and sigmoid share w = e^{-p} (Re p > 0) or e^{p} (Re p <= 0), |w| <= 1
        boolean pos = pr > 0;
        double m = Math.exp(-Math.abs(pr));
        double ang = pos ? -pi : pi;
        double wr = m * Math.cos(ang), wi = m * Math.sin(ang);
        double dr = 1 + wr, di = wi;
        double lr = 0.5 * Math.log1p(2 * wr + wr * wr + wi * wi);
        double li = Math.atan2(wi, dr);
        double ar = (pos ? pr + lr : lr) - t[y], ai = pos ? pi + li : li;
        double den = dr * dr + di * di;
        double nr = pos ? 1 : wr, ni = pos ? 0 : wi;
        double sr = (nr * dr + ni * di) / den, si = (ni * dr - nr * di) / den;
        out[0] = ar * sr - ai * si;
        out[1] = ar * si + ai * sr;
      }

      @Override public void loss(double pr, double pi, int y, double[] out) {
        softplus(pr, pi, out);
        double ar = out[0] - t[y], ai = out[1];
        out[0] = 0.5 * (ar * ar - ai * ai);
        out[1] = ar * ai;
      }

      @Override public int classes() {
        return t.length;
      }
    };
  }

  /** {@code logistic}: act = identity, ℓ = log(1 + e^{−t_y p}) = softplus(−t_y p), ω = −t_y sig(−t_y p). */
  static AnalyticPerceptron logistic(double... targets) {
    double[] t = checkTargets(targets);
    return new AnalyticPerceptron() {
      @Override public void omega(double pr, double pi, int y, double[] out) {
        sigmoid(-t[y] * pr, -t[y] * pi, out);
        out[0] *= -t[y];
        out[1] *= -t[y];
      }

      @Override public void loss(double pr, double pi, int y, double[] out) {
        softplus(-t[y] * pr, -t[y] * pi, out);
      }

      @Override public int classes() {
        return t.length;
      }
    };
  }

  /** log(1 + e^p), principal branch; written as p + log(1 + e^{−p}) for Re p &gt; 0 (no overflow). */
  static void softplus(double pr, double pi, double[] out) {
    boolean pos = pr > 0;
    // w = e^{-p} if pos else e^{p}; |w| <= 1
    double m = Math.exp(-Math.abs(pr));
    double ang = pos ? -pi : pi;
    double wr = m * Math.cos(ang), wi = m * Math.sin(ang);
    // log(1 + w): log|1+w| = log1p(2 wr + |w|^2)/2, arg = atan2(wi, 1 + wr)
    double lr = 0.5 * Math.log1p(2 * wr + wr * wr + wi * wi);
    double li = Math.atan2(wi, 1 + wr);
    out[0] = pos ? pr + lr : lr;
    out[1] = pos ? pi + li : li;
  }

  /** 1 / (1 + e^{−p}); written as e^p / (1 + e^p) for Re p &lt;= 0 (no overflow). */
  static void sigmoid(double pr, double pi, double[] out) {
    boolean pos = pr > 0;
    double m = Math.exp(-Math.abs(pr));
    double ang = pos ? -pi : pi;
    double wr = m * Math.cos(ang), wi = m * Math.sin(ang);
    double dr = 1 + wr, di = wi;
    double den = dr * dr + di * di;
    // pos: 1/(1+w); else w/(1+w)
    double nr = pos ? 1 : wr, ni = pos ? 0 : wi;
    out[0] = (nr * dr + ni * di) / den;
    out[1] = (ni * dr - nr * di) / den;
  }

  private static double[] checkTargets(double[] targets) {
    if (targets == null || targets.length < 2) {
      throw new IllegalArgumentException("targets must have length >= 2 (one per class), got "
          + (targets == null ? "null" : targets.length));
    }
    return Check.allFinite("targets", targets.clone());
  }
}
