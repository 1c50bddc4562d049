package org.effdyn.model.generic;

import org.effdyn.core.Check;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.Derivative;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.Binary64;

/**
 * A multi-index loss ℓ(s, y; θ) (docs/generic.md, "Writing a loss in Java"):
 * \[ L(x, Y) = \ell(s, y; \theta) + \tfrac\beta2 \textstyle\sum_a |x^a|^2 + \tfrac{\beta_\theta}2 |\theta|^2,
 *    \qquad s_a = \langle x^a, Y\rangle,\ a = 1..p, \]
 * with head parameters θ ∈ R^{k0} that never multiply Y (k0 = 0 allowed) and a label y of length
 * {@link #labelDimension()}. The engine needs only the gradient g_a = ∂ℓ/∂s_a and γ_j = ∂ℓ/∂θ_j.
 *
 * <p><b>Writing a loss.</b> Implement {@link #value} once, generically over Hipparchus'
 * {@link CalculusFieldElement}; the engine instantiates it with {@link Gradient} (forward-mode AD, the
 * drift), {@link DerivativeStructure} of order 2 (Hessians) or {@link Binary64} (plain values). Use
 * the field operations ({@code add}, {@code multiply}, {@code exp}, {@code log}, {@code tanh}, …);
 * functions Hipparchus lacks go through {@link #compose}{@code (x, f(v), f'(v), f''(v))} with
 * v = x.getReal(), e.g. erf(z/√2) is {@code compose(z, Erf.erf(v/√2), √(2/π) e^{-v²/2}, -v √(2/π) e^{-v²/2})};
 * ReLU is
 * {@code x.getReal() > 0 ? x : x.getField().getZero()} (derivative 1{x &gt; 0}, see {@link HasKinks}); a log-sum-exp
 * subtracts the largest value as a constant. Generic methods cannot be lambdas, so a loss is a small
 * (anonymous) subclass:
 * <pre>{@code
 * MultiIndexLoss softmaxCe = new MultiIndexLoss(3, 0, 3) {
 *   public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
 *     double max = Math.max(s[0].getReal(), Math.max(s[1].getReal(), s[2].getReal()));
 *     T z = s[0].subtract(max).exp().add(s[1].subtract(max).exp()).add(s[2].subtract(max).exp());
 *     T l = z.log().add(max);
 *     for (int a = 0; a < 3; a++) l = l.subtract(s[a].multiply(y[a]));
 *     return l;
 *   }
 * };
 * }</pre>
 *
 * <p><b>Fast path.</b> {@link #gradient} defaults to AD ({@link #gradientByAd}), which allocates one
 * small object per operation and costs roughly 3–10 hand-written gradients. Override it with
 * a hand-written, allocation-free gradient for speed; test it against {@link #gradientByAd}.
 *
 * <p>Optional capabilities: {@link HasKinks} (the gradient jumps across hyperplanes in s, e.g. ReLU or
 * hinge: the engine then prefers randomized QMC) and {@link HasHessian} (a hand-written ∂²ℓ/∂s∂s).
 * Implementations must be thread-safe (stateless).
 */
public abstract class MultiIndexLoss {
  private final int p;
  private final int k0;
  private final int labelDimension;

  /**
   * @param p number of indices s_1..s_p (first-layer parameter vectors), p ≥ 1
   * @param k0 number of head parameters θ, k0 ≥ 0
   * @param labelDimension length of the label y, ≥ 1
   */
  protected MultiIndexLoss(int p, int k0, int labelDimension) {
    this.p = Check.atLeast("p", p, 1);
    this.k0 = Check.atLeast("k0", k0, 0);
    this.labelDimension = Check.atLeast("label dimension", labelDimension, 1);
  }

  /** p, the number of indices. */
  public final int p() {
    return p;
  }

  /** k0, the number of head parameters θ. */
  public final int k0() {
    return k0;
  }

  /** Length of the label y. */
  public final int labelDimension() {
    return labelDimension;
  }

