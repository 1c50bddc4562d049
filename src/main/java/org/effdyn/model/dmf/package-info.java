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
 * {@link org.effdyn.model.dmf.DmfProblem} (data law, loss, method).
 */
package org.effdyn.model.dmf;
