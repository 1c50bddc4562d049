package org.effdyn.core;

import java.util.Map;
import org.effdyn.sim.SgdSimulator;

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
}
