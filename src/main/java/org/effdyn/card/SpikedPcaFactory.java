package org.effdyn.card;

import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.pca.SpikedPca;

/** Card name {@code pca}. */
final class SpikedPcaFactory implements ModelFactory {
  @Override public String name() { return "pca"; }

  @Override public String description() {
    return "spiked matrix (k=2) / tensor (k>=3) PCA, loss ||Y - x^k||^2; docs/pca.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("k", "tensor order (2 = matrix)", "2"),
        new ParamSpec("lambda", "signal-to-noise ratio λ > 0", null),
        new ParamSpec("c_delta", "step size δ = c_delta/N", "1"),
        new ParamSpec("N", "dimension in the tensor diffusive signal term (.inf drops it)", ".inf"));
  }

  @Override public Model build(Params p) {
    return new SpikedPca(p.integer("k"), p.real("lambda"), p.real("c_delta"), p.real("N"));
  }
}
