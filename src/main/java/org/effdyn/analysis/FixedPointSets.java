package org.effdyn.analysis;

import java.util.Optional;

/**
 * Optional capability of a model whose fixed points are not isolated points but sets (connected
 * components), e.g. the XOR GMM at λ = ∞ (docs/xor.md), where Newton's method does not apply and the
 * drift is not smooth. {@code effdyn fixed-points} writes this report instead of a Newton search.
 */
public interface FixedPointSets {
  /** A Markdown report of the fixed-point sets (count, components, stability), or empty if the model
   *  in its current parameters has isolated fixed points after all (e.g. finite λ). */
  Optional<String> fixedPointSetsReport();
}
