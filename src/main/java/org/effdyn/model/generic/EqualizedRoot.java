package org.effdyn.model.generic;

/**
 * The {@link GenericOptions.Root#EQUALIZED} root: rotates η, i.e. the columns of C, by r − 1 Givens
 * rotations so that the columns of C_N (the rows of the integrated directions N: s and the label anchors)
 * have equal norms, which suits product rules. One per thread; allocation-free.
 */
final class EqualizedRoot {
  private final int rows;
  private final int[] nRows;
  private final double[][] gram;
  private final boolean[] free;

  /**
   * @param rows the rows of C
   * @param nRows the rows of C_N
   * @param maxColumns the largest r
   */
  EqualizedRoot(int rows, int[] nRows, int maxColumns) {
    this.rows = rows;
    this.nRows = nRows;
    this.gram = new double[maxColumns][maxColumns];
    this.free = new boolean[maxColumns];
  }

  /** Rotates the first r ≥ 2 columns of cm in place. */
  void apply(double[][] cm, int r) {
    int nN = nRows.length;
    // equalize the column norms of C_N (N = s rows and label-anchor t rows) by r - 1 Givens rotations
    double trace = 0;
    for (int i = 0; i < r; i++) {
      for (int j = i; j < r; j++) {
        double x = 0;
        for (int k = 0; k < nN; k++) {
          int row = nRows[k];
          x += cm[row][i] * cm[row][j];
        }
        gram[i][j] = x;
        gram[j][i] = x;
      }
      trace += gram[i][i];
      free[i] = true;
    }
    double target = trace / r;
    for (int left = r; left > 1; left--) {
      int hi = -1;
      int lo = -1;
      for (int i = 0; i < r; i++) {
        if (!free[i]) continue;
        if (hi < 0 || gram[i][i] > gram[hi][hi]) hi = i;
        if (lo < 0 || gram[i][i] < gram[lo][lo]) lo = i;
      }
      if (gram[hi][hi] - gram[lo][lo] <= 1e-14 * Math.max(1, target)) break;
      double a = gram[hi][hi];
      double b = gram[lo][lo];
      double c = gram[hi][lo];
      double rad = Math.hypot(0.5 * (a - b), c);
      double phi = Math.atan2(c, 0.5 * (a - b));
      double th = 0.5 * (phi + Math.acos(Math.max(-1, Math.min(1, (target - 0.5 * (a + b)) / rad))));
      double cs = Math.cos(th);
      double sn = Math.sin(th);
      // new column hi = cs col_hi + sn col_lo; new column lo = -sn col_hi + cs col_lo
      for (int i = 0; i < rows; i++) {
        double x = cm[i][hi];
        double z = cm[i][lo];
        cm[i][hi] = cs * x + sn * z;
        cm[i][lo] = -sn * x + cs * z;
      }
      for (int i = 0; i < r; i++) {
        double x = gram[i][hi];
        double z = gram[i][lo];
        gram[i][hi] = cs * x + sn * z;
        gram[i][lo] = -sn * x + cs * z;
      }
      for (int j = 0; j < r; j++) {
        double x = gram[hi][j];
        double z = gram[lo][j];
        gram[hi][j] = cs * x + sn * z;
        gram[lo][j] = -sn * x + cs * z;
      }
      free[hi] = false;
    }
  }
}
