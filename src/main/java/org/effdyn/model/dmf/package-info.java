/**
 * Full-batch first-order training of a perceptron on a Gaussian mixture and its dynamic mean-field
 * (DMF) limit (A. Panahi, "A Gaussian comparison theorem for training dynamics in machine learning",
 * 2026, arXiv:2603.09310, §4.1 and §6); docs/dmf.md states the model, the equations and the checks,
 * docs/corrections.md the places where EffDyn departs from the printed equations.
 *
 * <p>Unlike the online-SGD models, one data set of n = αd samples is reused at every step, time is
 * the raw iteration l = 0..L−1, and the d → ∞ limit is a non-Markovian discrete-time process with
 * memory, solved by one causal forward sweep (no ODE). With the method's coefficients (λ, Λ)
 * (θ(l) = λ(l)θ0 − Σ_{μ&lt;l} Λ(μ,l) q(μ)), γ = d/n, the class weights ρ_y, the Gram matrix ν of the
 * class means and θ0 over Y* = classes ∪ {*} and the per-sample factor ω(p, y), the DMF solution is
 * the set of L × L kernels V_θ, V_ω(y), B_θ and vectors α(y), β(y) with (Panahi 2026, eqs. (26)–(32),
 * with the noise term of (26) scaled by 1/√n and the class index of α̃ in (28) restored):
 * <ul>
 * <li>(P1) propagators: Λ̃ = (I + ΛB_θ)^{-1}Λ, λ̃ᵀ = λᵀ(I + B_θΛ)^{-1}, α̃(y)ᵀ = α(y)ᵀΛ̃, α̃(*) = −λ̃;</li>
 * <li>(P2) parameter side: β(l,y) = −Σ_{a∈Y*} ν(y,a) α̃(l,a),
 *     V_θ = Σ_{a,b∈Y*} ν(a,b) α̃(a)α̃(b)ᵀ + γ Λ̃ᵀV_ωΛ̃;</li>
 * <li>(P3) effective process of class y, with h centred Gaussian of covariance V_θ:
 *     p_y(l) = β(l,y) + h(l) − γ Σ_{μ&lt;l} Λ̃(μ,l) ω(p_y(μ), y);</li>
 * <li>(P4) sample side: α(l,y) = ρ_y E ω(p_y(l), y), V_ω(l,l';y) = ρ_y E[ω(p_y(l),y) ω(p_y(l'),y)],
 *     V_ω = Σ_y V_ω(y), B_θ(μ,l) = Σ_y ρ_y E ∂ω(p_y(l),y)/∂h(μ) (μ ≤ l).</li>
 * </ul>
 * Column l of every kernel needs the others only at times &lt; l, so one forward sweep solves the
 * system with no fixed point.
 *
 * <p>Contents: {@link org.effdyn.model.dmf.LinearRecursion} and {@link org.effdyn.model.dmf.Algorithm}
 * (the methods, Panahi 2026 eqs. (23)–(24)), {@link org.effdyn.model.dmf.Coefficients} (λ, Λ by a
 * symbolic run), {@link org.effdyn.model.dmf.Perceptron} (ω, ω', eq. (25)),
 * {@link org.effdyn.model.dmf.DmfProblem} (data law, loss, method);
 * {@link org.effdyn.model.dmf.ExactSweep} (affine ω, exact) and
 * {@link org.effdyn.model.dmf.MonteCarloSweep} (any ω, pathwise-adjoint B_θ), both giving a
 * {@link org.effdyn.model.dmf.DmfSolution} (kernels V_θ, V_ω, B_θ, Λ̃ and the train and test
 * observables); {@link org.effdyn.model.dmf.FullBatchSimulator} (finite-d training);
 * {@link org.effdyn.model.dmf.DmfModel} (card model {@code dmf}; its files are written by the run layer).
 *
 * <p>Finite size (Panahi 2026, §3 and §6.2; docs/dmf.md, "Finite size"):
 * {@link org.effdyn.model.dmf.AlternativeProcess} (ψ at complex z, e.g. z = i, Claim 1,
 * with {@link org.effdyn.model.dmf.ComplexCholesky} on {@link org.effdyn.model.dmf.ComplexMatrix} and
 * the analytic continuation {@link org.effdyn.model.dmf.AnalyticPerceptron}), set up by
 * {@link org.effdyn.model.dmf.FiniteSizeSetup}, its moments {@link org.effdyn.model.dmf.FiniteSizeMoments}
 * (Re and Im with standard errors), {@link org.effdyn.model.dmf.RefinementIteration} (Algorithm 1) and
 * {@link org.effdyn.model.dmf.FluctuationParameters} (Definition 2 and the corrected Proposition 2).
 */
package org.effdyn.model.dmf;
