package org.effdyn.model.generic;

import java.util.Arrays;
import org.effdyn.gauss.GaussianRule;

/**
 * The error control of {@link GenericLimit}: the drift with an estimate of each coordinate's quadrature
 * error, and the {@link QuadratureReport} of what was integrated. For a randomized rule the estimate is the standard error
 * across its replicates (h is affine in the moments, so the replicate drifts' spread is the drift's error);
 * for Gauss–Hermite |h_n − h_{n'}| with the coarser n' = n − max(2, ⌊n/4⌋) and for a Smolyak grid
 * |h_ℓ − h_{ℓ−1}| (the coarser rule's error, an upper estimate); for the pre-integration |h_n − h_⌈1.4n⌉|,
 * a second, larger integration; 0 at λ = ∞.
 */
final class QuadratureErrors {
  private final LimitSetup setup;
  private final QuadratureRules rules;

  QuadratureErrors(LimitSetup setup, QuadratureRules rules) {
    this.setup = setup;
    this.rules = rules;
  }

  /** Writes h(u) into out and the estimated error of each coordinate into err (see the class comment). */
  void drift(LimitWorkspace w, double[] u, double[] out, double[] err) {
    w.prepare(u);
    int n = setup.stats.size();
    if (w.r() == 0) {
      w.integrate(u, rules, false);
      w.drift.total(out);
      Arrays.fill(err, 0, n, 0.0);
      return;
    }
    if (w.pre) {
      w.integrate(u, rules, false);
      w.drift.total(out);
      w.integrate(u, rules, true);
      w.drift.total(w.hRep);
      for (int i = 0; i < n; i++) err[i] = Math.abs(w.hRep[i] - out[i]);
      return;
    }
    RuleNodes rd = rules.rule(w.r(), false);
    w.moments.integrate(u, rd);
    w.drift.total(out);
    if (rd.replicates() > 1) {
      int reps = rd.replicates();
      Arrays.fill(err, 0, n, 0.0);
      for (int k = 0; k < reps; k++) {
        w.drift.replicate(k, rd, w.hRep);
        for (int i = 0; i < n; i++) {
          double d = w.hRep[i] - out[i];
          err[i] += d * d;
        }
      }
      for (int i = 0; i < n; i++) err[i] = Math.sqrt(err[i] / ((double) reps * (reps - 1)));
    } else {
      w.integrate(u, rules, true);
      w.drift.total(w.hRep);
      for (int i = 0; i < n; i++) err[i] = Math.abs(w.hRep[i] - out[i]);
    }
  }

  /** The integration dimension, rule and estimated error at u (runs {@link #drift}). */
  QuadratureReport report(LimitWorkspace w, double[] u) {
    double[] h = new double[setup.stats.size()];
    double[] e = new double[setup.stats.size()];
    drift(w, u, h, e);
    int r = w.r();
    double max = 0;
    for (double x : e) max = Math.max(max, x);
    int classes = setup.classes;
    if (r == 0) return new QuadratureReport(0, "single node", setup.zetaWeights.length, classes, 0, "exact");
    if (w.pre) {
      int lineRule = QuadratureRules.LINE_POINTS;
      int kinkCount = setup.kinkCount;
      long outer = r == 1 ? 1 : rules.outer(r, false).rule().size();
      return new QuadratureReport(r, "pre-integrated along the kink direction: "
          + (r == 1 ? "1 line" : "gauss-hermite outer " + rules.outer(r, false).rule().description()) + " x up to "
          + (kinkCount + 1) + " pieces x gauss-legendre " + lineRule, outer * (kinkCount + 1) * lineRule, classes,
          max, "pre-integration vs 1.4x points");
    }
    GaussianRule rule = rules.rule(r, false).rule();
    return new QuadratureReport(r, rule.description(), (long) rule.size() * setup.zetaWeights.length, classes, max,
        rule.replicates() > 1 ? "rqmc standard error"
            : rule.smolyakLevel() >= 0 ? "smolyak level l vs l-1" : "gauss-hermite n vs n - max(2, n/4)");
  }
}
