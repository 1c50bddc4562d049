package org.effdyn.model.lazy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;
import org.effdyn.model.common.Activation;

/**
 * The two-layer network of Boix-Adsera, Littwin 2023 (arXiv:2305.13141, §2, eq. (6)): width m,
 * n training points x_i ~ N(0, I_d),
 * \[ f_w(x) = m^{-1/2} \sum_j a_j σ(\sqrt m \langle u_j, x\rangle), \quad h(w) = n^{-1/2}(f_w(x_i))_i,
 *    \quad y^* = n^{-1/2}(y_i)_i, \]
 * so R(αh) = (1/2n) Σ_i (α f_w(x_i) − y_i)². Initialisation: a, U i.i.d. Unif[−m^{-1/2}, m^{-1/2}].
 * Randomness: inputs from {@code RandomStreams.stream(dataSeed, 0)}, weights from stream 1, random
 * labels from stream 2.
 *
 * @param n               training points, &gt;= 1
 * @param d               input dimension, &gt;= 1
 * @param m               width, &gt;= 1 (with {@code symmetric} centring the network has 2m neurons)
 * @param activation      tanh (default) or sigmoid: C² with bounded σ', σ'' (no ReLU: the theory needs C²)
 * @param parametrization mean-field (the printed model) or proof-variant (prefactor m^{-1}, the model whose
 *                        derivatives the proof of Lemma C.1 takes; see {@link TwoLayerNet})
 * @param centering       subtract (default: train α(h − h(w0)), R0 = |y*|²/2 independent of α),
 *                        none (the literal setting: target y* − αh(w0); see {@link Centering}), or symmetric
 *                        (2m neurons, neuron j+m starts at (−a_j, u_j), so h(w0) = 0; init scale and
 *                        prefactors use the width 2m)
 * @param alpha           scale α &gt; 0 (α = √m is the NTK parametrisation)
 * @param dataSeed        seed of inputs, labels and initial weights
 * @param target          teacher y = tanh(2x_1) + x_2 x_3/2 (coordinates beyond d read as 0) or
 *                        random labels ±1
 * @param flow            which flows the card integrates
 */
