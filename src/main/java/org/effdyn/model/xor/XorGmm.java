package org.effdyn.model.xor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.ParameterException;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;

/**
 * The XOR Gaussian mixture with a two-layer ReLU–sigmoid network (docs/xor.md): ϑ uniform on
 * {±μ, ±ν}, Y = ϑ + Z, Z ~ N(0, I_d/λ), label 1 for ±μ; output σ(v·relu(WY)), logistic loss.
 *
 * @param hiddenUnits     K &gt;= 1, the width of the hidden layer (card: {@code K})
 * @param lambda          SNR λ &gt; 0, the inverse noise variance; λ = +∞ (card {@code .inf}) selects the
 *                        zero-noise limit {@link XorInfinite}
 * @param beta            L2 penalty β &gt; 0, inside the step; learning needs β &lt; 1/8 (for β &gt;= 1/8 the
 *                        λ = ∞ flow collapses to 0)
 * @param cDelta          step-size constant c_δ &gt; 0, δ = c_δ/d
 * @param drift           finite-λ drift: {@link Drift#INTEGRAL} (Prop. 5.15, exact up to quadrature) or
 *                        {@link Drift#SOFT} (the O(λ^{-1/2}) large-λ form of Cor. 5.17); at λ = ∞ it must
 *                        be INTEGRAL (the default), which then means the exact Filippov flow
 * @param quadratureNodes RQMC nodes of the finite-λ (K+2)-dimensional integrals (card:
 *                        {@code quadrature_nodes}); see {@link XorFinite}
 */
