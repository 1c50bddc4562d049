package org.effdyn.core;

import java.util.Map;

/**
 * A model: a record of validated parameters that yields its limit dynamics for a regime, the
 * initial law of the statistics, and the finite-d SGD simulator recording the same statistics.
 */
public interface Model {
  /** Registry name used in scenario cards, e.g. {@code pca}. */
  String name();

  /** Parameters by their card names, for run records. */
  Map<String, Object> parameters();

  /** The limit dynamics in this regime; throws IllegalArgumentException if the model lacks it. */
  Dynamics limit(Regime regime);

  /** Law of the statistics at t = 0 in this regime. */
  InitialLaw initialLaw(Regime regime);

  /** Online SGD in dimension d recording the statistics of this regime's layout. */
  SgdSimulator simulator(int d, Regime regime);

  /** Summary columns appended to every trajectory of this model (none by default). */
  default java.util.Optional<DerivedColumns> derivedColumns() {
    return java.util.Optional.empty();
  }

  /**
   * The columns a chart shows, one panel each (default: every state coordinate). Models with many
   * statistics name a few summaries instead (e.g. k-GMM: mean m_aa, mean m_ab, trace R⊥).
   */
  default java.util.List<String> chartColumns(Regime regime) {
    return limit(regime).layout().names();
  }

  /** True if charts should use a logarithmic time axis (as the committee-machine literature does for ε_g). */
  default boolean chartLogTime() {
    return false;
  }
}
