/**
 * Soft committee machines, teacher–student, on Gaussian inputs: ../shared/spec/models.md §4(a)–(f)
 * (Saad &amp; Solla 1995; Goldt et al. 2019; seed 001 §II and appendix B for the notation).
 *
 * <p>Student ŷ = Σ_k v_k g(w_k·x/√N), teacher y = Σ_n v*_n g(w*_n·x/√N) + σ₀ζ, x ~ N(0, I_N);
 * online SGD on (ŷ − y)²/2 with learning rates η (first layer) and η_v (second layer), time
 * t = steps/N. Statistics Q = WWᵀ/N, R = WW*ᵀ/N, v; constants T = W*W*ᵀ/N and v*.
 * Contents: {@link org.effdyn.model.committee.Committee} (parameters, card {@code committee}),
 * {@link org.effdyn.model.committee.ActivationIntegrals} (the Gaussian integrals I2, I3, I4, J2 of
 * erf, ReLU and linear, activations of {@link org.effdyn.model.common.Activation}), {@link org.effdyn.model.committee.CommitteeOde} (the ODE and ε_g),
 * {@link org.effdyn.model.committee.CommitteeSimulator} (exact SGD) and
 * {@link org.effdyn.model.committee.Plateau} (the symmetric plateau's entry, exit and length).
 * The hidden-manifold extension of §4(g) is not implemented.
 */
package org.effdyn.model.committee;
