/**
 * Hessian and G-matrix spectral quantities (alignment of SGD with outlier eigenspaces),
 * after G. Ben Arous, R. Gheissari, J. Huang, A. Jagannath, "High-dimensional SGD aligns with emerging
 * outlier eigenspaces", ICLR 2024, arXiv:2310.03010 (and A. Jagannath, "Mathematics of Deep Learning",
 * lecture notes, University of Waterloo, 2024, ch. 13); docs/spectral.md states the blocks and the
 * population forms, docs/corrections.md the printed equations EffDyn departs from:
 * {@link org.effdyn.model.spectral.WeightedGram}
 * (the matrix-free form of every empirical test block), {@link org.effdyn.model.spectral.Lanczos} (top
 * eigenpairs of a {@link org.effdyn.model.spectral.SymmetricOperator} by block Lanczos),
 * {@link org.effdyn.model.spectral.Alignment} (ρ, ε*, eigen-gap warning),
 * {@link org.effdyn.model.spectral.KgmmSpectrum} (k-GMM empirical blocks and population blocks at
 * finite λ and λ = ∞), {@link org.effdyn.model.spectral.XorSpectrum} (XOR empirical blocks
 * and population blocks), {@link org.effdyn.model.spectral.PopulationBlock} (the subspace form
 * from the summary statistics), and {@link org.effdyn.model.spectral.SpectrumStudy} (spectra along
 * SGD with the population overlaid, as data, as in the paper's Figs. 2.1–2.6; the run layer writes the
 * cards' {@code spectrum} section).
 */
package org.effdyn.model.spectral;
