package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.committee.ActivationIntegrals;
import org.effdyn.model.committee.Committee;
import org.effdyn.model.common.Activation;

/** Card name {@code committee}. */
final class CommitteeFactory implements ModelFactory {
  @Override public String name() {
    return "committee";
  }

  @Override public String description() {
    return "soft committee machine, teacher-student, Gaussian inputs (erf, relu, linear); docs/committee.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("K", "student hidden units", null),
        new ParamSpec("M", "teacher hidden units", null),
        new ParamSpec("activation", "g of student and teacher: erf (g = erf(z/sqrt2)), relu, linear", "erf"),
        new ParamSpec("T", "teacher Gram matrix T = W* W*^T/N (rows; symmetric positive definite)", "identity"),
        new ParamSpec("vstar", "teacher second layer v*", "ones"),
        new ParamSpec("v0", "student second layer at t = 0", "ones"),
        new ParamSpec("eta", "first-layer learning rate eta > 0", null),
        new ParamSpec("eta_v", "second-layer learning rate; 0 freezes v", "0"),
        new ParamSpec("sigma0", "output noise of the training labels", "0"),
        new ParamSpec("kappa", "weight decay on w", "0"),
        new ParamSpec("normalize", "1/K and 1/M output normalization (true/false)", "false"),
        new ParamSpec("sigma_w", "initial student weights N(0, sigma_w^2)", "1"),
        new ParamSpec("init_n", "0: N -> inf initial law (Q = sigma_w^2 I, R = 0); N: a fresh student's statistics in dimension N", "0"),
        new ParamSpec("quadrature_nodes", "node budget of the relu I4 Gaussian integral", "4096"));
  }

  @Override public Model build(Params q) {
    int k = q.integer("K");
    int m = q.integer("M");
    Activation a = ActivationIntegrals.parse(q.word("activation"));
    double[][] t = q.has("T") ? q.matrix("T") : null;
    double[] vs = q.has("vstar") ? q.vector("vstar") : null;
    double[] v = q.has("v0") ? q.vector("v0") : null;
    return new Committee(k, m, a, t, vs, v, q.real("eta"), q.real("eta_v"), q.real("sigma0"), q.real("kappa"),
        q.bool("normalize"), q.real("sigma_w"), q.integer("init_n"), q.integer("quadrature_nodes"));
  }
}