public record LazyTwoLayer(int n, int d, int m, Activation activation, Parametrization parametrization,
    Centering centering, double alpha, long dataSeed, Target target, Flow flow) implements LazyModel {

  /** The activations of this model: tanh and sigmoid (C² with bounded σ', σ''; card {@code params.activation}). */
  public static final Set<Activation> ACTIVATIONS = Set.of(Activation.TANH, Activation.SIGMOID);

  /** Prefactor of f: m^{-1/2} (mean-field, printed) or m^{-1} (the proof's variant). */
  public enum Parametrization {
    MEAN_FIELD, PROOF_VARIANT;

    String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * How h(w0) ≠ 0 is handled. The paper states its theorems with R0 = R(αh(w0)) and does not centre the
   * network of its §2: with h(w0) ≠ 0, R0 ≈ α²|h(w0)|²/2 grows with α, κ tends to T L |h(w0)|/√2 instead
   * of 0, and no lazy limit exists. Centring (or a symmetric initialisation) makes R0 = |y*|²/2
   * (docs/corrections.md).
   */
  public enum Centering {
    SUBTRACT, NONE, SYMMETRIC;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Labels. */
  public enum Target {
    TEACHER, RANDOM;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LazyTwoLayer {
    Check.atLeast("n", n, 1);
    Check.atLeast("d", d, 1);
    Check.atLeast("m", m, 1);
    if (activation == null) activation = Activation.TANH;
    if (!ACTIVATIONS.contains(activation)) {
      throw new IllegalArgumentException("activation must be tanh or sigmoid (C² with bounded σ', σ''), got " + activation.key());
    }
    if (parametrization == null) parametrization = Parametrization.MEAN_FIELD;
    if (centering == null) centering = Centering.SUBTRACT;
    if (target == null) target = Target.TEACHER;
    if (flow == null) flow = Flow.ALL;
    Check.positiveFinite("alpha", alpha);
  }

  /** The defaults: n = 20, d = 3, m = 40, tanh, mean-field, centred, teacher, data seed 0. */
  public static LazyTwoLayer defaults(double alpha) {
    return new LazyTwoLayer(20, 3, 40, Activation.TANH, Parametrization.MEAN_FIELD, Centering.SUBTRACT, alpha,
        0L, Target.TEACHER, Flow.ALL);
  }

  @Override
  public LazyTwoLayer withAlpha(double v) {
    return new LazyTwoLayer(n, d, m, activation, parametrization, centering, v, dataSeed, target, flow);
  }

  public LazyTwoLayer withFlow(Flow f) {
    return new LazyTwoLayer(n, d, m, activation, parametrization, centering, alpha, dataSeed, target, f);
  }

  public LazyTwoLayer withCentering(Centering c) {
    return new LazyTwoLayer(n, d, m, activation, parametrization, c, alpha, dataSeed, target, flow);
  }

  /** Number of neurons: m, or 2m with symmetric centring. */
  public int width() {
    return centering == Centering.SYMMETRIC ? 2 * m : m;
  }

  /** Inputs x_i (n × d). */
  public double[][] inputs() {
    UniformRandomProvider rng = RandomStreams.stream(dataSeed, 0);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) x[i][k] = g.sample();
    return x;
  }

  /** Labels y_i (before the n^{-1/2}). */
  public double[] labels() {
    double[][] x = inputs();
    double[] y = new double[n];
    UniformRandomProvider rng = RandomStreams.stream(dataSeed, 2);
    for (int i = 0; i < n; i++) {
      if (target == Target.TEACHER) {
        double x2 = d >= 2 ? x[i][1] : 0;
        double x3 = d >= 3 ? x[i][2] : 0;
        y[i] = Math.tanh(2 * x[i][0]) + 0.5 * x2 * x3;
      } else {
        y[i] = rng.nextBoolean() ? 1.0 : -1.0;
      }
    }
    return y;
  }

  /** The network as a differentiable model (weights drawn from stream 1). */
  TwoLayerNet net() {
    int width = width();
    double s = 1 / Math.sqrt(width);
    UniformRandomProvider rng = RandomStreams.stream(dataSeed, 1);
    double[] a0 = new double[width];
    double[][] u0 = new double[width][d];
    for (int j = 0; j < m; j++) {
      a0[j] = -s + 2 * s * rng.nextDouble();
      for (int k = 0; k < d; k++) u0[j][k] = -s + 2 * s * rng.nextDouble();
    }
    if (centering == Centering.SYMMETRIC) {
      for (int j = 0; j < m; j++) {
        a0[j + m] = -a0[j];
        u0[j + m] = u0[j].clone();
      }
    }
    double c = parametrization == Parametrization.MEAN_FIELD ? 1 / Math.sqrt(width) : 1.0 / width;
    return new TwoLayerNet(inputs(), a0, u0, c, activation);
  }

  /** The network of this card as a {@link DifferentiableModel}. */
  public DifferentiableModel differentiableModel() {
    return net();
  }

  /** h(w0) of the uncentred network (zero with symmetric centring up to rounding). */
  public double[] outputsAtInit() {
    return net().outputsAtInit();
  }

  @Override
  public LazyProblem problem() {
    TwoLayerNet net = net();
    double[] y = labels();
    double sn = Math.sqrt(n);
    double[] ys = new double[n];
    double[] h0 = centering == Centering.NONE ? net.outputsAtInit() : new double[n];
    for (int i = 0; i < n; i++) ys[i] = y[i] / sn - alpha * h0[i];
    return new LazyProblem(net, ys, alpha);
  }

  @Override
  public String name() {
    return "lazy-twolayer";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("n", n);
    p.put("d", d);
    p.put("m", m);
    p.put("activation", activation.key());
    p.put("parametrization", parametrization.key());
    p.put("centering", centering.key());
    p.put("alpha", alpha);
    p.put("data_seed", dataSeed);
    p.put("target", target.key());
    p.put("flow", flow.key());
    return p;
  }

}
