package org.effdyn.model.dmf;

import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;
import org.effdyn.model.common.Activation;

/**
 * A perceptron f = act(p), p = x·θ, with a per-class loss ℓ(f, y) (Panahi 2026, arXiv:2603.09310,
 * §6, eq. (25)). The DMF needs only the "dual" factor and its derivative
 * \[ \omega(p,y) = \ell'(\mathrm{act}(p), y)\,\mathrm{act}'(p), \qquad \omega'(p,y) = \partial_p\omega(p,y). \]
 *
 * <table>
 * <caption>kinds (t_y = target of class y)</caption>
 * <tr><th>kind</th><th>act</th><th>ℓ(f,y)</th><th>ω(p,y)</th></tr>
 * <tr><td>SOFTPLUS_SQ ("soft ReLU")</td><td>log(1+e^p)</td><td>(f − t_y)²/2</td>
 *     <td>(softplus(p) − t_y) sig(p)</td></tr>
 * <tr><td>LINEAR_SQ (affine ω)</td><td>p</td><td>(p − t_y)²/2</td><td>p − t_y</td></tr>
 * <tr><td>LOGISTIC</td><td>p</td><td>log(1 + e^{−t_y p})</td><td>−t_y sig(−t_y p)</td></tr>
 * <tr><td>RELU_SQ</td><td>max(p,0)</td><td>(f − t_y)²/2</td><td>(p − t_y) 1[p &gt; 0]</td></tr>
 * </table>
 *
 * <p>Classification: a sample is assigned the class with the larger target iff act(p) &gt;= the
 * midpoint of the targets (for LOGISTIC iff p &gt;= 0), i.e. iff p &gt;= {@link #threshold()}. For
 * SOFTPLUS_SQ with targets (0, 1) the threshold is log(e^{1/2} − 1) = −0.432752.
 *
 * <p>RELU_SQ: ω' is the a.e. derivative; the jump −t_y δ(p) of ω at p = 0 is not included, so the
 * pathwise response of the Monte Carlo sweep ({@link MonteCarloSweep}) misses it; prefer SOFTPLUS_SQ.
 *
 * <p>softplus and the logistic function are {@link Activation#softplus} and
 * {@link Activation#stableSigmoid} (ReLU_SQ's ω' is {@link Activation#RELU}'s derivative).
 *
 * @param kind    activation and loss
 * @param targets t_y per class (K = targets.length &gt;= 2); LOGISTIC needs t_y = ±1
 */
public record Perceptron(Kind kind, double[] targets) {

  /** Activation + loss pairs of the table above. */
  public enum Kind {
    SOFTPLUS_SQ("softplus_sq"), LINEAR_SQ("linear_sq"), LOGISTIC("logistic"), RELU_SQ("relu_sq");

    private final String cardName;

    Kind(String cardName) {
      this.cardName = cardName;
    }

    /** The name used in cards. */
    public String cardName() {
      return cardName;
    }

    /** Parses a card name. */
    public static Kind of(String name) {
      for (Kind k : values()) {
        if (k.cardName.equals(name)) return k;
      }
      throw new ParameterException("loss", name, "must be one of softplus_sq, linear_sq, logistic, "
          + "relu_sq, got '" + name + "'");
    }
  }

  public Perceptron {
    if (kind == null) throw new ParameterException("loss", null, "must be given, got null");
    if (targets == null || targets.length < 2) {
      throw new ParameterException("targets", targets, "must have length >= 2 (one per class), got "
          + (targets == null ? "null" : targets.length));
    }
    Check.allFinite("targets", targets);
    if (kind == Kind.LOGISTIC) {
      for (int y = 0; y < targets.length; y++) {
        if (Math.abs(targets[y]) != 1) {
          throw new ParameterException("targets[" + y + "]", targets[y], "must be +1 or -1 for the logistic "
              + "loss, got " + targets[y]);
        }
      }
    }
    targets = targets.clone();
  }

  /** The soft-ReLU perceptron (Panahi 2026, §6.2): softplus activation, square loss, targets (0, 1). */
  public static Perceptron softplusSquare() {
    return new Perceptron(Kind.SOFTPLUS_SQ, new double[] {0, 1});
  }

  /** The exactly solvable model: identity activation, square loss, targets (−1, +1). */
  public static Perceptron linearSquare() {
    return new Perceptron(Kind.LINEAR_SQ, new double[] {-1, 1});
  }

  @Override public double[] targets() {
    return targets.clone();
  }

  /** Number of classes K. */
  public int classes() {
    return targets.length;
  }

  /** t_y. */
  public double target(int y) {
    return targets[y];
  }

  /** True iff ω is affine in p (then {@link ExactSweep} applies). */
  public boolean isAffine() {
    return kind == Kind.LINEAR_SQ;
  }

  /** act(p). */
  public double act(double p) {
    return switch (kind) {
      case SOFTPLUS_SQ -> Activation.softplus(p);
      case RELU_SQ -> Math.max(p, 0);
      case LINEAR_SQ, LOGISTIC -> p;
    };
  }

  /** ℓ(act(p), y). */
  public double loss(double p, int y) {
    double t = targets[y];
    if (kind == Kind.LOGISTIC) return Activation.softplus(-t * p);
    double r = act(p) - t;
    return 0.5 * r * r;
  }

  /** ω(p, y) = ℓ'(act(p), y) act'(p). */
  public double omega(double p, int y) {
    double t = targets[y];
    return switch (kind) {
      case SOFTPLUS_SQ -> (Activation.softplus(p) - t) * Activation.stableSigmoid(p);
      case LINEAR_SQ -> p - t;
      case LOGISTIC -> -t * Activation.stableSigmoid(-t * p);
      case RELU_SQ -> p > 0 ? p - t : 0;
    };
  }

  /** ω'(p, y) = ∂_p ω(p, y) (a.e. for RELU_SQ). */
  public double domega(double p, int y) {
    double t = targets[y];
    return switch (kind) {
      case SOFTPLUS_SQ -> {
        double s = Activation.stableSigmoid(p);
        yield s * s + (Activation.softplus(p) - t) * s * (1 - s);
      }
      case LINEAR_SQ -> 1;
      case LOGISTIC -> {
        double s = Activation.stableSigmoid(p);
        yield s * (1 - s);
      }
      case RELU_SQ -> Activation.RELU.derivative(p);
    };
  }

  /** Decision threshold p*: the class with the larger target is predicted iff p &gt;= p*. */
  public double threshold() {
    double hi = max(targets);
    double lo = min(targets);
    return switch (kind) {
      case SOFTPLUS_SQ -> Math.log(Math.expm1(0.5 * (hi + lo)));
      case LOGISTIC -> 0;
      case LINEAR_SQ, RELU_SQ -> 0.5 * (hi + lo);
    };
  }

  /** True iff class y is the "positive" one (largest target). */
  public boolean positive(int y) {
    return targets[y] >= max(targets);
  }

  /** 1 if a sample of class y with pre-activation p is misclassified, else 0. */
  public double wrong(double p, int y, double threshold) {
    boolean predictedPositive = p >= threshold;
    return predictedPositive == positive(y) ? 0 : 1;
  }

  private static double max(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) m = Math.max(m, v);
    return m;
  }

  private static double min(double[] a) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : a) m = Math.min(m, v);
    return m;
  }
}
