/**
 * Full-batch first-order training of a perceptron on a Gaussian mixture and its dynamic mean-field
 * (DMF) limit, spec/dmf.md §9 (A. Panahi, "A Gaussian Comparison Theorem for Training Dynamics in
 * Machine Learning", seed 000, §4.1, §6).
 *
 * <p>Unlike the online-SGD models, one data set of n = αd samples is reused at every step, time is
 * the raw iteration l = 0..L−1, and the d → ∞ limit is a non-Markovian discrete-time process with
 * memory, solved by one causal forward sweep (no ODE). Contents:
 * {@link org.effdyn.model.dmf.LinearRecursion} and {@link org.effdyn.model.dmf.Algorithm} (the
 * methods, §9(a)3), {@link org.effdyn.model.dmf.Coefficients} (λ, Λ by a symbolic run),
 * {@link org.effdyn.model.dmf.Perceptron} (ω, ω', §9(b)1),
 * {@link org.effdyn.model.dmf.DmfProblem} (data law, loss, method);
 * {@link org.effdyn.model.dmf.ExactSweep} (affine ω, §9(c)4) and
 * {@link org.effdyn.model.dmf.MonteCarloSweep} (any ω, pathwise-adjoint B_θ, §9(c)2–3), both giving a
 * {@link org.effdyn.model.dmf.DmfSolution} (kernels V_θ, V_ω, B_θ, Λ̃ and the observables of §9(b)3);
 * {@link org.effdyn.model.dmf.FullBatchSimulator} (finite-d training, §9(a)4);
 * {@link org.effdyn.model.dmf.DmfModel} (card model {@code dmf}; its files are written by the run layer).
 *
 * <p>Finite size (§9(d)): {@link org.effdyn.model.dmf.AlternativeProcess} (ψ at complex z, e.g. z = i,
 * with {@link org.effdyn.model.dmf.ComplexCholesky} on {@link org.effdyn.model.dmf.ComplexMatrix} and
 * the analytic continuation {@link org.effdyn.model.dmf.AnalyticPerceptron}), set up by
 * {@link org.effdyn.model.dmf.FiniteSizeSetup}, its moments {@link org.effdyn.model.dmf.FiniteSizeMoments}
 * (Re and Im with standard errors), {@link org.effdyn.model.dmf.RefinementIteration} (Algorithm 1) and
 * {@link org.effdyn.model.dmf.FluctuationParameters} (the corrected Prop. 2 items).
 */
package org.effdyn.model.dmf;
