package org.effdyn.model.lazy;

import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The linearization of a {@link LazyProblem} at w0: J0 (n × p), K0 = J0 J0ᵀ with its eigenvalues
 * and norm, the thin SVD J0 = U S Vᵀ (rank by Hipparchus' default threshold), the linear residual
 * r̄ = y* − J0 v̄ and the closed form of the linearized flow (N2). A singular K0 needs no inverse: the
 * part of y* outside range(J0) never decays. Immutable after construction.
 */
final class LinearizedFlow {
  private final int n;
  private final int p;
  private final double[] yStar;
  final double[][] j0;
  final double[][] k0;
  final double k0Norm;
  final double j0Norm;
  final double[] eig;
  private final double[] sv;
  private final double[][] uMat;
  private final double[][] vMat;
  private final double[] proj;
  private final double[] perp;

  /** J0 = Dh at w0 scaled by α, y* the target (not copied: the caller's own copy). */
  LinearizedFlow(DifferentiableModel h, double[] yStar, double alpha) {
    this.n = h.n();
    this.p = h.p();
    this.yStar = yStar;
    this.j0 = new double[n][p];
    h.jacobian(new double[p], alpha, j0);
    this.k0 = LazyVectors.gram(j0);
    RealMatrix k = MatrixUtils.createRealMatrix(k0);
    double[] e = new EigenDecompositionSymmetric(k).getEigenvalues();
    Arrays.sort(e);
    for (int i = 0; i < e.length; i++) e[i] = Math.max(0, e[i]);
    this.eig = e;
    this.k0Norm = e[e.length - 1];
    this.j0Norm = Math.sqrt(k0Norm);
    SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(j0));
    int rank = svd.getRank();
    double[] s = svd.getSingularValues();
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    this.sv = Arrays.copyOf(s, rank);
    this.uMat = new double[n][rank];
    this.vMat = new double[p][rank];
    for (int c = 0; c < rank; c++) {
      for (int i = 0; i < n; i++) uMat[i][c] = u.getEntry(i, c);
      for (int i = 0; i < p; i++) vMat[i][c] = v.getEntry(i, c);
    }
    this.proj = new double[rank];
    this.perp = yStar.clone();
    for (int c = 0; c < rank; c++) {
      double sum = 0;
      for (int i = 0; i < n; i++) sum += uMat[i][c] * yStar[i];
      proj[c] = sum;
      for (int i = 0; i < n; i++) perp[i] -= uMat[i][c] * sum;
    }
  }

  /** Rank of J0 used by the closed form. */
  int rank() {
    return sv.length;
  }

  /**
   * r̄(t) = U e^{−S²t} Uᵀ y* + (I − UUᵀ) y*, v̄(t) = V diag(−expm1(−s_i² t)/s_i) Uᵀ y*. Exact for every t ≥ 0.
   */
  void closedForm(double t, double[] rbarOut, double[] vbarOut) {
    System.arraycopy(perp, 0, rbarOut, 0, n);
    Arrays.fill(vbarOut, 0.0);
    for (int c = 0; c < sv.length; c++) {
      double s = sv[c];
      double decay = Math.exp(-s * s * t) * proj[c];
      double grow = -Math.expm1(-s * s * t) / s * proj[c];
      for (int i = 0; i < n; i++) rbarOut[i] += uMat[i][c] * decay;
      for (int i = 0; i < p; i++) vbarOut[i] += vMat[i][c] * grow;
    }
  }

  /** Linear residual r̄ = y* − J0 v̄. */
  double[] residual(double[] vbar) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < p; k++) s += j0[i][k] * vbar[k];
      r[i] = yStar[i] - s;
    }
    return r;
  }
}
