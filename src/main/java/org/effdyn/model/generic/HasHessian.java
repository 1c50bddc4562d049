package org.effdyn.model.generic;

/**
 * Capability of a smooth {@link MultiIndexLoss} with a hand-written Hessian H_ae = ∂²ℓ/∂s_a∂s_e,
 * for the Stein form of the moments (Gaussian integration by parts: E[g_a t_b] = E[g_a] t̄_b
 * + (1/λ) Σ_e m_eb E[H_ae]). Without it
 * the Hessian comes from {@link MultiIndexLoss#hessianByAd}. Not for kinked losses (H has Dirac
 * masses on the kinks).
 */
public interface HasHessian {
  /** Writes H (p × p, symmetric) at (s, y, θ). Must not allocate. */
  void hessian(double[] s, double[] y, double[] theta, double[][] h);
}
