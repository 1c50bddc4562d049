package org.effdyn.card;

import java.util.ArrayList;
import java.util.List;

/** Every model the CLI and scenario cards know, by card name. */
public final class ModelRegistry {
  private static final List<ModelFactory> FACTORIES = List.of(new SpikedPcaFactory(), new KgmmFactory(), new XorGmmFactory(), new CommitteeFactory(), new HiddenManifoldFactory(),
      new LazyQuadraticFactory(), new LazyDiagonalFactory(), new LazyTwoLayerFactory(), new SingleIndexFactory(), new SampleComplexityFactory(),
      new GenericFactory(), new DmfFactory());

  private ModelRegistry() {}

  public static List<ModelFactory> all() {
    return FACTORIES;
  }

  /** The factory for a card name; the error lists the known names. */
  public static ModelFactory get(String name) {
    List<String> names = new ArrayList<>();
    for (ModelFactory f : FACTORIES) {
      if (f.name().equals(name)) return f;
      names.add(f.name());
    }
    throw new IllegalArgumentException("model: unknown model '" + name + "'; known: " + String.join(", ", names));
  }
}
