package org.effdyn.model.spectral;

/** A symmetric linear operator on R^n given by its product (matrix-free). */
public interface SymmetricOperator {
  /** n. */
  int dimension();

  /** Writes y = A x; x is not modified and y does not alias x. */
  void apply(double[] x, double[] y);

  /**
   * Writes y[j] = A x[j] for j &lt; count (a block of vectors). The default applies {@link #apply} to each;
   * operators whose product is memory-bound override it to read their data once per block.
   */
  default void applyBlock(double[][] x, double[][] y, int count) {
    for (int j = 0; j < count; j++) apply(x[j], y[j]);
  }
}
