package org.effdyn.model.lazy;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/** The vector and matrix arithmetic of the lazy-training problems: dot products, norms, Gram matrices. */
final class LazyVectors {
  private LazyVectors() {}

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double dist(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** J Jᵀ of an n × p matrix. */
  static double[][] gram(double[][] j) {
    int n = j.length;
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++)
      for (int b = a; b < n; b++) {
        double s = 0;
        for (int k = 0; k < j[a].length; k++) s += j[a][k] * j[b][k];
        g[a][b] = s;
        g[b][a] = s;
      }
    return g;
  }

  /** Spectral norm of a symmetric matrix. */
  static double symmetricNorm(double[][] m) {
    if (m.length == 1) return Math.abs(m[0][0]);
    double[] e = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues();
    double best = 0;
    for (double x : e) best = Math.max(best, Math.abs(x));
    return best;
  }
}
