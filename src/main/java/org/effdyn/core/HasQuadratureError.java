package org.effdyn.core;

/**
 * Optional capability of a {@link Dynamics} whose drift is a numerical integral (Gaussian
 * quadrature or randomized QMC), e.g. the generic engine (docs/generic.md): an estimate of the
 * drift's quadrature error at a state. The scenario runner evaluates it at the start and the end of
 * every ballistic solve and records it in {@code run.json}, so a solve at rtol below the drift's own
 * accuracy shows as such.
 */
public interface HasQuadratureError {
  /**
   * The largest estimated absolute error of the drift's coordinates at u (e.g. the RQMC standard
   * error, or the difference to a finer rule); 0 where the drift is exact. May cost a few drift
   * evaluations; not for hot loops.
   */
  double quadratureError(double[] u);
}
