package org.effdyn.model.dmf;

import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;

/**
 * The five linear methods of the family of Panahi 2026 (arXiv:2603.09310), eqs. (23)–(24), with
 * their own recursions (θ_{-1} := θ_0); docs/dmf.md. The closed forms of (λ, Λ) (k = l − μ ≥ 1) are listed for reference and tested against
 * {@link Coefficients#of}:
 *
 * <table>
 * <caption>methods</caption>
 * <tr><th>record</th><th>recursion</th><th>λ(l)</th><th>Λ(μ,l)</th></tr>
 * <tr><td>{@link Gd}</td><td>θ_{l+1} = θ_l − η q_l</td><td>1</td><td>η</td></tr>
 * <tr><td>{@link WeightDecay}</td><td>θ_{l+1} = (1 − ηκ) θ_l − η q_l</td><td>(1 − ηκ)^l</td>
 *     <td>η (1 − ηκ)^{k−1}</td></tr>
 * <tr><td>{@link HeavyBall}</td><td>θ_{l+1} = θ_l − η q_l + s(θ_l − θ_{l−1})</td><td>1</td>
 *     <td>η (1 − s^k)/(1 − s)</td></tr>
 * <tr><td>{@link EmaMomentum}</td><td>m_l = s m_{l−1} + (1 − s) q_l, m_{−1} = 0;
 *     θ_{l+1} = θ_l − η m_l</td><td>1</td><td>η (1 − s^k)</td></tr>
 * <tr><td>{@link Nesterov}</td><td>θ_{l+1} = y_l − η q(y_l); y_{l+1} = θ_{l+1} + s(θ_{l+1} − θ_l),
 *     y_0 = θ_0</td><td>1</td><td>η (1 − s^{k+1})/(1 − s)</td></tr>
 * </table>
 *
 * <p>{@link EmaMomentum} is the "momentum GD" of Panahi 2026, §6: its printed coefficient
 * λ(μ,l) = t(1 − s^{l−μ}) (t the step size) is that of the exponential moving average, not of
 * classical heavy ball, whose coefficient is η(1 − s^k)/(1 − s); classical heavy ball is
 * {@link HeavyBall} (docs/corrections.md). Nesterov fits the family only when the query points are
 * the extrapolated y_l (q = ∇L(y_l)), so all its statistics are taken at y_l.
 */
public sealed interface Algorithm extends LinearRecursion {

  /** Step size η. */
  double eta();

  /** Plain gradient descent, card name {@code gd}. @param eta step size η &gt; 0 */
  record Gd(double eta) implements Algorithm {
    public Gd {
      Check.positiveFinite("eta", eta);
    }

    @Override public String name() { return "gd"; }

    @Override public Run start(double[] theta0) {
      double[] th = theta0.clone();
      return new Run() {
        @Override public double[] query() { return th; }

        @Override public void update(double[] q) {
          for (int i = 0; i < th.length; i++) th[i] -= eta * q[i];
        }
      };
    }
  }

  /**
   * Gradient descent with weight decay (an L2 penalty κ|θ|²/2 inside the step), card name
   * {@code weight_decay}. @param eta step η &gt; 0 @param kappa decay κ &gt;= 0
   */
  record WeightDecay(double eta, double kappa) implements Algorithm {
    public WeightDecay {
      Check.positiveFinite("eta", eta);
      Check.nonNegativeFinite("kappa", kappa);
    }

    @Override public String name() { return "weight_decay"; }

    @Override public Run start(double[] theta0) {
      double[] th = theta0.clone();
      double shrink = 1 - eta * kappa;
      return new Run() {
        @Override public double[] query() { return th; }

        @Override public void update(double[] q) {
          for (int i = 0; i < th.length; i++) th[i] = shrink * th[i] - eta * q[i];
        }
      };
    }
  }

  /** Classical (Polyak) heavy ball, card name {@code heavy_ball}. @param s momentum in [0, 1) */
  record HeavyBall(double eta, double s) implements Algorithm {
    public HeavyBall {
      Check.positiveFinite("eta", eta);
      momentum(s);
    }

    @Override public String name() { return "heavy_ball"; }

    @Override public Run start(double[] theta0) {
      double[] th = theta0.clone();
      double[] prev = theta0.clone();
      return new Run() {
        @Override public double[] query() { return th; }

        @Override public void update(double[] q) {
          for (int i = 0; i < th.length; i++) {
            double t = th[i];
            th[i] = t - eta * q[i] + s * (t - prev[i]);
            prev[i] = t;
          }
        }
      };
    }
  }

  /**
   * The "momentum GD" of Panahi 2026, §6: an exponential moving average of the gradients (dampened
   * momentum), card name {@code ema}. @param s forgetting factor in [0, 1)
   */
  record EmaMomentum(double eta, double s) implements Algorithm {
    public EmaMomentum {
      Check.positiveFinite("eta", eta);
      momentum(s);
    }

    @Override public String name() { return "ema"; }

    @Override public Run start(double[] theta0) {
      double[] th = theta0.clone();
      double[] m = new double[th.length];    // m_{-1} = 0 makes m_0 = (1 - s) q_0
      return new Run() {
        @Override public double[] query() { return th; }

        @Override public void update(double[] q) {
          for (int i = 0; i < th.length; i++) {
            m[i] = s * m[i] + (1 - s) * q[i];
            th[i] -= eta * m[i];
          }
        }
      };
    }
  }

  /**
   * Nesterov's accelerated gradient with constant momentum, card name {@code nesterov}. The query
   * point is the extrapolated y_l. @param s momentum in [0, 1)
   */
  record Nesterov(double eta, double s) implements Algorithm {
    public Nesterov {
      Check.positiveFinite("eta", eta);
      momentum(s);
    }

    @Override public String name() { return "nesterov"; }

    @Override public Run start(double[] theta0) {
      double[] th = theta0.clone();
      double[] y = theta0.clone();
      return new Run() {
        @Override public double[] query() { return y; }

        @Override public void update(double[] q) {
          for (int i = 0; i < th.length; i++) {
            double next = y[i] - eta * q[i];
            y[i] = next + s * (next - th[i]);
            th[i] = next;
          }
        }
      };
    }
  }

  /**
   * Builds a method from its card name: {@code gd}, {@code weight_decay} (uses kappa),
   * {@code heavy_ball}, {@code ema}, {@code nesterov} (use s).
   */
  static Algorithm of(String name, double eta, double s, double kappa) {
    return switch (name) {
      case "gd" -> new Gd(eta);
      case "weight_decay" -> new WeightDecay(eta, kappa);
      case "heavy_ball" -> new HeavyBall(eta, s);
      case "ema" -> new EmaMomentum(eta, s);
      case "nesterov" -> new Nesterov(eta, s);
      default -> throw new ParameterException("algorithm", name, "must be one of gd, weight_decay, "
          + "heavy_ball, ema, nesterov, got '" + name + "'");
    };
  }

  private static void momentum(double s) {
    if (!(s >= 0 && s < 1)) {
      throw new ParameterException("s", s, "must be in [0, 1), got " + s);
    }
  }
}
