package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.committee.ActivationIntegrals;
import org.effdyn.model.committee.HiddenManifoldCommittee;
import org.effdyn.model.committee.InputNonlinearity;

/** Card name {@code committee-hmf}. */
final class HiddenManifoldFactory implements ModelFactory {
  @Override public String name() {
    return "committee-hmf";
  }

  @Override public String description() {
    return "soft committee machine on hidden-manifold inputs X = f(F^T c/sqrt D); docs/committee.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("K", "student hidden units", null),
        new ParamSpec("M", "teacher hidden units", null),
        new ParamSpec("activation", "g of student and teacher: erf, relu or linear", "erf"),
        new ParamSpec("f", "odd input nonlinearity: sgn, erf, linear", "sgn"),
        new ParamSpec("delta_r", "D/N in (0, 1]", null),
        new ParamSpec("vstar", "teacher second layer v*", "ones"),
        new ParamSpec("v0", "student second layer at t = 0", "ones"),
        new ParamSpec("eta", "first-layer learning rate eta > 0", null),
        new ParamSpec("eta_v", "second-layer learning rate; 0 freezes v", "0"),
        new ParamSpec("sigma0", "label noise of the training labels (eps_g stays noise-free)", "0"),
        new ParamSpec("sigma_w", "initial student weights N(0, sigma_w^2)", "1"),
        new ParamSpec("init_n", "0: N -> inf initial law (symmetric); N: a fresh SGD state at N binned onto the nodes", "0"),
        new ParamSpec("rho_nodes", "nodes of the Marchenko-Pastur quadrature", "32"),
        new ParamSpec("quadrature_nodes", "node budget of the relu I4 Gaussian integral (randomized QMC)", "16384"));
  }

  @Override public Model build(Params q) {
    return new HiddenManifoldCommittee(q.integer("K"), q.integer("M"), ActivationIntegrals.parse(q.word("activation")),
        InputNonlinearity.parse(q.word("f")), q.real("delta_r"),
        q.has("vstar") ? q.vector("vstar") : null, q.has("v0") ? q.vector("v0") : null,
        q.real("eta"), q.real("eta_v"), q.real("sigma0"), q.real("sigma_w"), q.integer("init_n"), q.integer("rho_nodes"),
        q.integer("quadrature_nodes"));
  }
}
