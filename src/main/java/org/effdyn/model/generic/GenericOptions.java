package org.effdyn.model.generic;

import org.effdyn.core.Check;

/**
 * SGD settings and engine choices (docs/generic.md):
 * \[ x^a \leftarrow x^a - \delta(g_a Y + \beta x^a),\ \delta = c_\delta/d;\qquad
 *    \theta \leftarrow \theta - \delta_\theta(\gamma + \beta_\theta\theta),\ \delta_\theta = c_\theta/d. \]
 *
 * @param cDelta c_δ &gt; 0 (card {@code c_delta})
 * @param beta L2 penalty β ≥ 0 on x (card {@code beta})
 * @param cTheta c_θ ≥ 0, the head's step constant (0 freezes θ; card {@code c_theta})
 * @param betaTheta β_θ ≥ 0, the head's L2 penalty (card {@code beta_theta})
 * @param time the time convention (factor κ multiplying h)
 * @param form how the moments are integrated
 * @param root the rotation of the integration coordinates
 * @param quadrature the rule recipe ({@link Quadrature})
 * @param labelNoisePoints Gauss–Hermite points per label-noise variable ζ (default 3: exact for
 *     integrands polynomial of degree ≤ 5 in ζ, e.g. a squared loss with additive noise)
 */
public record GenericOptions(double cDelta, double beta, double cTheta, double betaTheta, TimeConvention time,
    Form form, Root root, Quadrature quadrature, int labelNoisePoints) {

  /** Time scale of the limit. */
  public enum TimeConvention {
    /** τ = steps·δ (Ben Arous, Gheissari, Jagannath 2022, arXiv:2206.04030; docs/theory.md): κ = 1. */
    BGJ,
    /** t = steps/d = τ/c_δ (committee machines, docs/committee.md): κ = c_δ multiplies h (and Σ). */
    TEACHER_STUDENT
  }

  /** The three exact evaluations of the moment table; they differ only in quadrature error. */
  public enum Form {
    /**
     * Conditional-mean (regression) form, the default: integrate only over the directions ℓ depends on
     * nonlinearly (rank(R) ≤ p for class labels; rank(Ω) ≤ p + |𝓛| with teacher labels); the linear
     * factors t, Z⊥ are replaced by their conditional means. Valid for kinked losses.
     */
    REGRESSION,
    /** Direct form: integrate over all r = q + rank(R⊥) orthonormal coordinates. */
    DIRECT,
    /**
     * Stein form: as REGRESSION for the law of s, but E[g t] and E[g Z⊥] by Gaussian integration by parts,
     * E[g_a t_b] = Σ_c p_c (E_c[g_a] t̄_cb + (1/λ) Σ_e E_c[H_ae] m_eb), E[g_a Z⊥_b] = (1/λ) Σ_e E[H_ae] R⊥_eb,
     * with H = ∂²ℓ/∂s∂s ({@link HasHessian}, else AD). A cross-check, not a default: it needs a smooth loss
     * (no {@link HasKinks}) and labels that do not read the anchors.
     */
    STEIN
  }

  /**
   * Rotation of η, which matters for product rules: a product rule converges at the rate of its worst
   * axis, so the rotation changes the error at a fixed node count by factors up to 10³ (docs/generic.md).
   */
  public enum Root {
    /** Equal column norms (r − 1 Givens rotations); robust default, piecewise smooth in u. */
    EQUALIZED,
    /**
     * The symmetric square root of the covariance of the integrated indices (CovarianceRoot's S^{1/2}):
     * smooth in u, and the integration dimension stays fixed even where the rank drops, so the drift
     * is continuous (adaptive ODE solvers); can be much less accurate for a product rule (committee).
     */
    SYMMETRIC,
    /** Principal axes (eigenvectors), as the SVD produces them. */
    PRINCIPAL
  }

  public GenericOptions {
    Check.positiveFinite("c_delta", cDelta);
    Check.nonNegativeFinite("beta", beta);
    Check.nonNegativeFinite("c_theta", cTheta);
    Check.nonNegativeFinite("beta_theta", betaTheta);
    if (time == null) time = TimeConvention.BGJ;
    if (form == null) form = Form.REGRESSION;
    if (root == null) root = Root.EQUALIZED;
    if (quadrature == null) quadrature = Quadrature.auto();
    Check.atLeast("label_noise_points", labelNoisePoints, 1);
  }

  /** c_θ = c_δ, β_θ = β, BGJ time, regression form, equalized root, auto quadrature, 3 noise points. */
  public static GenericOptions of(double cDelta, double beta) {
    return new GenericOptions(cDelta, beta, cDelta, beta, TimeConvention.BGJ, Form.REGRESSION, Root.EQUALIZED,
        Quadrature.auto(), 3);
  }

  /** κ, the factor multiplying h: 1 (BGJ) or c_δ (teacher–student). */
  public double timeFactor() {
    return time == TimeConvention.BGJ ? 1.0 : cDelta;
  }

  public GenericOptions withHead(double cTheta, double betaTheta) {
    return new GenericOptions(cDelta, beta, cTheta, betaTheta, time, form, root, quadrature, labelNoisePoints);
  }

  public GenericOptions withTime(TimeConvention t) {
    return new GenericOptions(cDelta, beta, cTheta, betaTheta, t, form, root, quadrature, labelNoisePoints);
  }

  public GenericOptions withForm(Form f) {
    return new GenericOptions(cDelta, beta, cTheta, betaTheta, time, f, root, quadrature, labelNoisePoints);
  }

  public GenericOptions withRoot(Root r) {
    return new GenericOptions(cDelta, beta, cTheta, betaTheta, time, form, r, quadrature, labelNoisePoints);
  }

  public GenericOptions withQuadrature(Quadrature q) {
    return new GenericOptions(cDelta, beta, cTheta, betaTheta, time, form, root, q, labelNoisePoints);
  }

  public GenericOptions withLabelNoisePoints(int n) {
    return new GenericOptions(cDelta, beta, cTheta, betaTheta, time, form, root, quadrature, n);
  }
}
