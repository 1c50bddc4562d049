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
 * {@code m[a,b]}, {@code Rperp[a,b]}, {@code theta[j]} of {@link StatisticsLayout}. Only the ballistic
 * regime: the engine gives the volatility Σ for any rescaling ({@link GenericLimit#volatility}), but
 * finding the invariant sets and which statistics to rescale by √d for a diffusive limit is left to
 * Java users.
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
    ballisticOnly(regime);
    return new GenericLimit(law, loss, options);
  }

  /** Point mass at the start's d → ∞ statistics ({@link GenericStart#limitState}). */
  @Override
  public InitialLaw initialLaw(Regime regime) {
    ballisticOnly(regime);
    return InitialLaw.pointMass(stats.layout(), start.limitState(stats));
  }

  @Override
  public SgdSimulator simulator(int d, Regime regime) {
    ballisticOnly(regime);
    return new GenericSgdSimulator(law, loss, options, start, d);
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

  /** Every m[a,b], every θ_j and the trace of R⊥. */
  @Override
  public List<String> chartColumns(Regime regime) {
    List<String> c = new ArrayList<>();
    StateLayout l = stats.layout();
    for (int a = 0; a < stats.p(); a++) for (int b = 0; b < stats.q(); b++) c.add(l.name(stats.m(a, b)));
    for (int j = 0; j < stats.k0(); j++) c.add(l.name(stats.theta(j)));
    c.add("tr_Rperp");
    return c;
  }

  private static void ballisticOnly(Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: the generic model has only a ballistic limit (docs/generic.md); "
          + "its volatility (GenericLimit.volatility) is available from Java, got " + regime.key());
    }
  }

  @Override
  public String toString() {
    return "GenericModel[" + law + ", " + loss + ", " + options + ", " + start + "]";
  }

  // ---- the card ----

}
