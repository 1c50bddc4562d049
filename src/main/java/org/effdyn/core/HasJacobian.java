package org.effdyn.core;

/** Optional capability of a {@link Dynamics}: an analytic Jacobian of the drift. */
public interface HasJacobian {
  /** Writes J_ij = d h_i / d u_j at u into jac (n x n). Allocation-free. */
  void jacobian(double[] u, double[][] jac);
}
