package org.effdyn.model.generic;

import org.effdyn.core.Check;
import org.effdyn.gauss.GaussianRule;

/**
 * How the engine integrates over its r-dimensional Gaussian η (docs/generic.md, "Reduction and
 * quadrature"); r adapts to
 * the state (the rank of the integration directions), so a quadrature is a recipe giving a rule per r.
 *
 * <ul>
 *   <li>{@link Kind#AUTO} (default, budget {@value #DEFAULT_BUDGET} nodes): for a smooth loss, tensor
 *       Gauss–Hermite with the largest n ≤ {@value #MAX_AUTO_POINTS} per axis such that n^r ≤ budget, if
 *       n ≥ {@value #MIN_AUTO_POINTS} (r ≤ 5 at the default budget: 30³, 16⁴, 9⁵); otherwise the
 *       Smolyak sparse grid of the largest level within the budget ({@link GaussianRule#sparseGrid},
 *       permutation invariant, error estimated against level ℓ − 1); for any loss with
 *       {@link HasKinks}, randomized QMC with {@value GaussianRule#DEFAULT_REPLICATES} Sobol replicates of
 *       budget/16 points (error bars from the replicates).</li>
 *   <li>{@link Kind#GAUSS_HERMITE}: n points per axis in every dimension (n^r nodes; too many is an
 *       error naming r).</li>
 *   <li>{@link Kind#RQMC}: {@code replicates} × {@code points} randomly shifted Sobol points.</li>
 * </ul>
 *
 * @param kind the recipe
 * @param budget AUTO's node budget (≥ 16)
 * @param pointsPerAxis GAUSS_HERMITE's n in [1, 64]
 * @param points RQMC's points per replicate (≥ 1)
 * @param replicates RQMC's replicates (≥ 2 for an error estimate)
 * @param seed RQMC's shift seed (RandomStreams)
 */
public record Quadrature(Kind kind, int budget, int pointsPerAxis, int points, int replicates, long seed) {
  /** Default node budget of {@link #auto()}. */
  public static final int DEFAULT_BUDGET = 1 << 16;
  /** AUTO's largest Gauss–Hermite order per axis. */
  public static final int MAX_AUTO_POINTS = 30;
  /** AUTO's smallest Gauss–Hermite order per axis before it switches to RQMC. */
  public static final int MIN_AUTO_POINTS = 8;

  /** The recipes. */
  public enum Kind { AUTO, GAUSS_HERMITE, RQMC }

  public Quadrature {
    if (kind == null) throw new IllegalArgumentException("quadrature kind must be given");
    switch (kind) {
      case AUTO -> Check.atLeast("quadrature budget", budget, GaussianRule.DEFAULT_REPLICATES);
      case GAUSS_HERMITE -> {
        Check.atLeast("quadrature points_per_axis", pointsPerAxis, 1);
        if (pointsPerAxis > 64) {
          throw new IllegalArgumentException("quadrature points_per_axis must be <= 64, got " + pointsPerAxis);
        }
      }
      case RQMC -> {
        Check.atLeast("quadrature points", points, 1);
        Check.atLeast("quadrature replicates", replicates, 1);
      }
    }
  }

  /** AUTO with the default budget. */
  public static Quadrature auto() {
    return auto(DEFAULT_BUDGET);
  }

  /** AUTO with a node budget. */
  public static Quadrature auto(int budget) {
    return new Quadrature(Kind.AUTO, budget, 0, 0, 0, GaussianRule.DEFAULT_SEED);
  }

  /** Tensor Gauss–Hermite, n points per axis. */
  public static Quadrature gaussHermite(int n) {
    return new Quadrature(Kind.GAUSS_HERMITE, 0, n, 0, 0, 0);
  }

  /** Randomized QMC: replicates × points shifted Sobol points. */
  public static Quadrature rqmc(int points, int replicates, long seed) {
    return new Quadrature(Kind.RQMC, 0, 0, points, replicates, seed);
  }

  /**
   * The rule for dimension r ≥ 1.
   *
   * @param kinked true if the loss has kinks ({@link HasKinks})
   * @throws IllegalArgumentException if the recipe cannot serve dimension r (too many Gauss–Hermite
   *     nodes, or r above the Sobol limit); the message names r
   */
  public GaussianRule rule(int r, boolean kinked) {
    Check.atLeast("integration dimension", r, 1);
    try {
      switch (kind) {
        case GAUSS_HERMITE:
          return GaussianRule.gaussHermite(r, pointsPerAxis);
        case RQMC:
          return GaussianRule.quasiMonteCarlo(r, points, replicates, seed);
        default:
          if (!kinked) {
            int n = 0;
            for (int k = 1; k <= MAX_AUTO_POINTS; k++) if (Math.pow(k, r) <= budget) n = k;
            if (n >= MIN_AUTO_POINTS) return GaussianRule.gaussHermite(r, n);
            return GaussianRule.sparseGrid(r, budget);
          }
          return GaussianRule.quasiMonteCarlo(r, Math.max(1, budget / GaussianRule.DEFAULT_REPLICATES),
              GaussianRule.DEFAULT_REPLICATES, seed);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("quadrature " + this + " cannot integrate over r = " + r + " dimensions: "
          + e.getMessage() + ". Use fewer points per axis or rqmc.", e);
    }
  }

  /**
   * The second rule of a deterministic rule's error estimate, {@link GaussianRule#companion()}: coarser,
   * Gauss–Hermite n − max(2, ⌊n/4⌋) points per axis, Smolyak level ℓ − 1. The difference estimates the
   * coarser rule's error, an upper estimate of this rule's (a finer companion, ⌈1.4 n⌉, estimated the
   * error of n itself and could fall below it: 7.5e-5 for a true 8.3e-5, k-GMM GH 10³). Gauss–Hermite
   * with n = 1 has no coarser rule and takes 2 points.
   */
  GaussianRule finer(GaussianRule rule) {
    GaussianRule c = rule.companion();
    if (c != null) return c;
    int r = rule.dimension();
    int n = (int) Math.round(Math.pow(rule.size(), 1.0 / r));
    return GaussianRule.gaussHermite(r, Math.min(64, (int) Math.ceil(1.4 * n)));
  }

  @Override public String toString() {
    return switch (kind) {
      case AUTO -> "auto(budget " + budget + ")";
      case GAUSS_HERMITE -> "gauss-hermite " + pointsPerAxis + "^r";
      case RQMC -> "rqmc " + replicates + " x " + points + " (seed " + seed + ")";
    };
  }
}
