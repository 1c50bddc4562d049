package org.effdyn.model.singleindex;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;

/**
 * Single-index models trained by spherical online SGD (docs/singleindex.md): online PCA, the
 * binary GMM with MLE loss, the teacher–student GLM and spiked tensor PCA on the
 * sphere. Statistic m = ⟨x, θ⟩; time t = steps/N, step size δ/N with δ = O(1).
 *
 * @param kind   which loss
 * @param lambda SNR λ &gt; 0 (pca, tensor; ignored otherwise)
 * @param h      class bias h, P(ε = 1) = e^h/(e^h + e^{-h}) (gmm)
 * @param f      teacher link (glm)
 * @param g      student link (glm)
 * @param cEps   label-noise variance C_ε ≥ 0 (glm)
 * @param order  tensor order k ≥ 2 (tensor)
 * @param delta  step-size constant δ &gt; 0 (the step is δ/N)
 * @param n      dimension N used only by the diffusive signal term -δ√N(1 - m²)φ′(m̃/√N); +inf
 *               takes its limit (required finite when the information exponent is 1)
 */
public record SingleIndex(Kind kind, double lambda, double h, Link f, Link g, double cEps, int order,
    double delta, double n) implements Model {
  /** Ballistic layout (m). */
  public static final StateLayout BALLISTIC = StateLayout.scalars("m");
  /** Diffusive layout (mtilde = √N m). */
  public static final StateLayout DIFFUSIVE = StateLayout.scalars("mtilde");

  /** The four losses (docs/singleindex.md). */
  public enum Kind {
    PCA, GMM, GLM, TENSOR;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(Object value) {
      return Check.choice("params.loss", value, Kind.class);
    }
  }

  public SingleIndex {
    if (kind == null) throw new ParameterException("params.loss", null, "must be given");
    if (!(delta > 0 && delta < Double.POSITIVE_INFINITY)) {
      throw new ParameterException("params.delta", delta, "must be in (0, inf), got " + delta);
    }
    if (kind == Kind.PCA || kind == Kind.TENSOR) Check.positiveFinite("params.lambda", lambda);
    Check.finite("params.h", h);
    Check.nonNegativeFinite("params.c_eps", cEps);
    if (kind == Kind.TENSOR) Check.atLeast("params.order", order, 2);
    if (kind == Kind.GLM && (f == null || g == null)) throw new ParameterException("params.f", f, "must be given, and params.g, for loss glm");
    if (!(n >= 1)) throw new ParameterException("params.N", n, "must be >= 1 (or .inf), got " + n);
    loss(kind, lambda, h, f, g, cEps, order); // validates the GLM links (information exponent exists)
  }

  /** Online PCA with SNR λ and step δ. */
  public static SingleIndex onlinePca(double lambda, double delta) {
    return new SingleIndex(Kind.PCA, lambda, 0, Link.LINEAR, Link.LINEAR, 0, 2, delta, Double.POSITIVE_INFINITY);
  }

  /** Binary GMM with bias h and step δ. */
  public static SingleIndex binaryGmm(double h, double delta) {
    return new SingleIndex(Kind.GMM, 1, h, Link.LINEAR, Link.LINEAR, 0, 2, delta, Double.POSITIVE_INFINITY);
  }

  /** Teacher–student GLM with links f, g, noise variance C_ε and step δ. */
  public static SingleIndex glm(Link f, Link g, double cEps, double delta) {
    return new SingleIndex(Kind.GLM, 1, 0, f, g, cEps, 2, delta, Double.POSITIVE_INFINITY);
  }

  /** Spherical spiked tensor PCA of order k. */
  public static SingleIndex tensor(int order, double lambda, double delta) {
    return new SingleIndex(Kind.TENSOR, lambda, 0, Link.LINEAR, Link.LINEAR, 0, order, delta, Double.POSITIVE_INFINITY);
  }

  public SingleIndex withN(double v) {
    return new SingleIndex(kind, lambda, h, f, g, cEps, order, delta, v);
  }

  public SingleIndex withDelta(double v) {
    return new SingleIndex(kind, lambda, h, f, g, cEps, order, v, n);
  }

  private static SingleIndexLoss loss(Kind kind, double lambda, double h, Link f, Link g, double cEps, int order) {
    return switch (kind) {
      case PCA -> new SingleIndexLoss.OnlinePca(lambda);
      case GMM -> new SingleIndexLoss.BinaryGmm(h);
      case GLM -> new SingleIndexLoss.Glm(f, g, cEps);
      case TENSOR -> new SingleIndexLoss.TensorPca(order, lambda);
    };
  }

  /** φ, φ′, V, V_θ and the information exponent of this loss (a new immutable object). */
  public SingleIndexLoss loss() {
    return loss(kind, lambda, h, f, g, cEps, order);
  }

  /**
   * The information exponent reported by the library: the smallest k with φ^{(k)}(0) ≠ 0
   * (docs/singleindex.md).
   */
  public int informationExponent() {
    return loss().informationExponent();
  }

  @Override
  public String name() {
    return "single-index";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("loss", kind.key());
    switch (kind) {
      case PCA -> p.put("lambda", lambda);
      case GMM -> p.put("h", h);
      case GLM -> {
        p.put("f", f.key());
        p.put("g", g.key());
        p.put("c_eps", cEps);
      }
      case TENSOR -> {
        p.put("order", order);
        p.put("lambda", lambda);
      }
    }
    p.put("delta", delta);
    p.put("N", Double.isInfinite(n) ? "inf" : n);
    p.put("information_exponent", informationExponent());
    return p;
  }

  @Override
  public Dynamics limit(Regime regime) {
    return regime == Regime.BALLISTIC ? new SingleIndexBallistic(this) : new SingleIndexDiffusive(this);
  }

  /**
   * X_0 ~ Unif(S^{N-1}): ballistic ν = δ_0 (for k ≥ 2 the equator m = 0 is invariant:
   * plant m(0), or use the diffusive regime); diffusive ν̃ = N(0, 1).
   */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    if (regime == Regime.BALLISTIC) return InitialLaw.pointMass(BALLISTIC, new double[] {0.0});
    return new InitialLaw() {
      @Override public StateLayout layout() { return DIFFUSIVE; }
      @Override public void sample(UniformRandomProvider rng, double[] out) {
        out[0] = ZigguratSampler.NormalizedGaussian.of(rng).sample();
      }
      @Override public boolean deterministic() { return false; }
    };
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    return new SingleIndexSimulator(this, d, regime);
  }

}
