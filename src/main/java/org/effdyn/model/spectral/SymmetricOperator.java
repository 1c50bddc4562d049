package org.effdyn.model.spectral;

/** A symmetric linear operator on R^n given by its product (matrix-free). */
public interface SymmetricOperator {
  /** n. */
  int dimension();

  /** Writes y = A x; x is not modified and y does not alias x. */
  void apply(double[] x, double[] y);
}
