package org.effdyn.model.xor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.Ensemble;
import org.effdyn.solve.OdeSolver;

/**
 * Known results of the XOR GMM at λ = ∞ for 0 &lt; β &lt; 1/8 (docs/xor.md): the fixed-point sets by
 * partition, their connected components (5, 17, 35, 39, 16 for K = 1..5), their stability (by flowing
 * from perturbed points: the right-hand side is not smooth) and the probability p_K of the optimal basin.
 *
 * <p>Classes are numbered 0 = I_0 (dead neuron), 1 = +μ, 2 = -μ, 3 = +ν, 4 = -ν.
 */
public final class XorOracles {
  /** Class labels, by class number. */
  public static final List<String> CLASSES = List.of("I0", "+mu", "-mu", "+nu", "-nu");
  /** A neuron counts as detecting a class once its larger |m| exceeds this. */
  static final double ACTIVE = 1e-3;

  private XorOracles() {}

  /** L_β = log((1 - 4β)/(4β)); the squared norm of v over each occupied class at a fixed point. */
  public static double lbeta(double beta) {
    Check.positiveFinite("beta", beta);
    return Math.log((1 - 4 * beta) / (4 * beta));
  }

  /**
   * p_K = P(all four classes hit) = 1 - 4(3/4)^K + 6(1/2)^K - 4(1/4)^K (inclusion–exclusion; each neuron
   * is i.i.d. uniform on the four classes under the orthant initialization). p_4 = 3/32.
   */
  public static double pK(int k) {
    Check.atLeast("K", k, 1);
    return 1 - 4 * Math.pow(0.75, k) + 6 * Math.pow(0.5, k) - 4 * Math.pow(0.25, k);
  }

  /**
   * The partition sizes of a fixed-point set: {@code sizes[c]} neurons in class c (0 = I_0, 1..4 = ±μ, ±ν).
   * Canonical order: the first sizes[0] neurons are dead, the next sizes[1] detect +μ, and so on.
   */
  public record Partition(int[] sizes) {
    public Partition {
      if (sizes == null || sizes.length != 5) {
        throw new IllegalArgumentException("partition: needs 5 class sizes (I0, +mu, -mu, +nu, -nu), got "
            + (sizes == null ? "null" : Arrays.toString(sizes)));
      }
      for (int c = 0; c < 5; c++) {
        if (sizes[c] < 0) {
          throw new IllegalArgumentException("partition: size of " + CLASSES.get(c) + " must be >= 0, got " + sizes[c]);
        }
      }
      sizes = sizes.clone();
    }

    @Override
    public int[] sizes() {
      return sizes.clone();
    }

    /** Σ sizes. */
    public int width() {
      return Arrays.stream(sizes).sum();
    }

    /** Occupied classes (1..4) as a bit set, bit c-1 for class c. */
    public int occupied() {
      int s = 0;
      for (int c = 1; c < 5; c++) if (sizes[c] > 0) s |= 1 << (c - 1);
      return s;
    }

