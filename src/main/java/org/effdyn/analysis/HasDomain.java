package org.effdyn.analysis;

/**
 * Optional capability of a {@link org.effdyn.core.Dynamics}: the set where its statistics live (a variance
 * ≥ 0, a Gram matrix positive semidefinite). The fixed-point search projects onto it and drops roots outside.
 */
public interface HasDomain {
  /** The domain of the statistics, in the dynamics' layout. */
  StateDomain domain();

  /** The domain of d if it declares one, else unrestricted. */
  static StateDomain of(org.effdyn.core.Dynamics d) {
    return d instanceof HasDomain h ? h.domain() : StateDomain.unrestricted(d.layout());
  }
}
