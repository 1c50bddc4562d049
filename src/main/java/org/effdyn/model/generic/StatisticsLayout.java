package org.effdyn.model.generic;

import org.effdyn.core.Check;
import org.effdyn.core.StateLayout;

/**
 * The natural statistics of the generic engine (docs/generic.md):
 * \[ m_{ab} = \langle x^a, \nu_b\rangle\ (p \times q),\qquad
 *    R^\perp_{ab} = \langle P x^a, P x^b\rangle\ (p \times p,\ a \le b),\qquad \theta\ (k_0), \]
 * P the projector off span(ν_1..ν_q); pq + p(p+1)/2 + k0 numbers. Layout (design.md names, 1-based):
 * {@code m[a,b]} row-major, then {@code Rperp[a,b]} (upper triangle row by row), then {@code theta[j]}
 * (absent when k0 = 0). The full Gram is R = m N̄⁻¹ mᵀ + R⊥ (the committee's Q). Immutable.
 */
public final class StatisticsLayout {
  private final int p;
  private final int q;
  private final int k0;
  private final StateLayout layout;
  private final int rperpOffset;
  private final int thetaOffset;

  private StatisticsLayout(int p, int q, int k0) {
    this.p = Check.atLeast("p", p, 1);
    this.q = Check.atLeast("q", q, 1);
    this.k0 = Check.atLeast("k0", k0, 0);
    StateLayout.Builder b = StateLayout.builder().matrix("m", p, q).symmetric("Rperp", p);
    if (k0 > 0) b.vector("theta", k0);
    this.layout = b.build();
    this.rperpOffset = p * q;
    this.thetaOffset = p * q + p * (p + 1) / 2;
  }

  /** The layout for p indices, q anchors and k0 head parameters. */
  public static StatisticsLayout of(int p, int q, int k0) {
    return new StatisticsLayout(p, q, k0);
  }

  public int p() {
    return p;
  }

  public int q() {
    return q;
  }

  public int k0() {
    return k0;
  }

  /** The {@link StateLayout}: blocks m, Rperp, theta (theta only if k0 &gt; 0). */
  public StateLayout layout() {
    return layout;
  }

  /** Number of coordinates. */
  public int size() {
    return thetaOffset + k0;
  }

  /** Index of m_ab (0-based a, b). */
  public int m(int a, int b) {
    return a * q + b;
  }

  /** Index of R⊥_ab (0-based; either order). */
  public int rperp(int a, int b) {
    int i = Math.min(a, b);
    int j = Math.max(a, b);
    return rperpOffset + i * p - i * (i - 1) / 2 + (j - i);
  }

  /** Index of θ_j (0-based). */
  public int theta(int j) {
    return thetaOffset + j;
  }

  /** Packs (m, R⊥, θ) into u (R⊥ read from its upper triangle). u has length {@link #size()}. */
  public void pack(double[][] m, double[][] rperp, double[] theta, double[] u) {
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < q; b++) u[m(a, b)] = m[a][b];
      for (int b = a; b < p; b++) u[rperp(a, b)] = rperp[a][b];
    }
    for (int j = 0; j < k0; j++) u[theta(j)] = theta[j];
  }

  /** A new u from (m, R⊥, θ); theta may be null when k0 = 0. */
  public double[] pack(double[][] m, double[][] rperp, double[] theta) {
    double[] u = new double[size()];
    pack(m, rperp, theta, u);
    return u;
  }

  /** Reads m (p × q) from u into out. */
  public void m(double[] u, double[][] out) {
    for (int a = 0; a < p; a++) for (int b = 0; b < q; b++) out[a][b] = u[m(a, b)];
  }

  /** Reads R⊥ (p × p, both halves) from u into out. */
  public void rperp(double[] u, double[][] out) {
    for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) out[a][b] = u[rperp(a, b)];
  }

  /** Reads θ from u into out (length k0). */
  public void theta(double[] u, double[] out) {
    System.arraycopy(u, thetaOffset, out, 0, k0);
  }

  @Override public String toString() {
    return "StatisticsLayout[p=" + p + ", q=" + q + ", k0=" + k0 + "]";
  }
}
