package org.effdyn.model.generic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;

/**
 * The generic engine as a card model ({@code model: generic}; docs/generic.md): a two-layer network
 * or a softmax classifier ({@link NetworkLoss}) trained by online SGD on an anchored Gaussian mixture
 * with per-class labels ({@link AnchoredMixture}). The limit is {@link GenericLimit} (drift derived
 * from the loss by quadrature), the simulator {@link GenericSgdSimulator}, the statistics
 * {@code m[a,b]}, {@code Rperp[a,b]}, {@code theta[j]} of {@link StatisticsLayout}. The diffusive regime
 * ({@link GenericDiffusive}) rescales the overlaps near the invariant set m = 0, m̃ = √d m: its initial law
 * is m̃_a ~ N(0, σ_w² N̄) independently over the rows a, with R⊥ and θ at their start; it needs m0 unset
 * (a planted m(0) ≠ 0 has m̃(0) growing like √d). The SGD overlay reports m̃ = √d m
 * ({@link GenericDiffusiveSimulator}).
 *
 * <p>Java users with their own loss or label model build the pieces directly:
 * {@code new GenericModel(law, loss, options, start)}.
 */
public final class GenericModel implements Model {
  private final AnchoredMixture law;
  private final MultiIndexLoss loss;
  private final GenericOptions options;
  private final GenericStart start;
  private final StatisticsLayout stats;
  private final Map<String, Object> parameters;

  /**
   * @throws IllegalArgumentException if the loss, the labels and the start do not fit together
   */
  public GenericModel(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options, GenericStart start) {
    this(law, loss, options, start, null);
  }

  /** As {@link #GenericModel(AnchoredMixture, MultiIndexLoss, GenericOptions, GenericStart)}, with the
   * parameters {@link #parameters()} reports (e.g. as a card spelled them); null derives them. */
  public GenericModel(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options, GenericStart start,
      Map<String, Object> cardParameters) {
    this.law = java.util.Objects.requireNonNull(law, "law");
    this.loss = java.util.Objects.requireNonNull(loss, "loss");
    this.options = java.util.Objects.requireNonNull(options, "options");
    if (loss.labelDimension() != law.labels().dimension()) {
      throw new IllegalArgumentException("labels have length " + law.labels().dimension() + " but the loss " + loss
          + " reads labels of length " + loss.labelDimension());
    }
    this.stats = StatisticsLayout.of(loss.p(), law.anchorCount(), loss.k0());
    this.start = java.util.Objects.requireNonNull(start, "start").check(loss.p(), law.anchorCount(), loss.k0());
    Map<String, Object> m = cardParameters;
    if (m == null) {
      m = new LinkedHashMap<>();
      m.put("law", law.toString());
      m.put("loss", loss.toString());
      m.put("options", options.toString());
      m.put("start", start.toString());
    }
    this.parameters = Collections.unmodifiableMap(m);
  }

  public AnchoredMixture law() {
    return law;
  }

  public MultiIndexLoss loss() {
    return loss;
  }

  public GenericOptions options() {
    return options;
  }

  public GenericStart start() {
    return start;
  }

  /** The statistics (m, R⊥, θ). */
  public StatisticsLayout statistics() {
    return stats;
  }

  @Override
  public String name() {
    return "generic";
  }

  @Override
  public Map<String, Object> parameters() {
    return parameters;
  }

  @Override
  public Dynamics limit(Regime regime) {
    GenericLimit limit = new GenericLimit(law, loss, options);
    return regime == Regime.BALLISTIC ? limit : new GenericDiffusive(limit);
  }

  /**
   * Ballistic: point mass at the start's d → ∞ statistics ({@link GenericStart#limitState}). Diffusive:
   * m̃_a = σ_w L ξ_a with N̄ = L Lᵀ and ξ_a ~ N(0, I_q) i.i.d. (the law of √d m under
   * x^a ~ N(0, σ_w² I_d/d)), R⊥ and θ at their start.
   */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    double[] u0 = start.limitState(stats);
    if (regime == Regime.BALLISTIC) return InitialLaw.pointMass(stats.layout(), u0);
    diffusiveStart();
    int p = stats.p();
    int q = stats.q();
    double[][] l = new org.hipparchus.linear.CholeskyDecomposition(
        org.hipparchus.linear.MatrixUtils.createRealMatrix(law.nbar())).getL().getData();
    double sw = start.sigmaW();
    StateLayout layout = GenericDiffusive.layoutOf(stats);
    return new InitialLaw() {
      @Override public StateLayout layout() {
        return layout;
      }

      @Override public void sample(org.apache.commons.rng.UniformRandomProvider rng, double[] out) {
        System.arraycopy(u0, 0, out, 0, u0.length);
        org.apache.commons.rng.sampling.distribution.ContinuousSampler g =
            org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[] xi = new double[q];
        for (int a = 0; a < p; a++) {
          for (int j = 0; j < q; j++) xi[j] = g.sample();
          for (int b = 0; b < q; b++) {
            double v = 0;
            for (int j = 0; j <= b; j++) v += l[b][j] * xi[j];
            out[stats.m(a, b)] = sw * v;
          }
        }
      }

      @Override public boolean deterministic() {
        return false;
      }
    };
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    GenericSgdSimulator sgd = new GenericSgdSimulator(law, loss, options, start, d);
    if (regime == Regime.BALLISTIC) return sgd;
    diffusiveStart();
    return new GenericDiffusiveSimulator(sgd);
  }

  /** {@code tr_Rperp}, the trace of R⊥ (the squared norm of the weights off the anchors). */
  @Override
  public Optional<DerivedColumns> derivedColumns() {
    int p = stats.p();
    return Optional.of(new DerivedColumns() {
      @Override public List<String> names() {
        return List.of("tr_Rperp");
      }

      @Override public void compute(double[] u, double[] out) {
        double tr = 0;
        for (int a = 0; a < p; a++) tr += u[stats.rperp(a, a)];
        out[0] = tr;
      }
    });
  }

  /** Every m[a,b] (diffusive: mtilde[a,b]), every θ_j and the trace of R⊥. */
  @Override
  public List<String> chartColumns(Regime regime) {
    List<String> c = new ArrayList<>();
    StateLayout l = regime == Regime.BALLISTIC ? stats.layout() : GenericDiffusive.layoutOf(stats);
    for (int a = 0; a < stats.p(); a++) for (int b = 0; b < stats.q(); b++) c.add(l.name(stats.m(a, b)));
    for (int j = 0; j < stats.k0(); j++) c.add(l.name(stats.theta(j)));
    c.add("tr_Rperp");
    return c;
  }

  private void diffusiveStart() {
    if (start.m() != null) {
      throw new IllegalArgumentException("params.m0: not used in the diffusive regime, which starts at the "
          + "invariant set m = 0 with sqrt(d) m ~ N(0, sigma_w^2 nbar) (docs/generic.md, Diffusive regime); remove m0");
    }
  }

  @Override
  public String toString() {
    return "GenericModel[" + law + ", " + loss + ", " + options + ", " + start + "]";
  }

  // ---- the card ----

}
