package org.effdyn.model.pca;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Check;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Known results of spiked PCA (docs/pca.md), as library calls. Fixed points are found in
 * closed form (k = 2) or by bracketed root finding (k ≥ 3); their eigenvalues come from
 * {@link PcaBallistic#jacobian}, which is triangular at every fixed point.
 */
public final class PcaOracles {
  private PcaOracles() {}

  /** A fixed point (m, r_⊥²) of the ballistic limit with its Jacobian eigenvalues. */
  public record FixedPoint(double m, double r2perp, double[] eigenvalues) {
    /** Both eigenvalues negative. */
    public boolean stable() {
      return eigenvalues[0] < 0 && eigenvalues[1] < 0;
    }

    /** Some eigenvalue is (numerically) zero. */
    public boolean hyperbolic() {
      return Math.abs(eigenvalues[0]) > 1e-12 && Math.abs(eigenvalues[1]) > 1e-12;
    }
  }

  /**
   * Every fixed point of the ballistic limit with r_⊥² ≥ 0: (0, 0), (0, c_δ) and, for k = 2 with
   * λ &gt; c_δ, (±√(λ - c_δ), c_δ); for k ≥ 3 with λ ≥ λ_c, the roots m &gt; 0 of
   * λ m^{k-2} = (m² + c_δ)^{k-1} at r² = c_δ (and their negatives for even k).
   */
  public static List<FixedPoint> fixedPoints(SpikedPca p) {
    int k = p.k();
    double c = p.cDelta();
    List<Double> ms = new ArrayList<>();
    if (k == 2) {
      if (p.lambda() > c) ms.add(Math.sqrt(p.lambda() - c));
    } else {
      double ms0 = Math.sqrt((k - 2) * c / k); // saddle-node location
      java.util.function.DoubleUnaryOperator f = m -> p.lambda() * Math.pow(m, k - 2) - Math.pow(m * m + c, k - 1);
      double top = f.applyAsDouble(ms0);
      if (top >= 0) {
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-15, 1e-14, 5);
        if (top == 0) {
          ms.add(ms0);
        } else {
          ms.add(solver.solve(1000, f::applyAsDouble, 0, ms0));
          double hi = 2 * ms0 + 1;
          while (f.applyAsDouble(hi) > 0) hi *= 2;
          ms.add(solver.solve(1000, f::applyAsDouble, ms0, hi));
        }
      }
    }
    PcaBallistic h = new PcaBallistic(p);
    List<FixedPoint> out = new ArrayList<>();
    out.add(point(h, 0, 0));
    out.add(point(h, 0, c));
    for (double m : ms) {
      out.add(point(h, m, c));
      if (k % 2 == 0) out.add(point(h, -m, c));
    }
    return out;
  }

  private static FixedPoint point(PcaBallistic h, double m, double r2) {
    double[][] j = new double[2][2];
    h.jacobian(new double[] {m, r2}, j);
    // at every fixed point one off-diagonal entry vanishes (m = 0, or r² = c_δ), so the diagonal holds the eigenvalues
    return new FixedPoint(m, r2, new double[] {j[0][0], j[1][1]});
  }

  /**
   * Threshold of the tensor (k ≥ 3) non-zero fixed points, a saddle-node at m² = (k-2)c_δ/k:
   * \[ \lambda_c = \frac{(2c_\delta(k-1)/k)^{k-1}}{((k-2)c_\delta/k)^{(k-2)/2}}. \]
   * k = 3, c_δ = 1: (16/9)√3 = 3.0792. For k = 2 the threshold is λ_c = c_δ (BBP).
   */
  public static double threshold(int k, double cDelta) {
    Check.atLeast("k", k, 2);
    Check.positiveFinite("c_delta", cDelta);
    if (k == 2) return cDelta;
    return Math.pow(2 * cDelta * (k - 1) / k, k - 1) / Math.pow((k - 2) * cDelta / k, (k - 2) / 2.0);
  }

  /** Stationary variance of √N m below threshold (k = 2, λ &lt; c_δ): c_δ²/(c_δ - λ). */
  public static double stationaryVariance(double lambda, double cDelta) {
    if (!(lambda < cDelta)) {
      throw new IllegalArgumentException("stationary variance needs lambda < c_delta, got lambda="
          + lambda + ", c_delta=" + cDelta);
    }
    return cDelta * cDelta / (cDelta - lambda);
  }

  /** Escape time scale from m ~ N^{-1/2} above threshold (k = 2): log(N)/(8(λ - c_δ)). */
  public static double escapeTime(double lambda, double cDelta, double n) {
    if (!(lambda > cDelta)) {
      throw new IllegalArgumentException("escape needs lambda > c_delta, got lambda=" + lambda
          + ", c_delta=" + cDelta);
    }
    return Math.log(n) / (8 * (lambda - cDelta));
  }
}
