package org.effdyn.model.pca;

import java.util.LinkedHashMap;
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
 * Spiked PCA of order k (docs/pca.md): data Y = λ v^{⊗k} + W with W i.i.d. N(0, 1), loss
 * ‖Y − x^{⊗k}‖_F², online SGD with step δ = c_δ/N.
 *
 * @param k       tensor order, k &gt;= 2 (k = 2: the spiked matrix model)
 * @param lambda  signal-to-noise ratio λ &gt; 0
 * @param cDelta  step-size constant c_δ &gt; 0 (δ = c_δ/N)
 * @param n       dimension N used only by the tensor diffusive limit's signal term
 *                2kλ N^{-(k-2)/2} m̃^{k-1}; +inf (the default) drops it, as the N → ∞ limit does
 */
public record SpikedPca(int k, double lambda, double cDelta, double n) implements Model {
  /** Ballistic layout (m, r2perp). */
  public static final StateLayout BALLISTIC = StateLayout.scalars("m", "r2perp");
  /** Diffusive layout (mtilde = √N m, r2perp). */
  public static final StateLayout DIFFUSIVE = StateLayout.scalars("mtilde", "r2perp");

  public SpikedPca {
    Check.atLeast("k", k, 2);
    Check.positiveFinite("lambda", lambda);
    Check.positiveFinite("c_delta", cDelta);
    if (!(n >= 1)) throw new ParameterException("N", n, "must be >= 1 (or .inf), got " + n);
  }

  /** Order k, SNR λ, c_δ; N = ∞. */
  public SpikedPca(int k, double lambda, double cDelta) {
    this(k, lambda, cDelta, Double.POSITIVE_INFINITY);
  }

  /** The spiked matrix model (k = 2). */
  public static SpikedPca matrix(double lambda, double cDelta) {
    return new SpikedPca(2, lambda, cDelta);
  }

  public SpikedPca withLambda(double v) {
    return new SpikedPca(k, v, cDelta, n);
  }

  public SpikedPca withCDelta(double v) {
    return new SpikedPca(k, lambda, v, n);
  }

  @Override
  public String name() {
    return "pca";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("k", k);
    p.put("lambda", lambda);
    p.put("c_delta", cDelta);
    p.put("N", Double.isInfinite(n) ? "inf" : n);
    return p;
  }

  @Override
  public Dynamics limit(Regime regime) {
    return regime == Regime.BALLISTIC ? new PcaBallistic(this) : new PcaDiffusive(this);
  }

  /**
   * x_0 ~ N(0, I_N/N): ballistic ν = δ_{(0, 1)}; diffusive ν̃ = N(0, 1) ⊗ δ_1.
   * The ballistic limit started at m = 0 stays there (an invariant saddle, docs/theory.md): plant m(0) to
   * study recovery, or use the diffusive regime for the escape.
   */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    if (regime == Regime.BALLISTIC) return InitialLaw.pointMass(BALLISTIC, new double[] {0.0, 1.0});
    return new InitialLaw() {
      @Override public StateLayout layout() { return DIFFUSIVE; }
      @Override public void sample(UniformRandomProvider rng, double[] out) {
        out[0] = ZigguratSampler.NormalizedGaussian.of(rng).sample();
        out[1] = 1.0;
      }
      @Override public boolean deterministic() { return false; }
    };
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    return new PcaSimulator(this, d, regime);
  }

  /** x^n for a small integer n >= 0 by repeated multiplication (Math.pow is several times slower here). */
  static double ipow(double x, int n) {
    double r = 1;
    for (int i = 0; i < n; i++) r *= x;
    return r;
  }

}
