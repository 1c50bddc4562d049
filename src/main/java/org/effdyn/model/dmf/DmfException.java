package org.effdyn.model.dmf;

/**
 * The DMF sweep broke down at an iteration: V_θ stopped being finite or positive semidefinite.
 * In exact arithmetic V_θ is PSD; a failure means the dynamics diverge (a step size beyond the
 * stability edge: for GD, η times the top Hessian eigenvalue, about sup ω' (1 + √γ)² plus the mean
 * spikes, exceeds 2) or the Monte Carlo averages overflowed.
 */
public final class DmfException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int iteration;

  DmfException(int iteration, String message) {
    super(message + ". Likely: the iteration diverges (step size eta or momentum beyond the "
        + "stability edge, eta * sup omega' * (1 + sqrt(gamma))^2 > 2 for GD), or the loss overflows");
    this.iteration = iteration;
  }

  /** The iteration l at which the sweep failed. */
  public int iteration() {
    return iteration;
  }
}
