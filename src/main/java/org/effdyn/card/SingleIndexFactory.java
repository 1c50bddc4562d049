package org.effdyn.card;

import java.util.List;
import java.util.Map;
import org.effdyn.core.Model;
import org.effdyn.model.singleindex.Link;
import org.effdyn.model.singleindex.SingleIndex;

/** Card name {@code single-index}. */
final class SingleIndexFactory implements ModelFactory {
  @Override public String name() { return "single-index"; }

  @Override public String description() {
    return "single-index models with spherical online SGD (online PCA, binary GMM, GLM, tensor PCA); spec models.md §5";
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

  @Override public Model create(Map<String, ?> given) {
    Params p = new Params(name(), parameters(), given);
    Object loss = given.containsKey("loss") ? given.get("loss") : "pca";
    Object f = given.containsKey("f") ? given.get("f") : "linear";
    Object g = given.containsKey("g") ? given.get("g") : "linear";
    return new SingleIndex(SingleIndex.Kind.parse(loss), p.real("lambda"), p.real("h"), Link.parse("params.f", f),
        Link.parse("params.g", g), p.real("c_eps"), p.integer("order"), p.real("delta"), p.real("N"));
  }
}
