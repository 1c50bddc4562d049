package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.kgmm.Kgmm;

/** Card name {@code kgmm}. */
final class KgmmFactory implements ModelFactory {
  @Override public String name() { return "kgmm"; }

  @Override public String description() {
    return "k-class Gaussian mixture, one-layer softmax classifier (finite and infinite lambda); docs/kgmm.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("k", "number of classes", null),
        new ParamSpec("p", "class weights, summing to 1", "uniform"),
        new ParamSpec("mbar", "Gram matrix of the means (unit diagonal, positive definite)", "identity"),
        new ParamSpec("lambda", "SNR lambda > 0 (inverse noise variance); .inf = zero noise", null),
        new ParamSpec("beta", "L2 penalty beta > 0", null),
        new ParamSpec("c_delta", "step size delta = c_delta/d", "1"),
        new ParamSpec("quadrature_nodes", "node budget of the finite-lambda Gaussian integrals", "4096"));
  }

  @Override public Model build(Params q) {
    int k = q.integer("k");
    double[] p = q.has("p") ? q.vector("p") : null;
    double[][] mbar = q.has("mbar") ? q.matrix("mbar") : null;
    return new Kgmm(k, p, mbar, q.real("lambda"), q.real("beta"), q.real("c_delta"), q.integer("quadrature_nodes"));
  }
}
