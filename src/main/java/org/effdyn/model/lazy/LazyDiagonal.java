package org.effdyn.model.lazy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;

/**
 * The fixed multi-scale model (EffDyn's own construction; docs/lazy.md): p = n = K independent copies
 * of the tightness example, h_k(w) = a_k w_k + b w_k²/2, w0 = 0. The card's instance has a_k² = 2^{−(k−1)} (k = 1..K) and
 * y*_k = √(2R0/K): Lip(Dh) = b, Lip(h) ≤ 1 + bρ on B(0, ρ), kernel time scales 1 .. 2^{K−1}. It attains
 * gap ≈ c t/α over t ∈ [1, 2^{K−1}] and T_ε ∝ α, while the Chizat-type bound grows like t²: a fixed
 * model with bounded Lip(h) attains the T/α law of Thm 1.2.
 *
 * @param a     slopes a_k &gt; 0 (length K &gt;= 1)
 * @param b     curvature b &gt;= 0
 * @param yStar targets y*_k, finite, length K, not all zero
 * @param alpha scale α &gt; 0
 * @param flow  which flows the card integrates
 */
public record LazyDiagonal(double[] a, double b, double[] yStar, double alpha, Flow flow) implements LazyModel {
  public LazyDiagonal {
    if (a == null || a.length < 1) throw new ParameterException("K", a == null ? 0 : a.length, "must be >= 1, got " + (a == null ? 0 : a.length));
    for (int k = 0; k < a.length; k++) Check.positiveFinite("a[" + (k + 1) + "]", a[k]);
    Check.nonNegativeFinite("b", b);
    Check.length("y*", yStar, a.length);
    Check.allFinite("y*", yStar);
    double s = 0;
    for (double y : yStar) s += y * y;
    if (s == 0) throw new ParameterException("R0", 0.0, "must be > 0, got y* = 0");
    Check.positiveFinite("alpha", alpha);
    a = a.clone();
    yStar = yStar.clone();
    if (flow == null) flow = Flow.ALL;
  }

  /** The card's instance: a_k² = 2^{−(k−1)}, y*_k = √(2R0/K). */
  public static LazyDiagonal multiScale(int k, double b, double r0, double alpha) {
    Check.atLeast("K", k, 1);
    Check.positiveFinite("R0", r0);
    double[] a = new double[k];
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      a[i] = Math.pow(2, -i / 2.0);
      y[i] = Math.sqrt(2 * r0 / k);
    }
    return new LazyDiagonal(a, b, y, alpha, Flow.ALL);
  }

  @Override
  public double[] a() {
    return a.clone();
  }

  @Override
  public double[] yStar() {
    return yStar.clone();
  }

  @Override
  public LazyDiagonal withAlpha(double v) {
    return new LazyDiagonal(a, b, yStar, v, flow);
  }

  public LazyDiagonal withFlow(Flow f) {
    return new LazyDiagonal(a, b, yStar, alpha, f);
  }

  @Override
  public LazyProblem problem() {
    return new LazyProblem(new DiagonalQuadratic(a, b), yStar, alpha);
  }

  @Override
  public String name() {
    return "lazy-diagonal";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", a.clone());
    m.put("b", b);
    m.put("y_star", yStar.clone());
    m.put("alpha", alpha);
    m.put("flow", flow.key());
    return m;
  }

}
