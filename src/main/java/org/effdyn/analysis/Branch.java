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

  /**
   * Indices i of the points where the number of unstable eigenvalues differs from point i − 1: the
   * stability changes along the branch (at a fold or branch point by one, at a Hopf point by two).
   */
  public List<Integer> stabilityChanges() {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).stability().unstableCount() != points.get(i - 1).stability().unstableCount()) out.add(i);
    }
    return out;
  }

  /** Specials of one kind, in the order met. */
  public List<Continuation.Special> specials(Continuation.SpecialKind kind) {
    List<Continuation.Special> out = new ArrayList<>();
    for (Continuation.Special s : specials) if (s.kind() == kind) out.add(s);
    return out;
  }
}
