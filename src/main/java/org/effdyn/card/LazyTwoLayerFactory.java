package org.effdyn.card;

import java.util.List;
import org.effdyn.model.common.Activation;
import org.effdyn.model.lazy.LazyTwoLayer;

/** Card name {@code lazy-twolayer}. */
final class LazyTwoLayerFactory implements ModelFactory {
  @Override public String name() { return "lazy-twolayer"; }

  @Override public String description() {
    return "lazy training, two-layer network (width m, n points), full vs linearized flow; docs/lazy.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("alpha", "model scale alpha > 0 (sqrt(m): NTK parametrisation)", "100"),
        new ParamSpec("n", "training points n >= 1", "20"),
        new ParamSpec("d", "input dimension d >= 1", "3"),
        new ParamSpec("m", "width m >= 1", "40"),
        new ParamSpec("activation", "tanh | sigmoid", "tanh"),
        new ParamSpec("parametrization", "mean-field | proof-variant", "mean-field"),
        new ParamSpec("centering", "subtract | none | symmetric", "subtract"),
        new ParamSpec("data_seed", "seed of data and initial weights", "0"),
        new ParamSpec("target", "teacher | random", "teacher"),
        new ParamSpec("flow", "full | linear | correction | all", "all"));
  }

  @Override public LazyTwoLayer build(Params q) {
    return new LazyTwoLayer(q.integer("n"), q.integer("d"), q.integer("m"),
        Activation.parse("params.activation", q.word("activation"), LazyTwoLayer.ACTIVATIONS),
        LazyCards.choice(q, "parametrization", LazyTwoLayer.Parametrization.class),
        LazyCards.choice(q, "centering", LazyTwoLayer.Centering.class),
        q.real("alpha"), q.longValue("data_seed"),
        LazyCards.choice(q, "target", LazyTwoLayer.Target.class),
        LazyCards.flow(q));
  }
}
