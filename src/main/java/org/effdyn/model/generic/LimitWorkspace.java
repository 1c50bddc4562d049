package org.effdyn.model.generic;

/**
 * The per-thread state of one {@link GenericLimit}: the {@link NoiseReduction} of the current state, its
 * {@link MomentTable}, the {@link KinkLines} of the pre-integration, the {@link DriftAssembly} and
 * the {@link Volatility}, and whether this state is pre-integrated. Allocation-free after the first call at
 * each integration dimension.
 */
final class LimitWorkspace {
  private final LimitSetup setup;
  final NoiseReduction reduction;
  final MomentTable moments;
  final KinkLines lines;
  final DriftAssembly drift;
  final Volatility volatility;
  /** A second drift (a replicate's, or the finer rule's) for the error estimate. */
  final double[] hRep;
  /** True if this state is pre-integrated along one kink direction. */
  boolean pre;

  LimitWorkspace(LimitSetup setup) {
    this.setup = setup;
    this.reduction = new NoiseReduction(setup);
    this.moments = new MomentTable(setup, reduction);
    this.lines = new KinkLines(setup, reduction, moments);
    this.drift = new DriftAssembly(setup, reduction, moments);
    this.volatility = new Volatility(setup, reduction, moments);
    this.hRep = new double[setup.stats.size()];
  }

  /** The integration dimension r of the prepared state (0 at λ = ∞). */
  int r() {
    return reduction.r;
  }

  /** Reads u, builds the reduction, and plans the pre-integration where it applies. */
  void prepare(double[] u) {
    pre = false;
    reduction.prepare(u);
    pre = reduction.r >= 1 && setup.mayPreIntegrate() && lines.plan();
  }

  /**
   * Integrates the moments at the prepared state: along the kink lines if planned, else with the rule of
   * dimension r (the single node at r = 0); finer: with the companions of the error estimate (r ≥ 1).
   */
  void integrate(double[] u, QuadratureRules rules, boolean finer) {
    int r = reduction.r;
    if (pre) {
      lines.integrate(u, r == 1 ? null : rules.outer(r, finer), finer ? rules.glXFine : rules.glX,
          finer ? rules.glWFine : rules.glW);
    } else {
      moments.integrate(u, r == 0 ? null : rules.rule(r, finer));
    }
  }
}
