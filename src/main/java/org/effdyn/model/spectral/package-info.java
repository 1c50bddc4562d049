/**
 * Hessian and G-matrix spectral quantities (alignment of SGD with outlier eigenspaces),
 * ../shared/spec/models.md §6 (seed 003; seed 004 ch. 13): {@link org.effdyn.model.spectral.WeightedGram}
 * (the matrix-free form of every empirical test block), {@link org.effdyn.model.spectral.Lanczos} (top
 * eigenpairs of a {@link org.effdyn.model.spectral.SymmetricOperator} by block Lanczos),
 * {@link org.effdyn.model.spectral.Alignment} (ρ, ε*, eigen-gap warning),
 * {@link org.effdyn.model.spectral.KgmmSpectrum} (k-GMM empirical blocks, §6.2, and population blocks at
 * finite λ and λ = ∞, §6.3), {@link org.effdyn.model.spectral.XorSpectrum} (XOR empirical blocks, §6.4,
 * and population blocks, §6.5), {@link org.effdyn.model.spectral.PopulationBlock} (the subspace form
 * from the summary statistics), and {@link org.effdyn.model.spectral.SpectrumStudy} (spectra along
 * SGD with the population overlaid, as data; the run layer writes the cards' {@code spectrum} section, seed 003 Fig. 2.1–2.6).
 */
package org.effdyn.model.spectral;
