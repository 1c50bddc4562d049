package org.effdyn.model.committee;

import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;

/**
 * The Marchenko–Pastur law of the eigenvalues of FFᵀ/N for F ∈ R^{D×N} with i.i.d. N(0, 1) entries,
 * ratio δ_r = D/N ∈ (0, 1] (docs/committee.md; Bae &amp; Jeong 2024, (S40), which as printed holds for
 * D/N ≤ 1 only: for D &gt; N there is an atom at 0):
 * \[ p(\rho) = \frac{\sqrt{(\rho_+ - \rho)(\rho - \rho_-)}}{2\pi\delta_r\rho},\qquad
 *    \rho_\pm = (1 \pm \sqrt{\delta_r})^2. \]
 * Quadrature: ρ = m + h cos θ (m = 1 + δ_r, h = 2√δ_r) turns ∫ F(ρ) p(ρ) dρ into
 * ∫_0^π F(ρ(θ)) h² sin²θ / (2π δ_r ρ(θ)) dθ. For smooth F the integrand is an even, 2π-periodic,
 * analytic function of θ (also at δ_r = 1, where h² sin²θ/ρ = 2(1 − cos θ)), so the midpoint rule
 * θ_j = (j − ½)π/n, j = 1..n, converges geometrically and integrates the moments ∫ρ p and ∫ρ² p
 * exactly (trigonometric polynomials). Nodes never touch the edges (ρ = 0 at δ_r = 1). The weights are
 * then renormalized to sum to 1 (their raw sum is 1 to ~1e-10 at n = 64, see the test).
 */
public final class MarchenkoPastur {
  private MarchenkoPastur() {}

  /** Checks δ_r ∈ (0, 1]; the error names {@code params.delta_r}. */
  public static double checkRatio(double deltaR) {
    if (!(deltaR > 0 && deltaR <= 1)) {
      throw new ParameterException("params.delta_r", deltaR, "must be in (0, 1] (D/N; above 1 the spectrum has an atom at 0), got " + deltaR);
    }
    return deltaR;
  }

  /** p(ρ), 0 outside [ρ_−, ρ_+]. */
  public static double density(double deltaR, double rho) {
    double s = Math.sqrt(deltaR);
    double lo = (1 - s) * (1 - s), hi = (1 + s) * (1 + s);
    if (rho <= lo || rho >= hi) return 0;
    return Math.sqrt((hi - rho) * (rho - lo)) / (2 * Math.PI * deltaR * rho);
  }

  /** {nodes, raw weights} of the n-node rule (weights not renormalized). */
  public static double[][] rawRule(double deltaR, int n) {
    checkRatio(deltaR);
    Check.atLeast("rho_nodes", n, 2);
    double m = 1 + deltaR, h = 2 * Math.sqrt(deltaR);
    double[] x = new double[n], w = new double[n];
    for (int j = 1; j <= n; j++) {
      double th = (j - 0.5) * Math.PI / n;
      double sn = Math.sin(th);
      x[j - 1] = m + h * Math.cos(th);
      w[j - 1] = (Math.PI / n) * h * h * sn * sn / (2 * Math.PI * deltaR * x[j - 1]);
    }
    return new double[][] {x, w};
  }

  /** {nodes, weights summing to 1}. */
  public static double[][] rule(double deltaR, int n) {
    double[][] r = rawRule(deltaR, n);
    double s = 0;
    for (double v : r[1]) s += v;
    for (int j = 0; j < n; j++) r[1][j] /= s;
    return r;
  }
}