public record XorGmm(int hiddenUnits, double lambda, double beta, double cDelta, Drift drift, int quadratureNodes)
    implements Model, org.effdyn.analysis.FixedPointSets {

  /** Which finite-λ drift {@link #limit} returns. */
  public enum Drift {
    /** Prop. 5.15: the (K+2)-dimensional Gaussian integrals. */
    INTEGRAL,
    /** Cor. 5.17: indicators replaced by F(m √(λ/R_ii)), accurate to O(λ^{-1/2}). */
    SOFT;

    /** Card spelling. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code integral} or {@code soft}. */
    public static Drift parse(Object s) {
      return Check.choice("params.drift", s, Drift.class);
    }
  }

  /** Default number of RQMC nodes of the finite-λ integrals. */
  public static final int DEFAULT_NODES = 1024;

  public XorGmm {
    Check.atLeast("K", hiddenUnits, 1);
    Check.positiveOrInfinite("lambda", lambda);
    Check.positiveFinite("beta", beta);
    Check.positiveFinite("c_delta", cDelta);
    if (drift == null) drift = Drift.INTEGRAL;
    if (drift == Drift.SOFT && Double.isInfinite(lambda)) {
      throw new ParameterException("drift", drift, "soft needs a finite lambda (it is the large-lambda form); "
          + "at lambda = .inf use the default (exact Filippov flow)");
    }
    Check.atLeast("quadrature_nodes", quadratureNodes, 64);
  }

  /** The integral drift with {@value #DEFAULT_NODES} nodes. λ may be +∞. */
  public XorGmm(int hiddenUnits, double lambda, double beta, double cDelta) {
    this(hiddenUnits, lambda, beta, cDelta, Drift.INTEGRAL, DEFAULT_NODES);
  }

  public XorGmm withLambda(double v) {
    return new XorGmm(hiddenUnits, v, beta, cDelta, drift, quadratureNodes);
  }

  public XorGmm withDrift(Drift d) {
    return new XorGmm(hiddenUnits, lambda, beta, cDelta, d, quadratureNodes);
  }

  public XorGmm withQuadratureNodes(int n) {
    return new XorGmm(hiddenUnits, lambda, beta, cDelta, drift, n);
  }

  /** The soft large-λ version at this λ (finite). */
  public XorGmm soft() {
    return withDrift(Drift.SOFT);
  }

  /** Layout {@code v[i]}, {@code mmu[i]}, {@code mnu[i]} (K each), then {@code Rperp[i,j]} (i &lt;= j). */
  public StateLayout layout() {
    return layout(hiddenUnits);
  }

  static StateLayout layout(int k) {
    return StateLayout.builder().vector("v", k).vector("mmu", k).vector("mnu", k).symmetric("Rperp", k).build();
  }

  /** L_β = log((1 - 4β)/(4β)) = logit(1 - 4β): Σ v_i² over each occupied class at a fixed point; &gt; 0 iff β &lt; 1/8. */
  public double lbeta() {
    return Math.log((1 - 4 * beta) / (4 * beta));
  }

  @Override
  public String name() {
    return "xor-gmm";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("K", hiddenUnits);
    m.put("lambda", Double.isInfinite(lambda) ? "inf" : lambda);
    m.put("beta", beta);
    m.put("c_delta", cDelta);
    m.put("drift", drift.key());
    m.put("quadrature_nodes", quadratureNodes);
    return m;
  }

  /**
   * λ = ∞: {@link XorInfinite}; finite λ: {@link XorFinite} or, with {@code drift: soft},
   * {@link XorSoft}. Only the ballistic regime exists (the sources give no diffusive limit).
   */
  @Override
  public Dynamics limit(Regime regime) {
    requireBallistic(regime);
    if (Double.isInfinite(lambda)) return new XorInfinite(this);
    return drift == Drift.SOFT ? new XorSoft(this) : new XorFinite(this);
  }

  private static void requireBallistic(Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: xor-gmm has only a ballistic limit (docs/xor.md), got " + regime.key());
    }
  }

  /**
   * W_i ~ N(0, I_d/d), v_i ~ N(0, 1) give v(0) ~ N(0, I_K), m(0) = 0 and R⊥(0) = I.
   * At λ = ∞ each m_i^ϑ(0) = 0 is read as 0+ or 0- with probability 1/2 (the orthant choice); the draw
   * stores it as a signed zero (+0.0 or -0.0), which {@link XorInfinite} reads as the side.
   *
   * <p><b>m = 0 is invariant</b> for the finite-λ and the soft limits (docs/xor.md): started from this
   * law they never learn (A^μ = A^ν = 0 there by the ±μ symmetry), while SGD escapes through its O(d^{-1/2})
   * fluctuations in a time of order log d. Start those limits from planted overlaps (card {@code init},
   * e.g. {@code mmu: [0.3, ...]}) to compare with SGD, which plants the same values.
   */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    requireBallistic(regime);
    StateLayout l = layout();
    int k = hiddenUnits;
    boolean orthant = Double.isInfinite(lambda);
    return new InitialLaw() {
      @Override public StateLayout layout() {
        return l;
      }

      @Override public void sample(UniformRandomProvider rng, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < k; i++) out[i] = g.sample();
        if (orthant) {
          for (int i = k; i < 3 * k; i++) out[i] = rng.nextBoolean() ? 0.0 : -0.0;
        }
        StateLayout.Block rp = l.block("Rperp");
        for (int i = 0; i < k; i++) out[rp.index(i, i)] = 1.0;
      }

      @Override public boolean deterministic() {
        return false;
      }
    };
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    requireBallistic(regime);
    return new XorSimulator(this, d);
  }

  /**
   * Summaries appended to every trajectory: {@code v_norm2} = Σ v_i², {@code mmu_norm2} = Σ (m_i^μ)²,
   * {@code mnu_norm2} = Σ (m_i^ν)², {@code tr_Rperp} = Σ R⊥_ii.
   */
  @Override
  public Optional<DerivedColumns> derivedColumns() {
    int k = hiddenUnits;
    StateLayout.Block rp = layout().block("Rperp");
    return Optional.of(new DerivedColumns() {
      @Override public List<String> names() {
        return List.of("v_norm2", "mmu_norm2", "mnu_norm2", "tr_Rperp");
      }

      @Override public void compute(double[] u, double[] out) {
        double a = 0, b = 0, c = 0, tr = 0;
        for (int i = 0; i < k; i++) {
          a += u[i] * u[i];
          b += u[k + i] * u[k + i];
          c += u[2 * k + i] * u[2 * k + i];
          tr += u[rp.index(i, i)];
        }
        out[0] = a;
        out[1] = b;
        out[2] = c;
        out[3] = tr;
      }
    });
  }

  /**
   * K &lt;= 4: every v, m^μ, m^ν (3K panels); wider networks: Σv², Σ(m^μ)², Σ(m^ν)². (A multiple of three
   * panels: io.Charts lays panels out three per row, and xchart's grid merge fails on a partial last row.)
   */
  @Override
  public List<String> chartColumns(Regime regime) {
    if (hiddenUnits > 4) return List.of("v_norm2", "mmu_norm2", "mnu_norm2");
    return layout().names().subList(0, 3 * hiddenUnits);
  }

  /** At λ = ∞ and 0 &lt; β &lt; 1/8: {@link XorOracles#report} as Markdown; otherwise empty. */
  @Override
  public java.util.Optional<String> fixedPointSetsReport() {
    if (!Double.isInfinite(lambda) || !(beta < 0.125)) return java.util.Optional.empty();
    return java.util.Optional.of(XorOracles.report(this).toMarkdown());
  }
}
