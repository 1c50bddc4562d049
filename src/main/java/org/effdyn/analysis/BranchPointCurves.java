package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Two-parameter continuation of a branch-point curve by the minimally augmented system with an unfolding
 * parameter μ (Govaerts, <i>Numerical Methods for Bifurcations of Dynamical Equilibria</i>, SIAM 2000, §4.4;
 * the branch-point continuation of MatCont): unknowns (u, p, μ), the second parameter q free, equations
 * \[ h(u; p, q) + \mu\,\psi = 0, \qquad (g_1, g_2) = 0, \qquad
 *    \begin{pmatrix} A &amp; \psi \\ C^T &amp; 0 \end{pmatrix}\begin{pmatrix} V \\ g \end{pmatrix}
 *    = \begin{pmatrix} 0 \\ I_2 \end{pmatrix}, \quad A = [\,D_u h \mid \partial_p h\,] \in \mathbb R^{n\times(n+1)}. \]
 * g = 0 exactly where A has rank n − 1 (a branch point in p), ψ is the left null vector of A and the two
 * columns of C span its right null space at the starting branch point; both are kept along the curve. At a
 * branch point forced by a symmetry (a pitchfork off a symmetric branch, as at λ = c_δ for spiked matrix PCA)
 * the curve stays on the symmetric subspace and μ = 0 along it; a μ away from 0 says the branch point is
 * not preserved by the second parameter. The extended system is regular at a simple branch point (two
 * branches crossing transversally), so the curve is traced by {@link Continuation} with (u, p, μ) as state
 * and q as parameter, as {@link FoldCurves} does.
 */
public final class BranchPointCurves {
  private BranchPointCurves() {}

  /** A traced branch-point curve: its points in the extended layout (the statistics, then p, then μ). */
  public record Curve(String p, String q, Branch branch) {
    /** (p, q) of point i. */
    public double[] parameters(int i) {
      Continuation.Point pt = branch.points().get(i);
      double[] s = pt.state();
      return new double[] {s[s.length - 2], pt.parameter()};
    }

    /** The unfolding parameter μ at point i (0 on a branch-point curve of a symmetric system). */
    public double unfolding(int i) {
      double[] s = branch.points().get(i).state();
      return s[s.length - 1];
    }
  }

  /**
   * Traces the branch-point curve through the branch point (u0, p0) of h(·; ·, q0) in both directions of q,
   * over q in [qMin, qMax] of the options.
   *
   * @throws IllegalArgumentException if (u0, p0) is not a branch point (rank of [D_u h | ∂_p h] not n − 1)
   */
  public static List<Curve> trace(FoldCurves.Family2 family, String pName, String qName, double[] u0, double p0, double q0,
      Continuation.Options options) {
    int n = u0.length;
    double[][] a0 = augmented(family.at(p0, q0), family, u0, p0, q0);
    // left null vector ψ and right null space of A (n × (n+1)), from the SVD of A padded with a zero row
    double[][] padded = new double[n + 1][];
    for (int i = 0; i < n; i++) padded[i] = a0[i];
    padded[n] = new double[n + 1];
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(padded, false));
    double[] sv = svd.getSingularValues();
    double scale = Math.max(1, sv[0]);
    if (sv[n - 1] > 1e-5 * scale) {
      throw new IllegalArgumentException("not a branch point: [D_u h | d_p h] has rank n = " + n + " at " + pName + " = " + p0
          + " (singular values down to " + sv[n - 1] + ")");
    }
    double[][] c = {svd.getV().getColumn(n - 1), svd.getV().getColumn(n)};
    double[] psi = new SingularValueDecomposition(new Array2DRowRealMatrix(Jacobians.at(family.at(p0, q0), u0), false)).getU().getColumn(n - 1);
    StateLayout base = family.at(p0, q0).layout();
    String[] names = new String[n + 2];
    for (int i = 0; i < n; i++) names[i] = base.name(i);
    names[n] = pName;
    names[n + 1] = "mu";
    StateLayout ext = StateLayout.scalars(names);
    Continuation.Family fam = FoldCurves.extended(ext, (q, y, out) -> {
      double[] u = java.util.Arrays.copyOf(y, n);
      Dynamics d = family.at(y[n], q);
      double[] h = new double[n];
      d.drift(u, h);
      for (int i = 0; i < n; i++) out[i] = h[i] + y[n + 1] * psi[i];
      double[] g = tests(augmented(d, family, u, y[n], q), psi, c);
      out[n] = g[0];
      out[n + 1] = g[1];
    });
    double[] y0 = java.util.Arrays.copyOf(u0, n + 2);
    y0[n] = p0;
    Continuation cont = new Continuation(options);
    List<Curve> out = new ArrayList<>();
    for (int dir : new int[] {+1, -1}) out.add(new Curve(pName, qName, cont.trace(fam, qName, q0, y0, dir)));
    return out;
  }

  /** A = [D_u h | ∂_p h] at (u; p, q), ∂_p h by a central difference (step 1e-6 max(1, |p|)). */
  private static double[][] augmented(Dynamics d, FoldCurves.Family2 family, double[] u, double p, double q) {
    int n = u.length;
    double[][] j = Jacobians.at(d, u);
    double e = 1e-6 * Math.max(1, Math.abs(p));
    double[] hp = new double[n], hm = new double[n];
    family.at(p + e, q).drift(u, hp);
    family.at(p - e, q).drift(u, hm);
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(j[i], 0, a[i], 0, n);
      a[i][n] = (hp[i] - hm[i]) / (2 * e);
    }
    return a;
  }

  /** (g₁, g₂): the last row of the solution of [[A, ψ], [Cᵀ, 0]] (V; g) = (0; I₂). */
  static double[] tests(double[][] a, double[] psi, double[][] c) {
    int n = a.length;
    double[][] m = new double[n + 2][n + 2];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n + 1);
      m[i][n + 1] = psi[i];
    }
    for (int k = 0; k < 2; k++) System.arraycopy(c[k], 0, m[n + k], 0, n + 1);
    RealMatrix rhs = new Array2DRowRealMatrix(n + 2, 2);
    rhs.setEntry(n, 0, 1);
    rhs.setEntry(n + 1, 1, 1);
    RealMatrix sol = new LUDecomposition(new Array2DRowRealMatrix(m, false), 0).getSolver().solve(rhs);
    return new double[] {sol.getEntry(n + 1, 0), sol.getEntry(n + 1, 1)};
  }
}
