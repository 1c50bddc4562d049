package org.effdyn.model.generic;

import java.util.Arrays;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Initial parameters of the generic SGD (the {@link StatisticsLayout} statistics at τ = 0): the first
 * layer is drawn x^a ~ N(0, σ_w² I_d/d) i.i.d., so that m → 0 and R⊥ → σ_w² I as d → ∞, and then the
 * given statistics are planted exactly ({@link GenericSgdSimulator#initialize}).
 *
 * @param sigmaW σ_w &gt; 0, the scale of the random draw
 * @param m      m(0), p × q, or null to keep the drawn overlaps (m_ab ~ N(0, σ_w² N̄_bb/d), limit 0)
 * @param rperp  R⊥(0), p × p symmetric positive semi-definite, or null to keep the drawn one (limit σ_w² I)
 * @param theta  θ(0), length k0 (required when k0 &gt; 0; null or empty when k0 = 0)
 */
public record GenericStart(double sigmaW, double[][] m, double[][] rperp, double[] theta) {

  public GenericStart {
    Check.positiveFinite("sigma_w", sigmaW);
    m = copy("m0", m);
    rperp = copy("rperp0", rperp);
    if (rperp != null) {
      int p = rperp.length;
      for (int a = 0; a < p; a++) {
        if (rperp[a].length != p) {
          throw new ParameterException("rperp0", rperp, "must be square, row " + (a + 1) + " has " + rperp[a].length + " entries");
        }
      }
      checkPsd("rperp0", rperp);
    }
    theta = theta == null ? null : Check.allFinite("theta0", theta.clone());
  }

  /** Random start (no planted statistics) with θ(0) = theta. */
  public static GenericStart random(double sigmaW, double[] theta) {
    return new GenericStart(sigmaW, null, null, theta);
  }

  /**
   * Checks the shapes against p indices, q anchors and k0 head parameters; throws
   * IllegalArgumentException naming the field.
   */
  public GenericStart check(int p, int q, int k0) {
    if (m != null) {
      if (m.length != p) throw new ParameterException("m0", m, "must have p = " + p + " rows, got " + m.length);
      for (int a = 0; a < p; a++) {
        if (m[a].length != q) {
          throw new ParameterException("m0", m, "must be " + p + " x " + q + " (one column per anchor), row " + (a + 1)
              + " has " + m[a].length + " entries");
        }
      }
    }
    if (rperp != null && rperp.length != p) {
      throw new ParameterException("rperp0", rperp, "must be " + p + " x " + p + ", got " + rperp.length + " rows");
    }
    int given = theta == null ? 0 : theta.length;
    if (given != k0) {
      throw new ParameterException("theta0", theta, "must have k0 = " + k0 + " entries (one per head parameter), got " + given);
    }
    return this;
  }

  /** The d → ∞ initial statistics: m(0) (0 if not given), R⊥(0) (σ_w² I if not given), θ(0). */
  public double[] limitState(StatisticsLayout s) {
    check(s.p(), s.q(), s.k0());
    double[] u = new double[s.size()];
    for (int a = 0; a < s.p(); a++) {
      for (int b = 0; b < s.q(); b++) u[s.m(a, b)] = m == null ? 0 : m[a][b];
      for (int b = a; b < s.p(); b++) u[s.rperp(a, b)] = rperp != null ? rperp[a][b] : a == b ? sigmaW * sigmaW : 0;
    }
    for (int j = 0; j < s.k0(); j++) u[s.theta(j)] = theta[j];
    return u;
  }

  @Override public double[][] m() {
    return copy("m0", m);
  }

  @Override public double[][] rperp() {
    return copy("rperp0", rperp);
  }

  @Override public double[] theta() {
    return theta == null ? null : theta.clone();
  }

  /** Throws unless the symmetric matrix r is positive semi-definite (to round-off). */
  static void checkPsd(String field, double[][] r) {
    int p = r.length;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < a; b++) {
        if (Math.abs(r[a][b] - r[b][a]) > 1e-12 * Math.max(1, Math.abs(r[a][b]))) {
          throw new ParameterException(field, r, "must be symmetric, got [" + (a + 1) + "," + (b + 1) + "] = " + r[a][b]
              + " and [" + (b + 1) + "," + (a + 1) + "] = " + r[b][a]);
        }
      }
    }
    double[] ev = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(r)).getEigenvalues();
    double max = 0;
    for (double e : ev) max = Math.max(max, Math.abs(e));
    for (double e : ev) {
      if (e < -1e-12 * Math.max(1, max)) {
        throw new ParameterException(field, r, "must be positive semi-definite (a Gram matrix), got eigenvalue " + e
            + " for " + Arrays.deepToString(r));
      }
    }
  }

  private static double[][] copy(String field, double[][] m) {
    if (m == null) return null;
    double[][] c = new double[m.length][];
    for (int a = 0; a < m.length; a++) {
      if (m[a] == null) throw new IllegalArgumentException(field + " row " + (a + 1) + " is missing");
      c[a] = Check.allFinite(field + " row " + (a + 1), m[a].clone());
    }
    return c;
  }

  @Override public boolean equals(Object o) {
    return o instanceof GenericStart g && Double.compare(g.sigmaW, sigmaW) == 0 && Arrays.deepEquals(g.m, m)
        && Arrays.deepEquals(g.rperp, rperp) && Arrays.equals(g.theta, theta);
  }

  @Override public int hashCode() {
    return Double.hashCode(sigmaW) + 31 * Arrays.deepHashCode(m) + Arrays.deepHashCode(rperp) + Arrays.hashCode(theta);
  }

  @Override public String toString() {
    return "GenericStart[sigma_w=" + sigmaW + ", m0=" + Arrays.deepToString(m) + ", rperp0=" + Arrays.deepToString(rperp)
        + ", theta0=" + Arrays.toString(theta) + "]";
  }
}
