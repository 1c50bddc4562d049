package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Check;
import org.effdyn.model.lazy.LazyQuadratic;

/** Card name {@code lazy-quadratic}. */
final class LazyQuadraticFactory implements ModelFactory {
  @Override public String name() { return "lazy-quadratic"; }

  @Override public String description() {
    return "lazy training, tightness example h(w) = a w + b w^2/2 (full vs linearized flow; Boix-Adsera, Littwin 2023); docs/lazy.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("alpha", "model scale alpha > 0", "100"),
        new ParamSpec("horizon", "horizon T > 0 that sets the default a = T^-1/2", "1"),
        new ParamSpec("a", "slope a > 0 (default horizon^-1/2)", "horizon^-1/2"),
        new ParamSpec("b", "curvature b = Lip(Dh) >= 0", "1"),
        new ParamSpec("R0", "initial loss R0 > 0 (y* = sqrt(2 R0))", "1"),
        new ParamSpec("flow", "full | linear | correction | all", "all"));
  }

  @Override public LazyQuadratic build(Params q) {
    double horizon = q.real("horizon");
    double alpha = q.real("alpha");
    double r0 = q.real("R0");
    Check.positiveFinite("horizon", horizon);
    Check.positiveFinite("R0", r0);
    double a = q.has("a") ? q.real("a") : 1 / Math.sqrt(horizon);
    return new LazyQuadratic(a, q.real("b"), Math.sqrt(2 * r0), alpha, LazyCards.flow(q));
  }
}
