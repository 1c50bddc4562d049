package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.StateLayout;

/**
 * A traced fixed-point branch: its points in arclength order, the folds and branch points located on
 * it, and why tracing ended.
 */
public record Branch(String parameter, StateLayout layout, List<Continuation.Point> points,
    List<Continuation.Special> specials, Continuation.End end) {
  public Branch {
    points = List.copyOf(points);
    specials = List.copyOf(specials);
  }

  /** Specials of one kind, in the order met. */
  public List<Continuation.Special> specials(Continuation.SpecialKind kind) {
    List<Continuation.Special> out = new ArrayList<>();
    for (Continuation.Special s : specials) if (s.kind() == kind) out.add(s);
    return out;
  }
}
