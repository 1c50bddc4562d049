package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.xor.XorGmm;

/** Card name {@code xor-gmm}. */
final class XorGmmFactory implements ModelFactory {
  @Override public String name() {
    return "xor-gmm";
  }

  @Override public String description() {
    return "XOR Gaussian mixture, two-layer ReLU-sigmoid network (finite lambda, soft large lambda, "
        + "lambda = inf with Filippov sliding); docs/xor.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("K", "hidden width K >= 1", null),
        new ParamSpec("lambda", "SNR lambda > 0 (inverse noise variance); .inf = zero noise (exact Filippov flow)", null),
        new ParamSpec("beta", "L2 penalty beta > 0 (learning needs beta < 1/8)", null),
        new ParamSpec("c_delta", "step size delta = c_delta/d", "1"),
        new ParamSpec("drift", "finite-lambda drift: integral (Prop. 5.15) or soft (Cor. 5.17)", "integral"),
        new ParamSpec("quadrature_nodes", "outer RQMC nodes of the finite-lambda integrals (pre-integrated along each kink)", String.valueOf(XorGmm.DEFAULT_NODES)));
  }

  @Override public Model build(Params q) {
    return new XorGmm(q.integer("K"), q.real("lambda"), q.real("beta"), q.real("c_delta"), XorGmm.Drift.parse(q.word("drift")),
        q.integer("quadrature_nodes"));
  }
}
