package org.effdyn.gauss;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * A cubature rule for the standard Gaussian in R^r: fixed nodes z_i and weights w_i with
 * \[ \sum_i w_i f(z_i) \approx \mathbb E f(Z),\qquad Z \sim N(0, I_r). \]
 * Immutable and thread-safe. Nodes are stored in one flat array, node i at [i r, (i+1) r).
 *
 * <p>Two families:
 * <ul>
 *   <li>{@link #gaussHermite}: the tensor product of the n-point Gauss–Hermite rule. Exact for
 *       polynomials of degree at most 2n - 1 in each variable; for analytic f the error falls
 *       spectrally in n. Costs n^r nodes, so it suits r up to about 5.
 *   <li>{@link #quasiMonteCarlo}: randomized quasi-Monte Carlo, R independent random shifts of N
 *       Sobol points. Faster than Monte Carlo's N^{-1/2} for smooth f: measured N^{-0.6} to
 *       N^{-0.75} for exp(a^T G) in r = 8 (the random shift modulo 1 and the unbounded map
 *       \( \Phi^{-1} \) keep it short of N^{-1}). An error estimate comes from the spread of the R
 *       replicate means (see {@link GaussianExpectation}).
 * </ul>
 * Nodes are grouped by replicate: replicate k holds nodes [k N, (k+1) N) with N =
 * {@link #replicateSize()}; a Gauss–Hermite rule is one replicate.
 */
public final class GaussianRule {
  /** Largest number of stored doubles (size * dim): 2^27, i.e. 1 GiB. */
  static final long MAX_STORED = 1L << 27;
  /** Largest Gauss–Hermite order per axis (Hipparchus's rule: moments to 2e-14 up to n = 100). */
  static final int MAX_POINTS_PER_AXIS = 64;
  /** Largest Sobol dimension with Hipparchus's built-in direction numbers (Joe–Kuo). */
  static final int MAX_SOBOL_DIM = 1000;
  /** Seed of the default QMC rule of {@link #forDimension}. */
  public static final long DEFAULT_SEED = 0x5EED;
  /** Replicates of the default QMC rule of {@link #forDimension}. */
  public static final int DEFAULT_REPLICATES = 16;

  private final int dim;
  private final int replicates;
  private final double[] nodes;
  private final double[] weights;
  private final String description;
  /** How the rule was built, for {@link #companion()}: family, its size parameter and the QMC seed. */
  private enum Family { HERMITE, SMOLYAK, RQMC }
  private final Family family;
  private final int order;
  private final long seed;

  private GaussianRule(int dim, int replicates, double[] nodes, double[] weights, String description,
      Family family, int order, long seed) {
    this.family = family;
    this.order = order;
    this.seed = seed;
    this.dim = dim;
    this.replicates = replicates;
    this.nodes = nodes;
    this.weights = weights;
    this.description = description;
  }

  /**
   * The rule an error estimate compares this one with, \( \hatarepsilon = c\,|Q f - Q' f| \) with
   * c = {@link #companionFactor()}:
   * <ul>
   *   <li>Smolyak level ℓ >= 1: level ℓ − 1. Gauss–Hermite n >= 2 points per axis:
   *       n − max(2, ⌊n/4⌋) (n − 1 is not enough: Gauss–Hermite errors oscillate between neighbouring n).
   *       The difference estimates the error of the coarser rule; where the family converges (measured
   *       factors 2–10 per Smolyak level on the softmax integrands, docs/kgmm.md) that bounds this
   *       rule's error, with c = 1;
   *   <li>randomized QMC: the same sizes with seed + 1, an independent replica; |Q − Q'| has standard
   *       deviation √2 σ, so c = 3/√2 makes the estimate about 3σ of this rule.
   * </ul>
   * Null for Smolyak level 0 and 1-point Gauss–Hermite (no coarser rule).
   */
  public GaussianRule companion() {
    if (family == Family.SMOLYAK) {
      return order == 0 ? null : smolyak(dim, order - 1);
    }
    if (family == Family.HERMITE) {
      return order == 1 ? null : gaussHermite(dim, Math.max(1, order - Math.max(2, order / 4)));
    }
    return quasiMonteCarlo(dim, replicateSize(), replicates, seed + 1);
  }

  /** The level ℓ of a Smolyak rule ({@link #smolyak}), or -1 for the other families. */
  public int smolyakLevel() {
    return family == Family.SMOLYAK ? order : -1;
  }

  /** The factor c of {@link #companion()}: 1, or 3/√2 for randomized QMC. */
  public double companionFactor() {
    return family == Family.RQMC ? 3 / Math.sqrt(2) : 1;
  }

  /**
   * Tensor-product Gauss–Hermite rule with pointsPerAxis^dim nodes. From Hipparchus's rule
   * \( \int e^{-x^2} h(x) dx \approx \sum_k v_k h(x_k) \): nodes \( z = \sqrt2 (x_{k_1}, …, x_{k_r}) \),
   * weights \( \prod_j v_{k_j} / \sqrt\pi \), the 1-D factors renormalized to sum to exactly 1 up to
   * rounding (Hipparchus's sum is off by up to 1.3e-15 relative). Exact for polynomials
   * of degree at most 2 pointsPerAxis - 1 in each variable. The last coordinate varies fastest.
   *
   * @param dim r >= 1
   * @param pointsPerAxis n in [1, 64]; n^r * r must not exceed 2^27 stored doubles
   */
  public static GaussianRule gaussHermite(int dim, int pointsPerAxis) {
    Check.atLeast("dim", dim, 1);
    Check.atLeast("pointsPerAxis", pointsPerAxis, 1);
    if (pointsPerAxis > MAX_POINTS_PER_AXIS) {
      throw new IllegalArgumentException(
          "pointsPerAxis must be <= " + MAX_POINTS_PER_AXIS + ", got " + pointsPerAxis);
    }
    long size = 1;
    for (int j = 0; j < dim; j++) {
      size *= pointsPerAxis;
      if (size * dim > MAX_STORED) {
        throw new IllegalArgumentException("gauss-hermite " + pointsPerAxis + "^" + dim
            + " has too many nodes: pointsPerAxis^dim * dim must be <= 2^27 (dim=" + dim
            + ", pointsPerAxis=" + pointsPerAxis + ")");
      }
    }
    double[][] rule1d = HERMITE.computeIfAbsent(pointsPerAxis, GaussianRule::hermite1d);
    double[] x = rule1d[0];
    double[] v = rule1d[1];
    int n = (int) size;
    double[] nodes = new double[n * dim];
    double[] weights = new double[n];
    int[] digit = new int[dim];
    for (int i = 0; i < n; i++) {
      double w = 1;
      for (int j = 0; j < dim; j++) {
        nodes[i * dim + j] = x[digit[j]];
        w *= v[digit[j]];
      }
      weights[i] = w;
      for (int j = dim - 1; j >= 0; j--) { // odometer, last coordinate fastest
        if (++digit[j] < pointsPerAxis) {
          break;
        }
        digit[j] = 0;
      }
    }
    return new GaussianRule(dim, 1, nodes, weights,
        "gauss-hermite " + pointsPerAxis + "^" + dim + " = " + n + " nodes", Family.HERMITE, pointsPerAxis, 0);
  }

  /** The cached 1-D rule {nodes, weights} for N(0, 1) with n points; read only. */
  static double[][] hermite1dShared(int n) {
    return HERMITE.computeIfAbsent(n, GaussianRule::hermite1d);
  }

  /**
   * Smolyak sparse grid of level ℓ on slow-growth Gauss–Hermite rules ({@link SparseGrid}): exact for
   * polynomials of total degree at most 2ℓ + 1, invariant under coordinate permutations and sign flips
   * exactly (nodes and weights), one replicate. Sizes at r = 10: ℓ = 2: 241, 3: 1981, 4: 12981, 5: 71785 nodes.
   *
   * @param dim r >= 1
   * @param level ℓ in [0, 40]
   */
  public static GaussianRule smolyak(int dim, int level) {
    Check.atLeast("dim", dim, 1);
    Check.atLeast("level", level, 0);
    if (level > 40) {
      throw new IllegalArgumentException("level must be <= 40, got " + level);
    }
    double[][] nw = SparseGrid.build(dim, level);
    return new GaussianRule(dim, 1, nw[0], nw[1],
        "smolyak gauss-hermite level " + level + " (dim " + dim + ") = " + nw[1].length + " nodes", Family.SMOLYAK, level, 0);
  }

  /**
   * The Smolyak rule {@link #smolyak} of the largest level ℓ in [1, 40] whose size is at most budget
   * (level 1 if even that is larger). Permutation and sign-flip symmetric; see docs/kgmm.md for its
   * measured convergence on the softmax expectations.
   *
   * @param dim r >= 1
   * @param budget maximal number of nodes
   */
  public static GaussianRule sparseGrid(int dim, int budget) {
    Check.atLeast("dim", dim, 1);
    Check.atLeast("budget", budget, 1);
    int best = 1;
    for (int level = 2; level <= 40 && SparseGrid.size(dim, level) <= budget; level++) {
      best = level;
    }
    return smolyak(dim, best);
  }

  /** 1-D rules by order, built once (Hipparchus takes up to 0.2 s for a cold n = 64). Read only. */
  private static final ConcurrentMap<Integer, double[][]> HERMITE = new ConcurrentHashMap<>();

  /** {nodes, weights} of the 1-D n-point rule for N(0, 1). */
  private static double[][] hermite1d(int n) {
    GaussIntegrator gh = new GaussIntegratorFactory().hermite(n);
    double[] x = new double[n];
    double[] v = new double[n];
    double sqrt2 = Math.sqrt(2);
    double invSqrtPi = 1 / Math.sqrt(Math.PI);
    double mass = 0;
    for (int k = 0; k < n; k++) {
      x[k] = sqrt2 * gh.getPoint(k);
      v[k] = gh.getWeight(k) * invSqrtPi;
      mass += v[k];
    }
    for (int k = 0; k < n; k++) {
      v[k] /= mass; // removes Hipparchus's relative error of up to 1.3e-15 in the total mass
    }
    return new double[][] {x, v};
  }

  /**
   * Randomized quasi-Monte Carlo rule. Let s_1, …, s_N be Sobol points 1..N in [0,1)^r (Hipparchus,
   * Joe–Kuo direction numbers; point 0, the origin, is skipped). Replicate k in [0, R) draws a shift
   * c_k uniform in [0,1)^r from {@code RandomStreams.stream(seed, k)} (r calls of nextDouble) and
   * holds the nodes \( z = \Phi^{-1}(\{s_i + c_k\}) \) coordinatewise ({·} = fractional part,
   * Cranley–Patterson rotation; u clamped into [1e-16, 1 - 1e-16]). All weights are 1/(N R).
   * Each replicate is an unbiased estimate of E f(Z), and replicates are independent, which gives
   * the error estimate. The rule is a deterministic function of its arguments.
   *
   * @param dim r in [1, 1000]
   * @param points N >= 1 per replicate (powers of two keep the Sobol net balanced)
   * @param replicates R >= 1 (R >= 2 for an error estimate)
   * @param seed master seed of the shifts
   */
  public static GaussianRule quasiMonteCarlo(int dim, int points, int replicates, long seed) {
    Check.atLeast("dim", dim, 1);
    if (dim > MAX_SOBOL_DIM) {
      throw new IllegalArgumentException("dim must be <= " + MAX_SOBOL_DIM + " for Sobol points, got " + dim);
    }
    Check.atLeast("points", points, 1);
    Check.atLeast("replicates", replicates, 1);
    long size = (long) points * replicates;
    if (size * dim > MAX_STORED) {
      throw new IllegalArgumentException("rqmc sobol " + replicates + " x " + points + " in dim " + dim
          + " has too many nodes: points * replicates * dim must be <= 2^27");
    }
    SobolSequenceGenerator sobol = new SobolSequenceGenerator(dim);
    sobol.nextVector(); // the origin
    double[] base = new double[points * dim];
    for (int i = 0; i < points; i++) {
      System.arraycopy(sobol.nextVector(), 0, base, i * dim, dim);
    }
    int n = (int) size;
    double[] nodes = new double[n * dim];
    double[] weights = new double[n];
    Arrays.fill(weights, 1.0 / ((double) points * replicates));
    double[] shift = new double[dim];
    for (int k = 0; k < replicates; k++) {
      UniformRandomProvider rng = RandomStreams.stream(seed, k);
      for (int j = 0; j < dim; j++) {
        shift[j] = rng.nextDouble();
      }
      int offset = k * points * dim;
      for (int i = 0; i < points; i++) {
        for (int j = 0; j < dim; j++) {
          double u = base[i * dim + j] + shift[j];
          if (u >= 1) {
            u -= 1;
          }
          nodes[offset + i * dim + j] = NormalQuantile.of(u);
        }
      }
    }
    return new GaussianRule(dim, replicates, nodes, weights,
        "rqmc sobol " + replicates + " x " + points + " (dim " + dim + ", seed " + seed + ")", Family.RQMC, points, seed);
  }

  /**
   * The default rule for dimension r within a node budget:
   * <ol>
   *   <li>the tensor Gauss–Hermite rule with the largest n in [3, 20] such that n^r &lt;= budget, if
   *       that n is at least 5 (degree-9 exactness per axis; below that, a tensor rule wastes its
   *       nodes on high-degree cross terms and its error has no estimate);
   *   <li>otherwise RQMC with 16 replicates of budget/16 Sobol points each, seed 0x5EED.
   * </ol>
   * With budget 20000: r = 1..3 get 20 points per axis, r = 4 gets 11^4, r = 5 gets 7^5, r = 6 gets
   * 5^6, and r >= 7 gets RQMC 16 x 1250.
   *
   * @param dim r >= 1
   * @param budget maximal number of nodes; at least 16 when the rule falls back to RQMC
   */
  public static GaussianRule forDimension(int dim, int budget) {
    Check.atLeast("dim", dim, 1);
    Check.atLeast("budget", budget, 1);
    int best = 0;
    for (int n = 3; n <= 20; n++) {
      if (Math.pow(n, dim) <= budget) { // exact for the integers involved (n^r <= 2^31 < 2^53)
        best = n;
      }
    }
    if (best >= 5) {
      return gaussHermite(dim, best);
    }
    if (budget < DEFAULT_REPLICATES) {
      throw new IllegalArgumentException("budget must be >= " + DEFAULT_REPLICATES
          + " (one Sobol point per replicate) when dim=" + dim + " is too large for 5^dim Gauss–Hermite nodes, got "
          + budget);
    }
    return quasiMonteCarlo(dim, budget / DEFAULT_REPLICATES, DEFAULT_REPLICATES, DEFAULT_SEED);
  }

  /** The dimension r of the nodes. */
  public int dimension() {
    return dim;
  }

  /** The number of nodes. */
  public int size() {
    return weights.length;
  }

  /** The number of independent replicates: 1 for Gauss–Hermite. */
  public int replicates() {
    return replicates;
  }

  /** The number of nodes per replicate, size() / replicates(). */
  public int replicateSize() {
    return weights.length / replicates;
  }

  /** The weight of node i. */
  public double weight(int i) {
    return weights[i];
  }

  /** Coordinate j of node i. */
  public double node(int i, int j) {
    if (j < 0 || j >= dim) {
      throw new IndexOutOfBoundsException("coordinate " + j + " out of [0, " + dim + ")");
    }
    return nodes[i * dim + j];
  }

  /** E.g. "gauss-hermite 12^3 = 1728 nodes" or "rqmc sobol 16 x 256 (dim 8, seed 24301)". */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }

  /** The flat node array, node i at [i r, (i+1) r). Not copied: callers in this package only read it. */
  double[] nodesView() {
    return nodes;
  }

  /** The weight array. Not copied: callers in this package only read it. */
  double[] weightsView() {
    return weights;
  }
}
