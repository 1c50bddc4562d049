package org.effdyn.model;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.model.committee.Committee;
import org.effdyn.model.committee.HiddenManifoldCommittee;
import org.effdyn.model.dmf.DmfModel;
import org.effdyn.model.generic.GenericModel;
import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.lazy.LazyDiagonal;
import org.effdyn.model.lazy.LazyQuadratic;
import org.effdyn.model.lazy.LazyTwoLayer;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.model.singleindex.SampleComplexityModel;
import org.effdyn.model.singleindex.SingleIndex;
import org.effdyn.model.xor.XorGmm;

/** Every model the CLI and scenario cards know, by card name. */
public final class ModelRegistry {
  private static final List<ModelFactory> FACTORIES = List.of(SpikedPca.FACTORY, Kgmm.FACTORY, XorGmm.FACTORY, Committee.FACTORY, HiddenManifoldCommittee.FACTORY,
      LazyQuadratic.FACTORY, LazyDiagonal.FACTORY, LazyTwoLayer.FACTORY, SingleIndex.FACTORY, SampleComplexityModel.FACTORY,
      GenericModel.FACTORY, DmfModel.FACTORY);

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
