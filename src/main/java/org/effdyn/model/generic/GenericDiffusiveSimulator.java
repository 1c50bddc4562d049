package org.effdyn.model.generic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.StateLayout;

/**
 * {@link GenericSgdSimulator} reporting the statistics of {@link GenericDiffusive}: m̃ = √d m in place of
 * m, R⊥ and θ unchanged. A planted {@code mtilde[a,b]} is planted as m_ab = m̃_ab/√d. Allocates nothing
 * in {@link #step} and {@link #statistics}.
 */
final class GenericDiffusiveSimulator implements SgdSimulator {
  private final GenericSgdSimulator sgd;
  private final StateLayout layout;
  private final int nm;
  private final double sqrtD;

  GenericDiffusiveSimulator(GenericSgdSimulator sgd) {
    this.sgd = sgd;
    StatisticsLayout s = sgd.statisticsLayout();
    this.layout = GenericDiffusive.layoutOf(s);
    this.nm = s.p() * s.q();
    this.sqrtD = Math.sqrt(sgd.dimension());
  }

  @Override public StateLayout layout() {
    return layout;
  }

  @Override public int dimension() {
    return sgd.dimension();
  }

  @Override public double timePerStep() {
    return sgd.timePerStep();
  }

  @Override public void initialize(UniformRandomProvider rng, Map<String, Double> planted) {
    Map<String, Double> inner = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("mtilde[")) {
        inner.put("m" + name.substring("mtilde".length()), e.getValue() / sqrtD);
      } else {
        inner.put(name, e.getValue());
      }
    }
    sgd.initialize(rng, inner);
  }

  @Override public void step() {
    sgd.step();
  }

  @Override public void statistics(double[] out) {
    sgd.statistics(out);
    for (int i = 0; i < nm; i++) out[i] *= sqrtD;
  }
}
