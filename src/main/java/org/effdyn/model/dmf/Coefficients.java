package org.effdyn.model.dmf;

import org.effdyn.core.Check;

/**
 * The coefficients (λ, Λ) of a linear first-order method on L iterations (Panahi 2026,
 * arXiv:2603.09310, eqs. (23)–(24); docs/dmf.md):
 * \[ \theta(l) = \lambda(l)\theta_0 - \sum_{\mu &lt; l}\Lambda(\mu,l)\,q(\mu),\qquad
 *    \Theta = \theta_0\lambda^T - Q\Lambda. \]
 * Λ is L × L and strictly upper (row μ, column l, nonzero only for μ &lt; l): causality.
 *
 * @param lambda    λ(l), length L &gt;= 1
 * @param bigLambda Λ(μ,l), L × L, strictly upper (card/Javadoc symbol Λ)
 */
public record Coefficients(double[] lambda, double[][] bigLambda) {

  public Coefficients {
    if (lambda == null || lambda.length < 1) {
      throw new IllegalArgumentException("lambda must have length >= 1, got "
          + (lambda == null ? "null" : lambda.length));
    }
    int n = lambda.length;
    Check.allFinite("lambda", lambda);
    if (bigLambda == null || bigLambda.length != n) {
      throw new IllegalArgumentException("Lambda must be " + n + " x " + n + ", got "
          + (bigLambda == null ? "null" : bigLambda.length + " rows"));
    }
    double[][] copy = new double[n][];
    for (int mu = 0; mu < n; mu++) {
      Check.length("Lambda[" + mu + "]", bigLambda[mu], n);
      for (int l = 0; l < n; l++) {
        double v = bigLambda[mu][l];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("Lambda(" + mu + "," + l + ") must be finite, got " + v);
        }
        if (l <= mu && v != 0) {
          throw new IllegalArgumentException("Lambda(" + mu + "," + l + ") must be 0: the method "
              + "must be causal (theta(l) may use q(mu) only for mu < l), got " + v);
        }
      }
      copy[mu] = bigLambda[mu].clone();
    }
    lambda = lambda.clone();
    bigLambda = copy;
  }

  /** Number of iterations L. */
  public int iterations() {
    return lambda.length;
  }

  /** λ(l). */
  public double lambda(int l) {
    return lambda[l];
  }

  /** Λ(μ,l). */
  public double bigLambda(int mu, int l) {
    return bigLambda[mu][l];
  }

  /** A copy of λ. (Record accessors of arrays return copies: the record is immutable.) */
  @Override public double[] lambda() {
    return lambda.clone();
  }

  /** A copy of Λ. */
  @Override public double[][] bigLambda() {
    double[][] c = new double[bigLambda.length][];
    for (int i = 0; i < c.length; i++) c[i] = bigLambda[i].clone();
    return c;
  }

  /**
   * Symbolic run of any linear recursion (also time-varying momenta and schedules): the recursion
   * is run on coefficient vectors in the basis {θ0, q(0), …, q(L−1)} (length L+1), started at e_0,
   * with q(l) := e_{1+l}. λ(l) is coordinate 0 of the query point and Λ(μ,l) minus coordinate
   * 1+μ. No closed form is needed, so schedules and time-varying momenta work too.
   *
   * @throws IllegalArgumentException if the query point at step l depends on some q(μ), μ &gt;= l
   *     (a non-causal recursion)
   */
  public static Coefficients of(LinearRecursion recursion, int iterations) {
    Check.atLeast("L", iterations, 1);
    int n = iterations;
    double[] e0 = new double[n + 1];
    e0[0] = 1;
    LinearRecursion.Run run = recursion.start(e0);
    double[] lam = new double[n];
    double[][] big = new double[n][n];
    double[] q = new double[n + 1];
    for (int l = 0; l < n; l++) {
      double[] c = run.query();
      lam[l] = c[0];
      for (int mu = 0; mu < n; mu++) {
        if (mu >= l && c[1 + mu] != 0) {
          throw new IllegalArgumentException("recursion '" + recursion.name() + "' is not causal: "
              + "its query point at l = " + l + " depends on q(" + mu + ")");
        }
        big[mu][l] = -c[1 + mu];
      }
      q[1 + l] = 1;
      run.update(q);
      q[1 + l] = 0;
    }
    return new Coefficients(lam, big);
  }
}
