package org.effdyn.card;

import java.util.List;
import org.effdyn.model.lazy.LazyDiagonal;

/** Card name {@code lazy-diagonal}. */
final class LazyDiagonalFactory implements ModelFactory {
  @Override public String name() { return "lazy-diagonal"; }

  @Override public String description() {
    return "lazy training, fixed multi-scale model h_k = a_k w_k + b w_k^2/2, a_k^2 = 2^-(k-1); docs/lazy.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("alpha", "model scale alpha > 0", "1000"),
        new ParamSpec("K", "number of scales K >= 1 (a_k^2 = 2^-(k-1))", "16"),
        new ParamSpec("b", "curvature b = Lip(Dh) >= 0", "1"),
        new ParamSpec("R0", "initial loss R0 > 0 (y*_k = sqrt(2 R0/K))", "1"),
        new ParamSpec("flow", "full | linear | correction | all", "all"));
  }

  @Override public LazyDiagonal build(Params q) {
    return LazyDiagonal.multiScale(q.integer("K"), q.real("b"), q.real("R0"), q.real("alpha")).withFlow(LazyCards.flow(q));
  }
}
