package org.effdyn.card;

import java.util.List;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.model.common.Activation;
import org.effdyn.model.lazy.LazyTwoLayer;

/** Card name {@code lazy-twolayer}. */
final class LazyTwoLayerFactory implements ModelFactory {
  @Override public String name() { return "lazy-twolayer"; }

  @Override public String description() {
    return "lazy training, two-layer network (width m, n points), full vs linearized flow; spec ntk.md §10.2(iii)";
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

  @Override public LazyTwoLayer create(Map<String, ?> given) {
    Params q = new Params(name(), parameters(), given);
    try {
      Object seed = given.get("data_seed");
      long s = seed == null ? 0L : (seed instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
          ? num.longValue() : q.integer("data_seed"));
      return new LazyTwoLayer(q.integer("n"), q.integer("d"), q.integer("m"),
          Activation.parse("params.activation", LazyCards.text(given, "activation", "tanh"), LazyTwoLayer.ACTIVATIONS),
          Check.choice("params.parametrization", LazyCards.text(given, "parametrization", "mean-field"), LazyTwoLayer.Parametrization.class),
          Check.choice("params.centering", LazyCards.text(given, "centering", "subtract"), LazyTwoLayer.Centering.class),
          q.real("alpha"), s,
          Check.choice("params.target", LazyCards.text(given, "target", "teacher"), LazyTwoLayer.Target.class),
          LazyCards.flow(given));
    } catch (IllegalArgumentException e) {
      throw LazyCards.params(e);
    }
  }
}
