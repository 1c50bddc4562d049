package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.StateLayout;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * Where a model's statistics live: scalars that must be ≥ 0 (a variance such as spiked PCA's r⊥²) and
 * symmetric blocks that must be positive semidefinite (Gram matrices such as R⊥ or Q). The set is convex,
 * so the Euclidean projection onto it is unique: a negative scalar is set to 0, and a symmetric block
 * S = V diag(w) Vᵀ becomes V diag(max(w, 0)) Vᵀ (Higham 1988, the nearest PSD matrix in the Frobenius
 * norm; eigenvalues by Hipparchus' {@code EigenDecompositionSymmetric}). A fixed-point search projects its
 * starts and its Newton trials onto the domain ({@link FixedPointFinder}), and drops roots outside it.
 *
 * @param layout      the state layout
 * @param nonNegative indices of scalars that must be ≥ 0
 * @param psdBlocks   names of symmetric blocks that must be positive semidefinite
 */
public record StateDomain(StateLayout layout, List<Integer> nonNegative, List<String> psdBlocks) {
  /** Relative slack of {@link #contains}: an entry or eigenvalue ≥ −1e-9·max(1, scale) counts as inside. */
  public static final double SLACK = 1e-9;

  public StateDomain {
    nonNegative = List.copyOf(nonNegative);
    psdBlocks = List.copyOf(psdBlocks);
    for (int i : nonNegative) {
      if (i < 0 || i >= layout.size()) throw new IllegalArgumentException("non-negative index out of range: " + i);
    }
    for (String b : psdBlocks) {
      if (layout.block(b).kind() != StateLayout.Kind.SYMMETRIC) {
        throw new IllegalArgumentException("block '" + b + "' is not symmetric, so it cannot be positive semidefinite");
      }
    }
  }

  /** No constraint. */
  public static StateDomain unrestricted(StateLayout layout) {
    return new StateDomain(layout, List.of(), List.of());
  }

  /** The named scalars ≥ 0 and the named symmetric blocks PSD. */
  public static StateDomain of(StateLayout layout, List<String> nonNegativeScalars, List<String> psdBlocks) {
    List<Integer> idx = new ArrayList<>();
    for (String s : nonNegativeScalars) idx.add(layout.indexOf(s));
    return new StateDomain(layout, idx, psdBlocks);
  }

  /** This domain with the scalars at these indices also ≥ 0. */
  public StateDomain withNonNegative(int... indices) {
    List<Integer> idx = new ArrayList<>(nonNegative);
    for (int i : indices) if (!idx.contains(i)) idx.add(i);
    return new StateDomain(layout, idx, psdBlocks);
  }

  /** True if this domain constrains nothing. */
  public boolean isUnrestricted() {
    return nonNegative.isEmpty() && psdBlocks.isEmpty();
  }

  /** True if u is in the domain up to {@link #SLACK}. */
  public boolean contains(double[] u) {
    for (int i : nonNegative) if (!(u[i] >= -SLACK * Math.max(1, Math.abs(u[i])))) return false;
    for (String b : psdBlocks) {
      double[] w = eigenvalues(layout.matrix(b, u));
      double scale = 1;
      for (double x : w) scale = Math.max(scale, Math.abs(x));
      if (!(w[w.length - 1] >= -SLACK * scale)) return false;
    }
    return true;
  }

  /** Distance-to-domain measure: the largest violation (0 inside). */
  public double violation(double[] u) {
    double v = 0;
    for (int i : nonNegative) v = Math.max(v, -u[i]);
    for (String b : psdBlocks) {
      double[] w = eigenvalues(layout.matrix(b, u));
      v = Math.max(v, -w[w.length - 1]);
    }
    return v;
  }

  /** Projects u onto the domain in place (see the class comment); u inside is left unchanged. */
  public void project(double[] u) {
    for (int i : nonNegative) if (u[i] < 0) u[i] = 0;
    for (String b : psdBlocks) {
      double[][] s = layout.matrix(b, u);
      RealMatrix m = new Array2DRowRealMatrix(s, false);
      EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(m);
      double[] w = e.getEigenvalues();
      boolean negative = false;
      for (double x : w) negative |= x < 0;
      if (!negative) continue;
      RealMatrix v = e.getV();
      int k = w.length;
      double[][] p = new double[k][k];
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          double sum = 0;
          for (int l = 0; l < k; l++) if (w[l] > 0) sum += v.getEntry(a, l) * w[l] * v.getEntry(c, l);
          p[a][c] = sum;
        }
      }
      for (int a = 0; a < k; a++) for (int c = a + 1; c < k; c++) p[c][a] = p[a][c] = 0.5 * (p[a][c] + p[c][a]);
      layout.setMatrix(b, p, u);
    }
  }

  /** Eigenvalues in decreasing order. */
  private static double[] eigenvalues(double[][] s) {
    return new EigenDecompositionSymmetric(new Array2DRowRealMatrix(s, false)).getEigenvalues();
  }

  /** A readable description, e.g. {@code r2perp >= 0; Rperp PSD}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (int i : nonNegative) parts.add(layout.name(i) + " >= 0");
    for (String b : psdBlocks) parts.add(b + " positive semidefinite");
    return parts.isEmpty() ? "unrestricted" : String.join("; ", parts);
  }
}