  /**
   * ℓ(s, y; θ). Must be a function of its arguments only.
   *
   * @param s the p indices s_a = ⟨x^a, Y⟩
   * @param y the label (read only)
   * @param theta the k0 head parameters (length 0 when k0 = 0)
   */
  public abstract <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta);

  /**
   * Writes g = ∂ℓ/∂s (length p) and γ = ∂ℓ/∂θ (length k0). Defaults to {@link #gradientByAd}; override
   * with a hand-written, allocation-free version for speed. Called once per quadrature node and class.
   */
  public void gradient(double[] s, double[] y, double[] theta, double[] gs, double[] gtheta) {
    gradientByAd(s, y, theta, gs, gtheta);
  }

  /** True if {@link #gradient} is overridden (a hand-written fast path). */
  public final boolean hasFastGradient() {
    try {
      return getClass().getMethod("gradient", double[].class, double[].class, double[].class, double[].class,
          double[].class).getDeclaringClass() != MultiIndexLoss.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * g and γ by forward-mode AD: seeds the P = p + k0 inputs with {@code Gradient.variable(P, i, ·)} and
   * reads {@code getGradient()}. Allocates (one {@link Gradient} per operation).
   */
  public final void gradientByAd(double[] s, double[] y, double[] theta, double[] gs, double[] gtheta) {
    int n = p + k0;
    Gradient[] xs = new Gradient[p];
    Gradient[] th = new Gradient[k0];
    for (int a = 0; a < p; a++) xs[a] = Gradient.variable(n, a, s[a]);
    for (int j = 0; j < k0; j++) th[j] = Gradient.variable(n, p + j, theta[j]);
    Gradient l = value(xs, y, th);
    for (int a = 0; a < p; a++) gs[a] = l.getPartialDerivative(a);
    for (int j = 0; j < k0; j++) gtheta[j] = l.getPartialDerivative(p + j);
  }

  /**
   * The Hessian block ∂²ℓ/∂s_a∂s_e (p × p, written into h) by AD with a {@link DerivativeStructure} of
   * order 2 over the p indices (θ held constant). Allocates.
   */
  public final void hessianByAd(double[] s, double[] y, double[] theta, double[][] h) {
    DSFactory f = new DSFactory(p, 2);
    DerivativeStructure[] xs = new DerivativeStructure[p];
    DerivativeStructure[] th = new DerivativeStructure[k0];
    for (int a = 0; a < p; a++) xs[a] = f.variable(a, s[a]);
    for (int j = 0; j < k0; j++) th[j] = f.constant(theta[j]);
    DerivativeStructure l = value(xs, y, th);
    int[] orders = new int[p];
    for (int a = 0; a < p; a++) {
      for (int e = a; e < p; e++) {
        java.util.Arrays.fill(orders, 0);
        orders[a]++;
        orders[e]++;
        h[a][e] = h[e][a] = l.getPartialDerivative(orders);
      }
    }
  }

  /** The plain value ℓ(s, y; θ) (through {@link Binary64}). Allocates. */
  public final double valueAt(double[] s, double[] y, double[] theta) {
    Binary64[] xs = new Binary64[p];
    Binary64[] th = new Binary64[k0];
    for (int a = 0; a < p; a++) xs[a] = new Binary64(s[a]);
    for (int j = 0; j < k0; j++) th[j] = new Binary64(theta[j]);
    return value(xs, y, th).getReal();
  }

  /**
   * The chain rule for a scalar function f Hipparchus lacks: f(x) as a field element, given
   * f0 = f(v), f1 = f'(v), f2 = f''(v) at v = x.getReal(). For a {@link Derivative} of order ≤ 2 (e.g.
   * {@link Gradient}, a {@link DerivativeStructure} of order 2) it is {@code x.compose(f0, f1[, f2])};
   * for a plain number ({@link Binary64}) it is f0. Higher orders are an error.
   */
  @SuppressWarnings("unchecked")
  public static <T extends CalculusFieldElement<T>> T compose(T x, double f0, double f1, double f2) {
    if (x instanceof Derivative<?> d) {
      int order = d.getOrder();
      if (order <= 1) return (T) d.compose(f0, f1);
      if (order == 2) return (T) d.compose(f0, f1, f2);
      throw new IllegalArgumentException("compose supports derivatives of order <= 2, got order " + order);
    }
    return x.newInstance(f0);
  }

  /**
   * This loss with its gradient forced to AD (the fast path, if any, ignored); the capabilities
   * {@link HasKinks} and {@link HasHessian} are kept. For benchmarks and for checking a fast gradient.
   */
  public MultiIndexLoss adOnly() {
    MultiIndexLoss self = this;
    if (this instanceof HasKinks k) {
      return new AdKinked(self, k);
    }
    return new MultiIndexLoss(p, k0, labelDimension) {
      @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
        return self.value(s, y, theta);
      }

      @Override public String toString() {
        return self + " (AD gradient)";
      }
    };
  }

  /** {@link #adOnly} of a kinked loss. */
  private static final class AdKinked extends MultiIndexLoss implements HasKinks {
    private final MultiIndexLoss self;
    private final HasKinks kinks;

    AdKinked(MultiIndexLoss self, HasKinks kinks) {
      super(self.p, self.k0, self.labelDimension);
      this.self = self;
      this.kinks = kinks;
    }

    @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
      return self.value(s, y, theta);
    }

    @Override public int kinkCount() {
      return kinks.kinkCount();
    }

    @Override public double kink(int j, double[] y, double[] theta, double[] normal) {
      return kinks.kink(j, y, theta, normal);
    }

    @Override public String toString() {
      return self + " (AD gradient)";
    }
  }
}
