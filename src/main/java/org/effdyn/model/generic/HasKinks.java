package org.effdyn.model.generic;

/**
 * Capability of a {@link MultiIndexLoss} whose gradient is only piecewise smooth: ∂ℓ/∂s jumps across
 * hyperplanes n_j · s = b_j (ReLU units: n_j = e_j, b_j = 0; a hinge on a linear score: the margin
 * hyperplane). The engine then uses the a.s. gradient with randomized QMC
 * (the jump set has Gaussian measure zero for finite λ) and never the Stein form; tensor Gauss–Hermite
 * converges only algebraically on such integrands (docs/generic.md).
 */
public interface HasKinks {
  /** Number of kink hyperplanes. */
  int kinkCount();

  /**
   * Kink j: writes its normal n_j (length p) and returns its offset b_j. May depend on the label and
   * on θ. Must not allocate.
   */
  double kink(int j, double[] y, double[] theta, double[] normal);
}
