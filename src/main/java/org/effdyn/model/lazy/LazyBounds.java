package org.effdyn.model.lazy;

import org.effdyn.core.Check;

/**
 * The bounds on the prediction gap |r(T) − r̄(T)| (Boix-Adsera, Littwin 2023, arXiv:2305.13141;
 * labels B1–B6 as in docs/lazy.md), each with the validity range the source states. Notation:
 * R0 = |r(0)|²/2, L = Lip(Dh) on B(w0, ρ), κ = T L √R0/α.
 */
public final class LazyBounds {
  private LazyBounds() {}

  /** κ = T L √R0/α. */
  public static double kappa(double t, double lip, double r0, double alpha) {
    return t * lip * Math.sqrt(r0) / alpha;
  }

  /**
   * (B1) Thm 1.2 (Boix-Adsera, Littwin 2023, eq. (5)): min(6κ√R0, √(8R0)), given κ (no range check: see
   * the checked form).
   */
  public static double thm12(double kappa, double r0) {
    return Math.min(6 * kappa * Math.sqrt(r0), Math.sqrt(8 * r0));
  }

  /** (B1') sharp form (the proof of Thm 1.2, Boix-Adsera, Littwin 2023, App. A.5): min(2κ + 3κ², 2)√(2R0). */
  public static double sharp(double kappa, double r0) {
    return Math.min(2 * kappa + 3 * kappa * kappa, 2) * Math.sqrt(2 * r0);
  }

  /**
   * (B1) at horizon T with L = Lip(Dh) on B(w0, ρ).
   *
   * @throws IllegalArgumentException if T &gt; α²ρ²/R0 (the theorem's range: beyond it w may leave
   *         the ball on which L holds)
   */
  public static double thm12(double t, double lip, double rho, double r0, double alpha) {
    checkCommon(t, lip, rho, r0, alpha);
    double tMax = alpha * alpha * rho * rho / r0;
    if (t > tMax) {
      throw new IllegalArgumentException("T = " + t + " is beyond the range of Thm 1.2 (B1): T <= alpha^2 rho^2/R0 = "
          + tMax + " (alpha = " + alpha + ", rho = " + rho + ", R0 = " + r0 + ")");
    }
    return thm12(kappa(t, lip, r0, alpha), r0);
  }

  /**
   * (B3) Chizat-type bound (Boix-Adsera, Littwin 2023, Prop. 1.1, quoting Chizat, Oyallon, Bach 2019,
   * arXiv:1812.07956), constant re-derived: 2 T² Lip(h)² L R0/α, no range check. The printed form uses
   * |r| ≤ √R0, but with R = |r|²/2 the bound is |r| ≤ √(2R0), which doubles the constant
   * (docs/corrections.md).
   */
  public static double chizat(double t, double lipH, double lip, double r0, double alpha) {
    return 2 * t * t * lipH * lipH * lip * r0 / alpha;
  }

  /**
   * (B3) at horizon T with Lip(h) and L = Lip(Dh) on B(w0, ρ).
   *
   * @throws IllegalArgumentException if T &gt; αρ/(Lip(h)√(2R0)) (its range: the crude speed bound
   *         |dw/dt| ≤ Lip(h)√(2R0)/α must keep w in the ball)
   */
  public static double chizat(double t, double lipH, double lip, double rho, double r0, double alpha) {
    checkCommon(t, lip, rho, r0, alpha);
    Check.nonNegativeFinite("Lip(h)", lipH);
    double tMax = alpha * rho / (lipH * Math.sqrt(2 * r0));
    if (t > tMax) {
      throw new IllegalArgumentException("T = " + t + " is beyond the range of the Chizat-type bound (B3): "
          + "T <= alpha rho/(Lip(h) sqrt(2 R0)) = " + tMax);
    }
    return chizat(t, lipH, lip, r0, alpha);
  }

  /** (B4) |w(t) − w0| ≤ √(t R0)/α (valid for every t, both flows). */
  public static double movement(double t, double r0, double alpha) {
    return Math.sqrt(t * r0) / alpha;
  }

  /** (B5) |K_t − K0| ≤ 2|J0| L ρ + L² ρ², ρ = √(tR0)/α. */
  public static double kernelChange(double j0Norm, double lip, double rho) {
    return 2 * j0Norm * lip * rho + lip * lip * rho * rho;
  }

  /**
   * (B6) Thm 1.3 lower bound for the tightness example with a = T^{-1/2}: min(κ/5, 1/5)√R0 (the last
   * display of App. B prints √R0/5 for κ ≤ 1, where the argument gives κ√R0/5).
   */
  public static double lowerThm13(double kappa, double r0) {
    return Math.min(kappa, 1) / 5 * Math.sqrt(r0);
  }

  private static void checkCommon(double t, double lip, double rho, double r0, double alpha) {
    Check.nonNegativeFinite("T", t);
    Check.nonNegativeFinite("L", lip);
    Check.positiveFinite("rho", rho);
    Check.positiveFinite("R0", r0);
    Check.positiveFinite("alpha", alpha);
  }
}
