/**
 * Soft committee machines, teacher–student, on Gaussian and on hidden-manifold inputs;
 * docs/committee.md states the equations. Sources: D. Saad, S. A. Solla, "On-line learning in soft
 * committee machines", Phys. Rev. E 52, 4225 (1995); Goldt, Advani, Saxe, Krzakala, Zdeborová,
 * "Dynamics of stochastic gradient descent for two-layer neural networks in the teacher-student
 * setup", NeurIPS 2019, arXiv:1906.08632; Goldt, Mézard, Krzakala, Zdeborová, "Modeling the influence
 * of data structure on learning in neural networks: the hidden manifold model", Phys. Rev. X 10,
 * 041044 (2020), arXiv:1909.11500; and, for the notation, Bae &amp; Jeong, "Gaussian universality in
 * neural network dynamics with generalized structured input distributions", 2024, arXiv:2405.00642
 * (§II and appendix B). Where EffDyn departs from the printed forms, docs/corrections.md gives both and
 * the evidence.
 *
 * <p>Student ŷ = Σ_k v_k g(w_k·x/√N), teacher y = Σ_n v*_n g(w*_n·x/√N) + σ₀ζ, x ~ N(0, I_N);
 * online SGD on (ŷ − y)²/2 with learning rates η (first layer) and η_v (second layer), time
 * t = steps/N. Statistics Q = WWᵀ/N, R = WW*ᵀ/N, v; constants T = W*W*ᵀ/N and v*.
 * Contents: {@link org.effdyn.model.committee.Committee} (parameters, card {@code committee}),
 * {@link org.effdyn.model.committee.ActivationIntegrals} (the Gaussian integrals I2, I3, I4, J2 of
 * erf, ReLU and linear, activations of {@link org.effdyn.model.common.Activation}), {@link org.effdyn.model.committee.CommitteeOde} (the ODE and ε_g),
 * {@link org.effdyn.model.committee.CommitteeSimulator} (exact SGD) and
 * {@link org.effdyn.model.committee.Plateau} (the symmetric plateau's entry, exit and length). The
 * hidden-manifold extension: {@link org.effdyn.model.committee.HiddenManifoldCommittee} (card
 * {@code committee-hmf}), {@link org.effdyn.model.committee.HiddenManifoldOde},
 * {@link org.effdyn.model.committee.HiddenManifoldSimulator},
 * {@link org.effdyn.model.committee.InputNonlinearity} and
 * {@link org.effdyn.model.committee.MarchenkoPastur}.
 */
package org.effdyn.model.committee;
