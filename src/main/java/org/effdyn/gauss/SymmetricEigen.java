package org.effdyn.gauss;

/**
 * Eigen-decomposition S = U diag(w) Uᵀ of a small symmetric matrix by cyclic Jacobi rotations (Golub
 * &amp; Van Loan §8.5): the eigen-solver behind {@link CovarianceRoot}, exposed with its eigenvectors for
 * pseudo-inverses and rank-adaptive roots (the generic engine). Eigenvalues descending. A workspace:
 * allocation-free, not thread-safe. Jacobi rather than Hipparchus' EigenDecomposition because it
 * allocates nothing per call and is accurate for the tiny (r ≤ 10) matrices of the drifts.
 */
public final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;
  private final int n;
  /** Working copy, then diag = eigenvalues. */
  private final double[][] a;
  /** Eigenvectors as columns: vec[i][k] is entry i of eigenvector k. */
  private final double[][] vec;
  /** Eigenvalues, descending. */
  private final double[] val;

  /** A workspace for n × n matrices. */
  public SymmetricEigen(int n) {
    this.n = n;
    this.a = new double[n][n];
    this.vec = new double[n][n];
    this.val = new double[n];
  }

  /** Decomposes the symmetric part (S + Sᵀ)/2 of s (n × n, finite, read only; not checked). */
  public void compute(double[][] s) {
    double frob2 = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = i == j ? s[i][i] : 0.5 * (s[i][j] + s[j][i]);
        a[i][j] = x;
        vec[i][j] = i == j ? 1 : 0;
        frob2 += x * x;
      }
    }
    double small = 1e-18 * Math.sqrt(frob2);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (Math.abs(apq) <= small) {
            a[p][q] = 0;
            a[q][p] = 0;
            continue;
          }
          rotated = true;
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.abs(theta) > 1e150
              ? 0.5 / theta
              : Math.copySign(1, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1);
          double sn = t * c;
          a[p][p] -= t * apq;
          a[q][q] += t * apq;
          a[p][q] = 0;
          a[q][p] = 0;
          for (int r = 0; r < n; r++) {
            if (r != p && r != q) {
              double arp = a[r][p];
              double arq = a[r][q];
              double np = c * arp - sn * arq;
              double nq = sn * arp + c * arq;
              a[r][p] = np;
              a[p][r] = np;
              a[r][q] = nq;
              a[q][r] = nq;
            }
            double vrp = vec[r][p];
            double vrq = vec[r][q];
            vec[r][p] = c * vrp - sn * vrq;
            vec[r][q] = sn * vrp + c * vrq;
          }
        }
      }
      if (!rotated) break;
    }
    for (int i = 0; i < n; i++) val[i] = a[i][i];
    // selection sort, descending, permuting the columns of vec alike
    for (int i = 0; i < n - 1; i++) {
      int best = i;
      for (int j = i + 1; j < n; j++) if (val[j] > val[best]) best = j;
      if (best != i) {
        double t = val[i];
        val[i] = val[best];
        val[best] = t;
        for (int r = 0; r < n; r++) {
          double x = vec[r][i];
          vec[r][i] = vec[r][best];
          vec[r][best] = x;
        }
      }
    }
  }

  /** Number of eigenvalues above tol · max(1, largest) (the numerical rank, as the prototype). */
  public int rank(double tol) {
    double cut = tol * Math.max(1, n == 0 ? 0 : val[0]);
    int r = 0;
    while (r < n && val[r] > cut) r++;
    return r;
  }

  /** The dimension n. */
  public int dimension() {
    return n;
  }

  /** Eigenvalue k of the last compute, in descending order. */
  public double value(int k) {
    return val[k];
  }

  /** Entry i of the unit eigenvector of {@link #value(int) value(k)}. */
  public double vector(int i, int k) {
    return vec[i][k];
  }
}
