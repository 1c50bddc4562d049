package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.singleindex.Link;
import org.effdyn.model.singleindex.SingleIndex;

/** Card name {@code single-index}. */
final class SingleIndexFactory implements ModelFactory {
  @Override public String name() { return "single-index"; }

  @Override public String description() {
    return "single-index models with spherical online SGD (online PCA, binary GMM, GLM, tensor PCA); docs/singleindex.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("loss", "pca | gmm | glm | tensor", "pca"),
        new ParamSpec("lambda", "SNR λ > 0 (pca, tensor)", "2"),
        new ParamSpec("h", "class bias h, p = e^h/(e^h+e^-h) (gmm)", "0"),
        new ParamSpec("f", "teacher link: linear | relu | square | h3 | tanh (glm)", "linear"),
        new ParamSpec("g", "student link (glm)", "linear"),
        new ParamSpec("c_eps", "label-noise variance C_eps >= 0 (glm)", "0"),
        new ParamSpec("order", "tensor order k >= 2 (tensor)", "3"),
        new ParamSpec("delta", "step size delta/N, delta in (0, inf)", "0.5"),
        new ParamSpec("N", "dimension in the diffusive signal term (.inf takes its limit)", ".inf"));
  }

  @Override public Model build(Params p) {
    return new SingleIndex(SingleIndex.Kind.parse(p.word("loss")), p.real("lambda"), p.real("h"),
        Link.parse("params.f", p.word("f")), Link.parse("params.g", p.word("g")), p.real("c_eps"), p.integer("order"),
        p.real("delta"), p.real("N"));
  }
}
