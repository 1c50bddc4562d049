package org.effdyn.model.generic;

import org.effdyn.gauss.GaussianRule;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The rules of one {@link GenericLimit} ({@link Quadrature}), each built once and cached: for every integration
 * dimension r the rule of {@link GenericOptions#quadrature()} and the finer Gauss–Hermite rule of the error
 * estimate, and for the pre-integration along a kink ({@link KinkLines}) the Gauss–Legendre rule of a line piece and
 * the outer Gauss–Hermite rule on the other r − 1 dimensions, each with its finer companion. Thread-safe.
 */
final class QuadratureRules {
  /** Gauss–Legendre points per piece of a pre-integration line. */
  static final int LINE_POINTS = 16;

  private final GenericOptions options;
  private final boolean kinked;
  private final int kinkCount;
  private final RuleNodes[] rules;
  private final RuleNodes[] finerRules;
  /** Outer Gauss–Hermite rules of the pre-integration, by r (dimension r - 1); and the finer ones. */
  private final RuleNodes[] outerRules;
  private final RuleNodes[] outerFineRules;
  /** Gauss–Legendre rule on [-1, 1] along a pre-integration line, and the finer one of the error estimate. */
  final double[] glX;
  final double[] glW;
  final double[] glXFine;
  final double[] glWFine;

  QuadratureRules(LimitSetup setup) {
    this.options = setup.options;
    this.kinked = setup.kinked;
    this.kinkCount = setup.kinkCount;
    this.rules = new RuleNodes[setup.rMax + 1];
    this.finerRules = new RuleNodes[setup.rMax + 1];
    double[][] gl = legendre(LINE_POINTS);
    double[][] glf = legendre((int) Math.ceil(1.4 * LINE_POINTS));
    this.glX = gl[0];
    this.glW = gl[1];
    this.glXFine = glf[0];
    this.glWFine = glf[1];
    this.outerRules = new RuleNodes[setup.rMax + 1];
    this.outerFineRules = new RuleNodes[setup.rMax + 1];
  }

  private static double[][] legendre(int n) {
    GaussIntegrator g = new GaussIntegratorFactory().legendre(n);
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      out[0][i] = g.getPoint(i);
      out[1][i] = g.getWeight(i);
    }
    return out;
  }

  /**
   * The rule at integration dimension r ≥ 1, or (finer) its Gauss–Hermite companion with ⌈1.4n⌉ points per
   * axis.
   *
   * @throws IllegalStateException for the finer rule of a randomized rule
   */
  synchronized RuleNodes rule(int r, boolean finer) {
    RuleNodes[] cache = finer ? finerRules : rules;
    if (cache[r] == null) {
      GaussianRule base = options.quadrature().rule(r, kinked);
      if (finer) {
        if (base.replicates() > 1) throw new IllegalStateException("no finer rule for a randomized rule");
        try {
          cache[r] = RuleNodes.of(options.quadrature().finer(base));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("cannot estimate the Gauss-Hermite error in r = " + r
              + " dimensions: " + e.getMessage(), e);
        }
      } else {
        cache[r] = RuleNodes.of(base);
      }
    }
    return cache[r];
  }

  /**
   * The outer Gauss–Hermite rule (dimension r - 1 ≥ 1) of the pre-integration: the largest n ≤ 30 with
   * n^{r-1} (kinks + 1) · 16 ≤ budget, at least 3; finer: ⌈1.4 n⌉.
   */
  synchronized RuleNodes outer(int r, boolean finer) {
    RuleNodes[] cache = finer ? outerFineRules : outerRules;
    if (cache[r] == null) {
      int perLine = (kinkCount + 1) * LINE_POINTS;
      double room = Math.max(1, options.quadrature().budget() / (double) perLine);
      int n = 3;
      for (int k = 3; k <= Quadrature.MAX_AUTO_POINTS; k++) if (Math.pow(k, r - 1) <= room) n = k;
      if (finer) n = (int) Math.ceil(1.4 * n);
      try {
        cache[r] = RuleNodes.of(GaussianRule.gaussHermite(r - 1, Math.min(64, n)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pre-integration cannot integrate over r - 1 = " + (r - 1)
            + " outer dimensions: " + e.getMessage(), e);
      }
    }
    return cache[r];
  }
}
