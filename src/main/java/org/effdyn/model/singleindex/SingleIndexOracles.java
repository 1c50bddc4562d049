package org.effdyn.model.singleindex;

import java.util.ArrayList;
import java.util.List;
import org.effdyn.core.Check;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/** Known results of spherical single-index SGD (docs/singleindex.md), as library calls. */
public final class SingleIndexOracles {
  private SingleIndexOracles() {}

  /** A fixed point m of the ballistic ODE with the drift's derivative there (stable iff &lt; 0). */
  public record FixedPoint(double m, double slope) {
    public boolean stable() {
      return slope < 0;
    }
  }

  /**
   * Online PCA fixed point of the ballistic ODE: m*² = (λ - δ)/(λ(1 + δ)), existing iff λ &gt; δ
   * (λ = 2, δ = 0.5: m* = 0.7071).
   */
  public static double onlinePcaFixedPoint(double lambda, double delta) {
    Check.positiveFinite("lambda", lambda);
    Check.positiveFinite("delta", delta);
    if (!(lambda > delta)) {
      throw new IllegalArgumentException("the non-zero fixed point needs lambda > delta, got lambda=" + lambda + ", delta=" + delta);
    }
    return Math.sqrt((lambda - delta) / (lambda * (1 + delta)));
  }

  /**
   * Every fixed point of the ballistic ODE in [0, 1): m = 0 when the drift vanishes there, and the
   * sign changes of the drift on a grid of 2000 cells refined by Brent's method (tolerance 1e-13).
   * Slopes by a central difference with step 1e-6.
   */
  public static List<FixedPoint> fixedPoints(SingleIndex model) {
    SingleIndexBallistic h = new SingleIndexBallistic(model);
    double[] u = new double[1];
    double[] o = new double[1];
    java.util.function.DoubleUnaryOperator drift = m -> {
      synchronized (u) {
        u[0] = m;
        h.drift(u, o);
        return o[0];
      }
    };
    List<FixedPoint> out = new ArrayList<>();
    double f0 = drift.applyAsDouble(0);
    if (Math.abs(f0) < 1e-12) out.add(point(drift, 0));
    BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-14, 1e-13, 5);
    int cells = 2000;
    double top = 1 - 1e-9;
    double prev = drift.applyAsDouble(1e-9);
    double prevM = 1e-9;
    for (int i = 1; i <= cells; i++) {
      double m = 1e-9 + (top - 1e-9) * i / cells;
      double cur = drift.applyAsDouble(m);
      if (prev == 0) {
        out.add(point(drift, prevM));
      } else if (prev * cur < 0) {
        out.add(point(drift, solver.solve(1000, drift::applyAsDouble, prevM, m)));
      }
      prev = cur;
      prevM = m;
    }
    return out;
  }

  private static FixedPoint point(java.util.function.DoubleUnaryOperator drift, double m) {
    double e = 1e-6;
    double lo = Math.max(m - e, -1);
    double hi = Math.min(m + e, 1);
    return new FixedPoint(m, (drift.applyAsDouble(hi) - drift.applyAsDouble(lo)) / (hi - lo));
  }

  /**
   * Sample-complexity threshold α_c(N, k) (Ben Arous, Gheissari, Jagannath 2021, arXiv:2003.10409;
   * Jagannath's 2024 lecture notes, Thm 11.10–11.12): 1 for k = 1, log N for
   * k = 2, N^{k-2} for k ≥ 3. The number of samples from a uniform start scales as α_c N.
   */
  public static double alphaC(double n, int k) {
    Check.positiveFinite("N", n);
    Check.atLeast("k", k, 1);
    if (k == 1) return 1;
    if (k == 2) return Math.log(n);
    return Math.pow(n, k - 2);
  }
}
