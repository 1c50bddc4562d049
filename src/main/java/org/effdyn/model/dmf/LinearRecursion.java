package org.effdyn.model.dmf;

/**
 * A linear first-order full-batch method (Panahi 2026, arXiv:2603.09310, eqs. (23)–(24)): the query
 * point is a fixed linear combination of θ0 and the past gradients,
 * \[ \theta(l) = \lambda(l)\,\theta_0 - \sum_{\mu &lt; l} \Lambda(\mu,l)\, q(\mu), \qquad q(\mu) = \nabla L(\theta(\mu)). \]
 *
 * <p>The recursion acts on plain vectors, so one object drives both the finite-d simulator (vectors
 * in R^d) and the {@link Coefficients} builder (coefficient vectors in the basis
 * {θ0, q(0), …, q(L−1)}). Implementations must be linear in (θ0, q) and causal; the coefficient
 * builder rejects anything else. Implementations are immutable; each {@link #start} returns an
 * independent {@link Run} holding its own preallocated state.
 */
public interface LinearRecursion {

  /** Short name used in cards and outputs ({@code gd}, {@code heavy_ball}, …). */
  String name();

  /** Starts a run at θ0 (copied; its length is the vector dimension). */
  Run start(double[] theta0);

  /** The mutable state of one run. Allocates nothing after {@link #start}. */
  interface Run {
    /**
     * The current query point θ(l), where the next gradient is evaluated (for Nesterov the
     * extrapolated point y_l). A view of the internal state: read it before the next
     * {@link #update}, never modify it.
     */
    double[] query();

    /** Advances by one step given q(l) = ∇L(query()). q is not modified and may be reused. */
    void update(double[] q);
  }
}
