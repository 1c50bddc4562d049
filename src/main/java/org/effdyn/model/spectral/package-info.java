/**
 * Hessian and G-matrix spectral quantities (alignment of SGD with outlier eigenspaces),
 * ../shared/spec/models.md §6 (seed 003; seed 004 ch. 13). Partial: {@link
 * org.effdyn.model.spectral.Lanczos} (top eigenpairs of a matrix-free {@link
 * org.effdyn.model.spectral.SymmetricOperator}, full reorthogonalization), {@link
 * org.effdyn.model.spectral.Alignment} (ρ, ε*, eigen-gap warning) and {@link
 * org.effdyn.model.spectral.KgmmSpectrum} (k-GMM empirical test blocks and λ = ∞ population outliers).
 * The XOR blocks are not implemented.
 */
package org.effdyn.model.spectral;
