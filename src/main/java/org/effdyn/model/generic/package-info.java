/**
 * The generic effective-dynamics engine: the ballistic limit (drift with its corrector) and the
 * volatility of online SGD for any multi-index loss on Gaussian-mixture data, derived automatically
 * from the loss. The derivation is EffDyn's own, in the setting of the effective-dynamics limit
 * theorem of Ben Arous, Gheissari, Jagannath ("High-dimensional limit theorems for SGD: effective
 * dynamics and critical scaling", 2022, arXiv:2206.04030; docs/theory.md); no published source
 * treats the general case. docs/generic.md states the equations and the checks against the
 * hand-written drifts of the k-GMM, XOR and committee models.
 *
 * <p>The user supplies
 * <ul>
 *   <li>the data law, an {@link org.effdyn.model.generic.AnchoredMixture}: class weights,
 *       class means in the span of q anchors given by their Gram matrix N̄, noise N(0, I_d/λ) with
 *       λ = ∞ allowed, and a {@link org.effdyn.model.generic.LabelModel} (class labels, or teacher
 *       labels with optional label noise);</li>
 *   <li>the loss ℓ(s, y; θ), a {@link org.effdyn.model.generic.MultiIndexLoss} written once over
 *       Hipparchus' {@code CalculusFieldElement}, so that forward-mode automatic differentiation
 *       yields its gradient; optionally a hand-written gradient and the capabilities
 *       {@link org.effdyn.model.generic.HasKinks} and {@link org.effdyn.model.generic.HasHessian};</li>
 *   <li>the SGD settings, {@link org.effdyn.model.generic.GenericOptions} (c_δ, L2 penalties, head
 *       step c_θ, time convention, quadrature).</li>
 * </ul>
 * {@link org.effdyn.model.generic.GenericLimit} then implements {@link org.effdyn.core.Dynamics} on
 * the natural statistics (m, R⊥, θ) ({@link org.effdyn.model.generic.StatisticsLayout}),
 * and {@link org.effdyn.model.generic.StatisticMap} presents them in a model's own names (Q instead of
 * R⊥, v instead of θ). {@link org.effdyn.model.generic.Quadrature} chooses the rule and
 * {@link org.effdyn.model.generic.QuadratureReport} says what was integrated and how accurately.
 *
 * <p>The simulation and card side: {@link org.effdyn.model.generic.GenericSgdSimulator} runs online SGD
 * in dimension d for the same law and loss (from the loss's gradient), started by
 * {@link org.effdyn.model.generic.GenericStart} (exact planting of m, R⊥, θ);
 * {@link org.effdyn.model.generic.NetworkLoss} builds two-layer networks and softmax classifiers from
 * an {@link org.effdyn.model.common.Activation} and an {@link org.effdyn.model.generic.OutputLoss},
 * with hand-written gradients and declared kinks; {@link org.effdyn.model.generic.GenericModel} is
 * the card model {@code generic}.
 */
package org.effdyn.model.generic;
