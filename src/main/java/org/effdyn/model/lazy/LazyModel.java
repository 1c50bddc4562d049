package org.effdyn.model.lazy;

import java.util.List;
import java.util.Optional;
import org.effdyn.core.DerivedColumns;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;

/**
 * A lazy-training model card (docs/lazy.md): builds its {@link LazyProblem} and integrates the flow it
 * names. Only the ballistic regime exists (an ODE in parameter space); there is no SGD simulator.
 */
public interface LazyModel extends Model {
  /** The problem (model, J0, target, α); rebuilt on each call, deterministic. */
  LazyProblem problem();

  /** Which flows the card's solve integrates. */
  Flow flow();

  /** The same model at another α (the target of an uncentred network changes with it). */
  LazyModel withAlpha(double alpha);

  @Override
  default Dynamics limit(Regime regime) {
    requireBallistic(regime);
    return problem().dynamics(flow());
  }

  /** All state coordinates start at 0 (v = α(w − w0) = 0, clock = 0). */
  @Override
  default InitialLaw initialLaw(Regime regime) {
    requireBallistic(regime);
    Dynamics d = limit(regime);
    return InitialLaw.pointMass(d.layout(), new double[d.dimension()]);
  }

  /** There is none: these are deterministic gradient flows. */
  @Override
  default SgdSimulator simulator(int d, Regime regime) {
    throw new IllegalArgumentException("simulate: model '" + name() + "' has no SGD simulator: it is a "
        + "deterministic gradient flow in parameter space (docs/lazy.md), compared with its linearized flow "
        + "as alpha grows; remove 'simulate' from the card");
  }

  @Override
  default Optional<DerivedColumns> derivedColumns() {
    return Optional.of(problem().columns(flow()));
  }

  /** gap, α·gap/t, its first-order prediction, bounds, kernel change and movement (those the flow has). */
  @Override
  default List<String> chartColumns(Regime regime) {
    Flow f = flow();
    if (f == Flow.LINEAR) return List.of("Rbar", "move_wbar");
    if (f == Flow.CORRECTION) return List.of("r1", "gap_pred", "Rbar");
    java.util.ArrayList<String> c = new java.util.ArrayList<>(List.of("gap", "agap_t"));
    if (f.hasCorrection()) c.add("gap_pred");
    c.addAll(List.of("bound_sharp", "bound_chizat", "bound_post", "dK_rel", "move_w"));
    return c;
  }

  private void requireBallistic(Regime regime) {
    if (regime != Regime.BALLISTIC) {
      throw new IllegalArgumentException("regime: model '" + name() + "' is a deterministic ODE; only "
          + "ballistic is available, got " + regime.key());
    }
  }
}
