package org.effdyn.model.lazy;

/**
 * A C² model h: R^p → R^n on a finite training set, seen from its initial weights w0, in the rescaled
 * coordinates v = α(w − w0) (docs/lazy.md). Implementations are immutable and thread-safe; the methods
 * used by the drift ({@link #scaledIncrement}, {@link #vjp}, {@link #residualAndGradient},
 * {@link #secondOrder}, {@link #localLipschitz}) allocate nothing.
 */
public interface DifferentiableModel {
  /** Number of parameters p. */
  int p();

  /** Number of outputs n (training points). */
  int n();

  /** Writes α[h(w0 + v/α) − h(w0)] (length n), computed without cancellation. */
  void scaledIncrement(double[] v, double alpha, double[] out);

  /** Writes J(w0 + v/α)^T r (length p). */
  void vjp(double[] v, double alpha, double[] r, double[] out);

  /**
   * The full flow's drift (N1): r = y* − α[h(w0 + v/α) − h(w0)] into {@code rOut} and J^T r into
   * {@code gradOut}. Implementations may share work between the two.
   */
  default void residualAndGradient(double[] v, double alpha, double[] yStar, double[] rOut, double[] gradOut) {
    scaledIncrement(v, alpha, rOut);
    for (int i = 0; i < rOut.length; i++) rOut[i] = yStar[i] - rOut[i];
    vjp(v, alpha, rOut, gradOut);
  }

  /**
   * The full flow's drift and the local curvature bound at one point: as {@link #residualAndGradient},
   * returning {@link #localLipschitz}(v, α) (implementations may share the work).
   */
  default double fullDrift(double[] v, double alpha, double[] yStar, double[] rOut, double[] gradOut) {
    residualAndGradient(v, alpha, yStar, rOut, gradOut);
    return localLipschitz(v, alpha);
  }

  /** Writes the Jacobian J(w0 + v/α) into out (n × p). */
  void jacobian(double[] v, double alpha, double[][] out);

  /**
   * Second order at w0 (for the first-order correction (F1)): q_i(δ) = δ^T ∇²h_i(w0) δ into qOut
   * (length n) and H(r) δ = Σ_i r_i ∇²h_i(w0) δ into hOut (length p).
   */
  void secondOrder(double[] delta, double[] r, double[] qOut, double[] hOut);

  /** D²h(w0)[δ]: the n × p matrix with rows (∇²h_i(w0) δ)^T. */
  void hessianDirection(double[] delta, double[][] out);

  /** An upper bound on |D²h(w)| at w = w0 + v/α (operator norm of the bilinear map), (L1). */
  double localLipschitz(double[] v, double alpha);

  /** An upper bound on Lip(Dh) on the ball |w − w0| ≤ ρ, (L2). */
  double ballLipschitz(double rho);
}
