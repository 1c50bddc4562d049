package org.effdyn.core;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The skeleton every online-SGD simulator shares, so that a model's simulator holds only its step,
 * its statistics and its initialization: the layout, the dimension d (checked against the model's
 * minimum), the time per step (δ = c_δ/d or 1/d), the path's generator with its ziggurat N(0, 1)
 * sampler, and {@link #initialize} as "draw x_0, then plant" ({@link #drawStart}, {@link #plant}).
 * The helpers are the pieces several simulators repeated: Gaussian fills, the class draw of a
 * mixture, partial dot products, planting through a Cholesky factor, and the planting errors.
 *
 * <p>Everything here is a plain field read or a loop in index order, so a simulator built on it draws
 * the same random numbers in the same order and does the same floating-point operations as before;
 * nothing on the step path allocates.
 */
public abstract class AbstractSgdSimulator implements SgdSimulator {
  private final StateLayout layout;
  /** The ambient dimension d (N), at least the model's minimum. */
  protected final int d;
  private final double timePerStep;
  /** The generator of the current path (set by {@link #initialize}). */
  protected UniformRandomProvider rng;
  /** N(0, 1) draws from {@link #rng} (ziggurat: allocation-free). */
  protected ZigguratSampler.NormalizedGaussian gauss;

  /**
   * @param layout      the statistics' layout (that of the model's limit)
   * @param d           the dimension, checked as {@code d >= minD} (error names {@code d})
   * @param minD        the model's smallest dimension
   * @param timePerStep rescaled time per step, e.g. {@link #bgjStep}(c_δ, d) or 1.0/d
   */
  protected AbstractSgdSimulator(StateLayout layout, int d, int minD, double timePerStep) {
    this.d = Check.atLeast("d", d, minD);
    this.layout = layout;
    this.timePerStep = timePerStep;
  }

  /** δ = c_δ/d: the step of the BGJ time convention (τ = steps · δ). */
  protected static double bgjStep(double cDelta, int d) {
    return cDelta / d;
  }

  /** The noise scale 1/√λ of Y = μ + Z, Z ~ N(0, I_d/λ); 0 at λ = ∞. */
  protected static double noiseScale(double lambda) {
    return Double.isInfinite(lambda) ? 0 : 1 / Math.sqrt(lambda);
  }

  @Override
  public final StateLayout layout() {
    return layout;
  }

  @Override
  public final int dimension() {
    return d;
  }

  @Override
  public final double timePerStep() {
    return timePerStep;
  }

  /** Takes rng for the path ({@link #attach}), draws x_0 ({@link #drawStart}), then {@link #plant}s. */
  @Override
  public void initialize(UniformRandomProvider rng, Map<String, Double> planted) {
    attach(rng);
    drawStart();
    plant(planted);
  }

  /** Makes rng the path's generator and builds its N(0, 1) sampler (draws nothing). */
  protected final void attach(UniformRandomProvider rng) {
    this.rng = rng;
    this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
  }

  /** Draws x_0 from the model's initialization with {@link #gauss} (and {@link #rng}). */
  protected abstract void drawStart();

  /**
   * Sets the planted statistics after {@link #drawStart} (called with an empty map too, so it is also
   * where state derived from x_0 is completed).
   *
   * @throws IllegalArgumentException for a name the simulator cannot plant (see {@link #notPlantable})
   */
  protected abstract void plant(Map<String, Double> planted);

  /** A planted value, required finite; the error names {@code init.<name>}. */
  protected static double plantedValue(String name, Double value) {
    return Check.finite("init." + name, value);
  }

  /** The error for a statistic this simulator cannot plant. */
  protected static IllegalArgumentException notPlantable(String simulator, String name, String plantable) {
    return new IllegalArgumentException("init." + name + ": the " + simulator + " simulator can plant " + plantable
        + ", not '" + name + "'");
  }

  /** The current statistics in a fresh buffer (for planting: overwrite entries, then solve back). */
  protected final double[] currentStatistics() {
    double[] u = new double[layout.size()];
    statistics(u);
    return u;
  }

  /** v_j ← scale · g_j, g_j ~ N(0, 1), in index order. */
  protected final void fillGaussian(double[] v, double scale) {
    for (int j = 0; j < v.length; j++) v[j] = scale * gauss.sample();
  }

  /** v_j ← g_j ~ N(0, 1), in index order. */
  protected final void fillGaussian(double[] v) {
    for (int j = 0; j < v.length; j++) v[j] = gauss.sample();
  }

  /** Cumulative class probabilities, the last set to exactly 1 (for {@link #drawClass}). */
  protected static double[] cumulative(double[] probs) {
    int k = probs.length;
    double[] cum = new double[k];
    double acc = 0;
    for (int a = 0; a < k; a++) cum[a] = acc += probs[a];
    cum[k - 1] = 1.0;
    return cum;
  }

  /** A class c ~ p by inversion of one uniform from {@link #rng}, cum from {@link #cumulative}. */
  protected final int drawClass(double[] cum) {
    double r = rng.nextDouble();
    int c = 0;
    int last = cum.length - 1;
    while (r >= cum[c] && c < last) c++;
    return c;
  }

  /** Σ_{from ≤ j &lt; to} a_j b_j, in index order. */
  protected static double dot(double[] a, double[] b, int from, int to) {
    double s = 0;
    for (int j = from; j < to; j++) s += a[j] * b[j];
    return s;
  }

  /**
   * Solves L x[0..q) = m[0..q) by forward substitution, L lower triangular (q × q): how a simulator
   * whose means or anchors are ν_b = Σ_j L_bj e_j plants the overlaps m_b = x·ν_b.
   */
  protected static void forwardSubstitution(double[][] lower, double[] m, double[] x) {
    for (int j = 0; j < m.length; j++) {
      double v = m[j];
      for (int i = 0; i < j; i++) v -= lower[j][i] * x[i];
      x[j] = v / lower[j][j];
    }
  }
}
