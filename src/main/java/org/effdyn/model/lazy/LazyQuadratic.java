package org.effdyn.model.lazy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;

/**
 * The tightness example of Boix-Adsera, Littwin 2023 (arXiv:2305.13141, Thm 1.3, §3.2 and App. B):
 * p = n = 1, w0 = 0,
 * \[ h(w) = a w + b w^2/2, \qquad \dot v = (a + b v/α)(y^* − a v − b v^2/(2α)),
 *    \qquad \dot{\bar v} = a (y^* − a \bar v) \quad (N4) \]
 * with Lip(Dh) = b exactly. The paper ties a = T^{-1/2} to the horizon T; here a is free (card default
 * {@code horizon}^{-1/2}). Closed forms: {@link LazyOracles}.
 *
 * @param a     slope a &gt; 0 (so K0 = a² &gt; 0 and the closed form's root a + bw &gt; 0 exists)
 * @param b     curvature b = L &gt;= 0
 * @param yStar target y* = √(2R0) (finite, nonzero)
 * @param alpha scale α &gt; 0
 * @param flow  which flows the card integrates
 */
public record LazyQuadratic(double a, double b, double yStar, double alpha, Flow flow) implements LazyModel {
  public LazyQuadratic {
    Check.positiveFinite("a", a);
    Check.nonNegativeFinite("b", b);
    Check.finite("R0 (y*)", yStar);
    if (yStar == 0) throw new ParameterException("R0", 0.0, "must be > 0 (y* = sqrt(2 R0)), got y* = 0");
    Check.positiveFinite("alpha", alpha);
    if (flow == null) flow = Flow.ALL;
  }

  /** The paper's instance for horizon T: a = T^{-1/2}, b = L, y* = √(2R0). */
  public static LazyQuadratic tight(double horizon, double lip, double r0, double alpha) {
    Check.positiveFinite("horizon", horizon);
    Check.positiveFinite("R0", r0);
    return new LazyQuadratic(1 / Math.sqrt(horizon), lip, Math.sqrt(2 * r0), alpha, Flow.ALL);
  }

  @Override
  public LazyQuadratic withAlpha(double v) {
    return new LazyQuadratic(a, b, yStar, v, flow);
  }

  public LazyQuadratic withFlow(Flow f) {
    return new LazyQuadratic(a, b, yStar, alpha, f);
  }

  @Override
  public LazyProblem problem() {
    return new LazyProblem(new DiagonalQuadratic(new double[] {a}, b), new double[] {yStar}, alpha);
  }

  @Override
  public String name() {
    return "lazy-quadratic";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    m.put("R0", yStar * yStar / 2);
    m.put("alpha", alpha);
    m.put("flow", flow.key());
    return m;
  }

}
