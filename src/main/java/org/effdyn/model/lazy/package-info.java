/**
 * Lazy training: when the NTK (linearized) approximation of gradient flow is valid (E. Boix-Adsera,
 * E. Littwin, "Tight conditions for when the NTK approximation is valid", TMLR 2023,
 * arXiv:2305.13141); docs/lazy.md states the flows, the bounds (labels B1–B6) and the oracles (O1–O5),
 * docs/corrections.md the places where EffDyn departs from the printed statements.
 *
 * <p>A model h: R^p → R^n on a finite training set ({@link org.effdyn.model.lazy.DifferentiableModel}) is
 * trained by the gradient flow of R(αh) = |y* − αh|²/2 with time rescaled by α^{-2}. Three ODE systems
 * in the rescaled weights v = α(w − w0): the full flow (N1), the linearized (NTK) flow
 * (N2), and the first-order correction (F1), bundled as one {@link org.effdyn.core.Dynamics} whose state
 * holds the ones selected by a {@link org.effdyn.model.lazy.Flow}. Models (card names):
 * {@link org.effdyn.model.lazy.LazyQuadratic} ({@code lazy-quadratic}, the paper's tightness example),
 * {@link org.effdyn.model.lazy.LazyDiagonal} ({@code lazy-diagonal}, the fixed multi-scale model),
 * {@link org.effdyn.model.lazy.LazyTwoLayer} ({@code lazy-twolayer}, the paper's §2 network). Derived columns
 * (gap, weight gap, kernel change, R, κ, the bounds): {@link org.effdyn.model.lazy.LazyProblem};
 * bounds with their validity ranges: {@link org.effdyn.model.lazy.LazyBounds}; (α, T) sweeps, exponent
 * fits and time-to-deviation T_ε: {@link org.effdyn.model.lazy.LazySweep}; closed forms and reference
 * numbers: {@link org.effdyn.model.lazy.LazyOracles}.
 *
 * <p>These are deterministic gradient flows in parameter space: there is no SGD simulator, and the
 * "finite system vs limit" check is finite α against the linearized flow (gap ∝ 1/α).
 */
package org.effdyn.model.lazy;
