package org.effdyn.model.singleindex;

import java.util.Map;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.Regime;

/**
 * Spherical online SGD (docs/singleindex.md; Def. 11.1 of Jagannath's 2024 lecture notes), exactly:
 * \[ \tilde X = X - \tfrac{\delta}{N}\big(\nabla L - \langle\nabla L, X\rangle X\big), \qquad X \leftarrow \tilde X/|\tilde X|, \]
 * one fresh sample per step, O(N) per step, θ = e_1 (the laws are rotation invariant, so m = X_1).
 * Every per-sample gradient has the form ∇L = s·Y + b·e_1 + c·X (c drops out in the projection):
 * <ul>
 *   <li>pca: Y ~ N(0, I + λ e_1e_1ᵀ), s = -2⟨Y, X⟩;
 *   <li>gmm: Y = ε e_1 + Z, s = -tanh(⟨Y, X⟩ + h);
 *   <li>glm: Y = a ~ N(0, I), y = f(a_1) + √C_ε ξ, s = -2(y - g(⟨a, X⟩)) g′(⟨a, X⟩);
 *   <li>tensor: ∇L = -kλ m^{k-1} e_1 - ξ_W with ξ_W ~ N(0, kI + k(k-1)XXᵀ) drawn as √k Y + (X-part),
 *       Y ~ N(0, I), so s = -√k, b = -kλ m^{k-1} (as in the unconstrained
 *       {@code PcaSimulator} of the pca package).
 * </ul>
 * Time per step 1/N. Initialization X_0 ~ Unif(S^{N-1}); plantable: {@code m} or
 * {@code mtilde} = √N m (sets X_1 and rescales the rest to keep |X| = 1). step() allocates nothing.
 */
public final class SingleIndexSimulator extends AbstractSgdSimulator {
  private final SingleIndex model;
  private final double eta; // δ/N
  private final Regime regime;
  private final double[] x;
  private final double[] y;
  private final double sqrtSpike;
  private final double pPlus;
  private final double noiseSd;
  private final double sqrtOrder;

  /** Time per step 1/N: t = steps/N (the single-index convention). */
  public SingleIndexSimulator(SingleIndex model, int n, Regime regime) {
    super(regime == Regime.BALLISTIC ? SingleIndex.BALLISTIC : SingleIndex.DIFFUSIVE, n, 2, 1.0 / n);
    this.model = model;
    this.eta = model.delta() / n;
    this.regime = regime;
    this.x = new double[n];
    this.y = new double[n];
    this.sqrtSpike = Math.sqrt(1 + model.lambda());
    this.pPlus = Math.exp(model.h()) / (Math.exp(model.h()) + Math.exp(-model.h()));
    this.noiseSd = Math.sqrt(model.cEps());
    this.sqrtOrder = Math.sqrt(model.order());
  }

  @Override
  protected void drawStart() {
    fillGaussian(x);
    normalize();
  }

  @Override
  protected void plant(Map<String, Double> planted) {
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      double val = plantedValue(e.getKey(), e.getValue());
      switch (e.getKey()) {
        case "m" -> plant(val, "init.m");
        case "mtilde" -> plant(val / Math.sqrt(d), "init.mtilde");
        default -> throw notPlantable("single-index", e.getKey(), "m or mtilde");
      }
    }
  }

  private void plant(double m, String field) {
    if (!(Math.abs(m) <= 1)) throw new IllegalArgumentException(field + " must give |m| <= 1, got m = " + m);
    double perp = dot(x, x, 1, d);
    double f = Math.sqrt((1 - m * m) / perp);
    for (int i = 1; i < d; i++) x[i] *= f;
    x[0] = m;
  }

  private void normalize() {
    double f = 1 / Math.sqrt(dot(x, x, 0, d));
    for (int i = 0; i < d; i++) x[i] *= f;
  }

  @Override
  public void step() {
    double yx = 0;
    double s;
    double b = 0;
    switch (model.kind()) {
      case PCA -> {
        for (int i = 0; i < d; i++) {
          double v = gauss.sample();
          y[i] = v;
          yx += v * x[i];
        }
        double y0 = y[0] * sqrtSpike;
        yx += (y0 - y[0]) * x[0];
        y[0] = y0;
        s = -2 * yx;
      }
      case GMM -> {
        for (int i = 0; i < d; i++) {
          double v = gauss.sample();
          y[i] = v;
          yx += v * x[i];
        }
        double eps = rng.nextDouble() < pPlus ? 1.0 : -1.0;
        y[0] += eps;
        yx += eps * x[0];
        s = -Math.tanh(yx + model.h());
      }
      case GLM -> {
        for (int i = 0; i < d; i++) {
          double v = gauss.sample();
          y[i] = v;
          yx += v * x[i];
        }
        double label = model.f().value(y[0]) + noiseSd * gauss.sample();
        s = -2 * (label - model.g().value(yx)) * model.g().derivative(yx);
      }
      case TENSOR -> {
        for (int i = 0; i < d; i++) {
          double v = gauss.sample();
          y[i] = v;
          yx += v * x[i];
        }
        int k = model.order();
        s = -sqrtOrder;
        b = -k * model.lambda() * Math.pow(x[0], k - 1);
      }
      default -> throw new IllegalStateException();
    }
    // G = sY + b e1 - <sY + b e1, X> X;  X~ = X - eta G;  X = X~/|X~|
    double gx = s * yx + b * x[0];
    double a = 1 + eta * gx;
    double c = eta * s;
    double norm2 = 0;
    for (int i = 0; i < d; i++) {
      double xi = a * x[i] - c * y[i];
      x[i] = xi;
      norm2 += xi * xi;
    }
    double x0 = x[0] - eta * b;
    norm2 += x0 * x0 - x[0] * x[0];
    x[0] = x0;
    double f = 1 / Math.sqrt(norm2);
    for (int i = 0; i < d; i++) x[i] *= f;
  }

  @Override
  public void statistics(double[] out) {
    out[0] = regime == Regime.BALLISTIC ? x[0] : Math.sqrt(d) * x[0];
  }

  /** The iterate (a copy), for tests. */
  double[] position() {
    return x.clone();
  }
}
