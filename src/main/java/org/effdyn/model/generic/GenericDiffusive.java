package org.effdyn.model.generic;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.CovarianceRoot;

/**
 * The diffusive limit of the generic engine near the invariant set m = 0 (docs/generic.md, "Diffusive
 * regime"). The overlaps are rescaled, m̃ = √d m, the other statistics (R⊥, θ) are not; with
 * u₀ = (0, R⊥, θ), J the Jacobian ∂h_m/∂m at u₀ and Σ_mm the m-block of {@link GenericLimit#volatility}:
 * \[ d\tilde m = J(u_0)\,\tilde m\,dt + \Sigma_{mm}(u_0)^{1/2}\,dB_t,\qquad
 *    dR^\perp = h_{R^\perp}(u_0)\,dt,\qquad d\theta = h_\theta(u_0)\,dt, \]
 * the limit of √d h_m(u₀ + m̃/√d) when h_m(u₀) = 0 (m = 0 invariant); the corrections are O(d^{-1/2}).
 * J is a central difference with step {@value #FD_STEP} (the drift is smooth in u), Σ^{1/2} the
 * symmetric root. State: the layout of {@link StatisticsLayout} with block m renamed {@code mtilde}.
 *
 * <p>Every path of an ensemble started from the same (R⊥, θ) follows the same deterministic (R⊥, θ)
 * trajectory, so (h_rest, J, Σ^{1/2}) are cached by the exact value of (R⊥, θ) (at most
 * {@value #CACHE_LIMIT} entries, then cleared): a quadrature per step of the first path, a lookup after, skipped when the
 * thread's previous call had the same (R⊥, θ). Thread-safe; allocates on a cache miss and one key per
 * lookup (not allocation-free).
 *
 * <p>The drift throws IllegalArgumentException if |h_m(u₀)| &gt; {@value #INVARIANCE_TOL}: m = 0 is not
 * invariant for this law and loss, and √d h_m would diverge.
 */
public final class GenericDiffusive implements Dynamics {
  /** Central-difference step of J in m. */
  static final double FD_STEP = 1e-5;
  /** Largest |h_m| accepted at m = 0. */
  static final double INVARIANCE_TOL = 1e-6;
  static final int CACHE_LIMIT = 200_000;

  private final GenericLimit limit;
  private final StatisticsLayout stats;
  private final StateLayout layout;
  private final int nm;
  private final ConcurrentHashMap<Key, Local> cache = new ConcurrentHashMap<>();
  private final ThreadLocal<Last> last;

  /** (h at u₀ without its m part, J, Σ_mm^{1/2}) at one (R⊥, θ). */
  private record Local(double[] rest, double[][] jac, double[][] root) {}

  private record Key(double[] v) {
    @Override public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(v, k.v);
    }

    @Override public int hashCode() {
      return Arrays.hashCode(v);
    }
  }

  public GenericDiffusive(GenericLimit limit) {
    this.limit = java.util.Objects.requireNonNull(limit, "limit");
    this.stats = limit.statistics();
    this.nm = stats.p() * stats.q();
    this.layout = layoutOf(stats);
    int rest = stats.size() - nm;
    this.last = ThreadLocal.withInitial(() -> new Last(rest));
  }

  /** The statistics' layout with block m renamed {@code mtilde} (= √d m). */
  public static StateLayout layoutOf(StatisticsLayout s) {
    StateLayout.Builder b = StateLayout.builder().matrix("mtilde", s.p(), s.q()).symmetric("Rperp", s.p());
    if (s.k0() > 0) b.vector("theta", s.k0());
    return b.build();
  }

  /** The ballistic limit this rescales. */
  public GenericLimit ballistic() {
    return limit;
  }

  @Override public StateLayout layout() {
    return layout;
  }

  @Override public int noiseDimension() {
    return nm;
  }

  @Override public void drift(double[] u, double[] out) {
    Local l = local(u);
    for (int i = 0; i < nm; i++) {
      double v = 0;
      for (int j = 0; j < nm; j++) v += l.jac[i][j] * u[j];
      out[i] = v;
    }
    System.arraycopy(l.rest, 0, out, nm, l.rest.length);
  }

  @Override public void diffusion(double[] u, double[][] b) {
    Local l = local(u);
    for (int i = 0; i < nm; i++) System.arraycopy(l.root[i], 0, b[i], 0, nm);
    for (int i = nm; i < u.length; i++) Arrays.fill(b[i], 0.0);
  }

  /** J = ∂h_m/∂m at (0, R⊥, θ) (nm × nm, m in the layout's order). */
  public double[][] jacobian(double[] u) {
    return copy(local(u).jac);
  }

  /** Σ_mm at (0, R⊥, θ), the covariance rate of m̃. */
  public double[][] covariance(double[] u) {
    double[][] r = local(u).root;
    double[][] s = new double[nm][nm];
    for (int i = 0; i < nm; i++) {
      for (int j = 0; j < nm; j++) {
        double v = 0;
        for (int k = 0; k < nm; k++) v += r[i][k] * r[j][k];
        s[i][j] = v;
      }
    }
    return s;
  }

  private Local local(double[] u) {
    Last last = this.last.get();
    if (last.local != null && Arrays.equals(last.rest, 0, last.rest.length, u, nm, u.length)) return last.local;
    Key key = new Key(Arrays.copyOfRange(u, nm, u.length));
    Local l = cache.get(key);
    if (l == null) {
      l = compute(key.v);
      if (cache.size() >= CACHE_LIMIT) cache.clear();
      cache.putIfAbsent(key, l);
    }
    last.local = l;
    System.arraycopy(u, nm, last.rest, 0, last.rest.length);
    return l;
  }

  /** The thread's last lookup (drift and diffusion of one Euler–Maruyama step share it). */
  private static final class Last {
    final double[] rest;
    Local local;

    Last(int n) {
      rest = new double[n];
    }
  }

  private Local compute(double[] rest) {
    int n = stats.size();
    double[] u0 = new double[n];
    System.arraycopy(rest, 0, u0, nm, rest.length);
    double[] h = new double[n];
    limit.drift(u0, h);
    for (int i = 0; i < nm; i++) {
      if (!(Math.abs(h[i]) <= INVARIANCE_TOL)) {
        throw new IllegalArgumentException("regime diffusive: m = 0 is not invariant here, h_" + layout.name(i)
            + " = " + h[i] + " at (0, " + Arrays.toString(rest) + "), |h_m| must be <= " + INVARIANCE_TOL
            + " for the sqrt(d)-rescaled limit (docs/generic.md, Diffusive regime)");
      }
    }
    double[][] jac = new double[nm][nm];
    double[] hp = new double[n];
    double[] hm = new double[n];
    for (int j = 0; j < nm; j++) {
      double[] up = u0.clone();
      double[] um = u0.clone();
      up[j] = FD_STEP;
      um[j] = -FD_STEP;
      limit.drift(up, hp);
      limit.drift(um, hm);
      for (int i = 0; i < nm; i++) jac[i][j] = (hp[i] - hm[i]) / (2 * FD_STEP);
    }
    double[][] sigma = new double[n][n];
    limit.volatility(u0, sigma);
    double[][] smm = new double[nm][nm];
    for (int i = 0; i < nm; i++) System.arraycopy(sigma[i], 0, smm[i], 0, nm);
    double[][] root = new double[nm][nm];
    new CovarianceRoot(nm).compute(smm, "Sigma_mm", root);
    return new Local(Arrays.copyOfRange(h, nm, n), jac, root);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
    return c;
  }

  @Override public String toString() {
    return "GenericDiffusive[" + limit + "]";
  }
}