    /** Class of neuron i in canonical order. */
    public int classOf(int i) {
      int acc = 0;
      for (int c = 0; c < 5; c++) {
        acc += sizes[c];
        if (i < acc) return c;
      }
      throw new IndexOutOfBoundsException("neuron " + i + " beyond width " + width());
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < 5; c++) b.append(c == 0 ? "" : ", ").append(CLASSES.get(c)).append('=').append(sizes[c]);
      return "{" + b + "}";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Partition p && Arrays.equals(p.sizes, sizes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sizes);
    }
  }

  /**
   * A point of the fixed-point set of a partition: R⊥ = 0; i ∈ I_0 has v = m = 0;
   * i ∈ I_{±μ} has m_i^ν = 0, v_i = ±m_i^μ &gt; 0; i ∈ I_{±ν} has m_i^μ = 0, v_i = -|m_i^ν| &lt; 0 with
   * sign(m_i^ν) = ±; the n_c neurons of an occupied class share L_β equally (|v_i| = √(L_β/n_c)), one point of
   * the sphere piece Σ v_i² = L_β. Neurons in canonical order ({@link Partition#classOf}).
   *
   * @throws IllegalArgumentException if β ≥ 1/8 (no non-zero fixed point) or the sizes do not sum to K
   */
  public static double[] fixedPoint(XorGmm model, Partition p) {
    int k = model.hiddenUnits();
    if (p.width() != k) {
      throw new IllegalArgumentException("partition: class sizes " + p + " sum to " + p.width() + ", but K = " + k);
    }
    double lb = model.lbeta();
    if (!(lb > 0) && p.occupied() != 0) {
      throw new IllegalArgumentException("beta: occupied classes need beta < 1/8 (L_beta > 0), got beta = " + model.beta());
    }
    int[] sizes = p.sizes();
    double[] u = new double[model.layout().size()];
    for (int i = 0; i < k; i++) {
      int c = p.classOf(i);
      if (c == 0) continue;
      double a = Math.sqrt(lb / sizes[c]);
      switch (c) {
        case 1 -> { u[i] = a; u[k + i] = a; }
        case 2 -> { u[i] = a; u[k + i] = -a; }
        case 3 -> { u[i] = -a; u[2 * k + i] = a; }
        default -> { u[i] = -a; u[2 * k + i] = -a; }
      }
    }
    return u;
  }

  /** Connected components of the fixed-point set and how many cover all four classes. */
  public record Counts(int components, int covering) {}

  /**
   * Component count in closed form (docs/xor.md): one component per set S of occupied classes with
   * |S| ≤ K - 1, plus 4!/(4-K)! isolated points when K ≤ 4 (|S| = K, one neuron per class).
   */
  public static Counts componentCount(int k) {
    Check.atLeast("K", k, 1);
    int comps = 0, covering = 0;
    for (int s = 0; s <= Math.min(4, k - 1); s++) {
      comps += binomial(4, s);
      if (s == 4) covering++;
    }
    if (k <= 4) {
      int inj = 1;
      for (int j = 0; j < k; j++) inj *= 4 - j;
      comps += inj;
      if (k == 4) covering += inj;
    }
    return new Counts(comps, covering);
  }

  /**
   * Component count by brute force (an independent check of {@link #componentCount}, compared in
   * {@code XorOraclesTest}): the 5^K labelled assignments, joined when a
   * class with ≥ 2 neurons loses one of them to I_0 (that point is in the closure of both sets). K ≤ 9.
   */
  public static Counts componentCountBruteForce(int k) {
    Check.atLeast("K", k, 1);
    if (k > 9) throw new IllegalArgumentException("K: brute force is limited to K <= 9 (5^K assignments), got " + k);
    int n = 1;
    for (int i = 0; i < k; i++) n *= 5;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    int[] digits = new int[k];
    int[] pow = new int[k];
    pow[0] = 1;
    for (int i = 1; i < k; i++) pow[i] = pow[i - 1] * 5;
    for (int code = 0; code < n; code++) {
      int[] count = new int[5];
      for (int i = 0, c = code; i < k; i++, c /= 5) count[digits[i] = c % 5]++;
      for (int i = 0; i < k; i++) {
        if (digits[i] != 0 && count[digits[i]] >= 2) union(parent, code, code - digits[i] * pow[i]);
      }
    }
    int comps = 0, covering = 0;
    boolean[] seen = new boolean[n];
    for (int code = 0; code < n; code++) {
      int r = find(parent, code);
      if (seen[r]) continue;
      seen[r] = true;
      comps++;
      int occ = 0;
      for (int i = 0, c = code; i < k; i++, c /= 5) if (c % 5 != 0) occ |= 1 << (c % 5 - 1);
      if (occ == 15) covering++;
    }
    return new Counts(comps, covering);
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) i = p[i] = p[p[i]];
    return i;
  }

  private static void union(int[] p, int a, int b) {
    p[find(p, a)] = find(p, b);
  }

  private static int binomial(int n, int r) {
    int b = 1;
    for (int i = 0; i < r; i++) b = b * (n - i) / (i + 1);
    return b;
  }

  /**
   * One representative partition per connected component, for width K: for each occupied set S with
   * |S| ≤ K - 1 one neuron per class and the rest in I_0 (a point of that component's closure); for
   * |S| = K ≤ 4 the isolated point with one neuron per class. The isolated points of one S differ only by
   * relabelling the neurons, so a representative stands for 4!/(4-K)!/... labelled points: {@link Component#points}.
   */
  public static List<Component> components(int k) {
    Check.atLeast("K", k, 1);
    List<Component> out = new ArrayList<>();
    for (int s = 0; s < 16; s++) {
      int size = Integer.bitCount(s);
      if (size > k) continue;
      int[] sizes = new int[5];
      for (int c = 1; c < 5; c++) if ((s & (1 << (c - 1))) != 0) sizes[c] = 1;
      sizes[0] = k - size;
      int points = 1;
      if (size == k) {
        for (int j = 0; j < k; j++) points *= k - j; // k! labelled isolated points
      }
      out.add(new Component(new Partition(sizes), size == k ? points : 1, size == k));
    }
    return out;
  }

  /**
   * A class of components: its representative partition, how many labelled components it stands for (K!
   * isolated points when |S| = K, else 1) and whether those are isolated points.
   */
  public record Component(Partition representative, int points, boolean isolated) {}

  /**
   * Classes of the neurons of u: 1..4 by the sign of the larger of |m^μ|, |m^ν| if it exceeds 1e-3,
   * else 0 (I_0).
   */
  public static int[] classify(double[] u, int k) {
    int[] c = new int[k];
    for (int i = 0; i < k; i++) {
      double mm = u[k + i], mn = u[2 * k + i];
      if (Math.max(Math.abs(mm), Math.abs(mn)) < ACTIVE) continue;
      c[i] = Math.abs(mm) >= Math.abs(mn) ? (mm > 0 ? 1 : 2) : (mn > 0 ? 3 : 4);
    }
    return c;
  }

  /** Occupied classes of u as a bit set (bit c-1 for class c). */
  public static int occupied(double[] u, int k) {
    int s = 0;
    for (int c : classify(u, k)) if (c > 0) s |= 1 << (c - 1);
    return s;
  }

  /**
   * Stability of a component by the λ = ∞ flow: from {@code trials} perturbations of its representative
   * (every v and m moved by ±ε uniformly at random, R⊥ = ε I), solve {@link XorInfinite} to T and compare the
   * occupied classes. Stable if every trial keeps the representative's set (spare neurons may join occupied
   * classes: the component is neutral along itself), unstable if some trial recruits a missing class or
   * loses one. Trial j uses {@code RandomStreams.stream(seed, j)}.
   */
  public static boolean stable(XorGmm model, Partition p, double eps, double horizon, int trials, long seed) {
    requireInfinite(model);
    Check.positiveFinite("eps", eps);
    Check.positiveFinite("T", horizon);
    int k = model.hiddenUnits();
    double[] fp = fixedPoint(model, p);
    int target = p.occupied();
    StateLayout.Block rp = model.layout().block("Rperp");
    Ensemble.Result r = new Ensemble(trials, seed, 1).run((j, rng) -> {
      double[] u = fp.clone();
      for (int i = 0; i < 3 * k; i++) u[i] += eps * (2 * rng.nextDouble() - 1);
      for (int i = 0; i < k; i++) u[rp.index(i, i)] = eps;
      return solveInfinite(model, u, horizon);
    }, null);
    if (r.failures() > 0) throw r.outcomes().stream().filter(o -> !o.ok()).findFirst().get().failure();
    for (Trajectory t : r.trajectories()) if (occupied(t.finalState(), k) != target) return false;
    return true;
  }

  /** Solves the exact λ = ∞ flow from u0 to T (Dormand–Prince 8(5,3), rtol 1e-9, atol 1e-12), two samples. */
  static Trajectory solveInfinite(XorGmm model, double[] u0, double horizon) {
    return OdeSolver.defaults().solve(model.limit(Regime.BALLISTIC), u0, TimeGrid.of(horizon, 2));
  }

  private static void requireInfinite(XorGmm model) {
    if (!Double.isInfinite(model.lambda())) {
      throw new IllegalArgumentException("lambda: fixed points and basins here are for lambda = .inf, got " + model.lambda());
    }
  }

  /**
   * The fixed-point report for width K at this β: L_β, the component counts (closed form and brute force),
   * and each component class with its stability by the flow ({@link #stable}, 6 trials, ε = 1e-3, T = 300).
   */
  public static FixedPointReport report(XorGmm model) {
    requireInfinite(model);
    int k = model.hiddenUnits();
    Counts closed = componentCount(k);
    Counts brute = k <= 7 ? componentCountBruteForce(k) : null;
    List<FixedPointReport.Row> rows = new ArrayList<>();
    int stableCount = 0;
    for (Component c : components(k)) {
      boolean s = model.lbeta() > 0 || c.representative().occupied() == 0
          ? stable(model, c.representative(), 1e-3, 300, 6, 11)
          : false;
      rows.add(new FixedPointReport.Row(c.representative(), c.points(), c.isolated(), s));
      if (s) stableCount += c.points();
    }
    return new FixedPointReport(k, model.beta(), model.lbeta(), closed, brute, rows, stableCount);
  }

  /** A Monte Carlo estimate of a basin probability with its 95% Wilson interval. */
  public record BasinEstimate(int k, int samples, int hits, int failures, double p, double low, double high,
      double formula) {}

  /**
   * P(the λ = ∞ flow from the initial law ends covering all four classes), by Monte Carlo: sample j draws
   * u(0) from {@link XorGmm#initialLaw} (v ~ N(0, I), orthant signed zeros, R⊥ = I) with
   * {@code RandomStreams.stream(seed, j)} and solves {@link XorInfinite} to T; results do not depend on
   * threads. Against {@link #pK}. 95% Wilson score interval.
   */
  public static BasinEstimate basinProbability(XorGmm model, int samples, double horizon, long seed, int threads) {
    requireInfinite(model);
    int k = model.hiddenUnits();
    var law = model.initialLaw(Regime.BALLISTIC);
    return estimate(k, samples, seed, threads, horizon, model, (rng, u) -> law.sample(rng, u));
  }

  /**
   * The finite-λ effect on the basin probability (docs/xor.md): the same Monte Carlo through the soft
   * drift at finite λ, with
   * v(0) ~ N(0, I), m_i^ϑ(0) = ±m0 (fair signs) and R⊥(0) = I. For m0 √λ large the orthant locks and the
   * estimate approaches p_K; for small m0 √λ late neurons can be recruited into empty classes and it
   * exceeds p_K (a separate Monte Carlo of the soft ODE gave 0.110 for K = 4, m0 = 1e-3, λ = 1e4,
   * against p_4 = 3/32 = 0.094).
   */
  public static BasinEstimate basinProbabilitySoft(XorGmm model, double m0, int samples, double horizon, long seed,
      int threads) {
    if (Double.isInfinite(model.lambda())) throw new IllegalArgumentException("lambda: the soft drift needs a finite lambda");
    Check.positiveFinite("m0", m0);
    int k = model.hiddenUnits();
    StateLayout.Block rp = model.layout().block("Rperp");
    return estimate(k, samples, seed, threads, horizon, model.soft(), (rng, u) -> {
      var g = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
      for (int i = 0; i < k; i++) u[i] = g.sample();
      for (int i = k; i < 3 * k; i++) u[i] = rng.nextBoolean() ? m0 : -m0;
      for (int i = 0; i < k; i++) u[rp.index(i, i)] = 1;
    });
  }

  private interface Start {
    void draw(UniformRandomProvider rng, double[] u);
  }

  private static BasinEstimate estimate(int k, int samples, long seed, int threads, double horizon, XorGmm model,
      Start start) {
    Check.atLeast("samples", samples, 1);
    Check.positiveFinite("T", horizon);
    int n = model.layout().size();
    Ensemble.Result r = new Ensemble(samples, seed, threads).run((j, rng) -> {
      double[] u = new double[n];
      start.draw(rng, u);
      return OdeSolver.defaults().solve(model.limit(Regime.BALLISTIC), u, TimeGrid.of(horizon, 2));
    }, null);
    int hits = 0;
    for (Trajectory t : r.trajectories()) if (occupied(t.finalState(), k) == 15) hits++;
    int m = r.trajectories().size();
    double z = 1.959963984540054;
    double ph = m == 0 ? Double.NaN : (double) hits / m;
    double den = 1 + z * z / m;
    double centre = (ph + z * z / (2.0 * m)) / den;
    double half = z / den * Math.sqrt(ph * (1 - ph) / m + z * z / (4.0 * m * m));
    return new BasinEstimate(k, m, hits, r.failures(), ph, centre - half, centre + half, pK(k));
  }
}
