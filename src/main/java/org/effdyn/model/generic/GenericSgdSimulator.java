package org.effdyn.model.generic;

import java.util.Map;
import org.effdyn.core.AbstractSgdSimulator;
import org.effdyn.core.StateLayout;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Online SGD in dimension d for any {@link MultiIndexLoss} on an {@link AnchoredMixture}, exactly
 * the law of docs/generic.md: draw a class c ~ p, Y = μ_c + Z with Z ~ N(0, I_d/λ) (Z = 0 at λ = ∞),
 * t_b = ⟨ν_b, Y⟩, label noise ζ ~ N(0, I_{n_ζ}) and y = y(c, t, ζ); then, with s_a = ⟨x^a, Y⟩,
 * (g, γ) = ∇ℓ(s, y; θ) at the current parameters,
 * \[ x^a \leftarrow (1 - \delta\beta)\,x^a - \delta\,g_a Y,\quad \delta = c_\delta/d;\qquad
 *    \theta \leftarrow (1 - \delta_\theta\beta_\theta)\,\theta - \delta_\theta\,\gamma,\quad \delta_\theta = c_\theta/d. \]
 * The gradient is the loss's {@link MultiIndexLoss#gradient} (its hand-written fast path when it has one,
 * else forward-mode AD, which allocates).
 *
 * <p><b>Basis.</b> The anchors are ν_b = Σ_{j&lt;q} L_bj e_j with N̄ = L Lᵀ (Cholesky), so they span the
 * first q coordinates and the projector P off their span keeps coordinates j ≥ q. The statistics of
 * {@link StatisticsLayout}, in its order (the layout of the engine's limit), are
 * m_ab = Σ_{j≤b} x^a_j L_bj, R⊥_ab = Σ_{j≥q} x^a_j x^b_j and θ. A step costs d ziggurat draws and
 * about 2pd multiply-adds (O(d·p); the anchor projections t cost q²/2) and allocates nothing when the
 * loss's gradient and the label model do not.
 *
 * <p><b>Time.</b> {@link #timePerStep()} is δ in the BGJ convention (τ = steps·δ) and 1/d in the
 * teacher–student convention (t = steps/d), matching the limit's time factor κ.
 *
 * <p><b>Initialization</b> ({@link GenericStart}): x^a ~ N(0, σ_w² I_d/d) i.i.d.; then m(0), R⊥(0) and
 * θ(0), where given or planted, are set exactly: the span coordinates solve L x^a_par = m_a, and the
 * orthogonal coordinates are mapped by T = S L_c⁻¹ (L_c the Cholesky factor of the drawn R⊥, S a square
 * root of the target), which keeps them random in direction and gives R⊥ = S Sᵀ exactly.
 *
 * <p>Not thread-safe: one instance per path.
 */
public final class GenericSgdSimulator extends AbstractSgdSimulator {
  private final AnchoredMixture law;
  private final MultiIndexLoss loss;
  private final GenericOptions options;
  private final GenericStart start;
  private final LabelModel labels;
  private final StatisticsLayout stats;
  private final int p;
  private final int q;
  private final int k0;
  private final double[] cumP;
  private final double[][] chol;      // lower triangular, nbar = chol chol^T
  private final double[][] meanCoord; // mu_c in the first q coordinates
  private final double noise;         // 1/sqrt(lambda), 0 at lambda = inf
  private final double delta;
  private final double shrink;        // 1 - delta beta
  private final double deltaTheta;
  private final double shrinkTheta;   // 1 - delta_theta beta_theta
  private final double[][] x;
  private final double[] theta;
  private final double[] y;
  private final double[] s;
  private final double[] t;
  private final double[] zeta;
  private final double[] label;
  private final double[] gs;
  private final double[] gtheta;

  /**
   * @param d the dimension, at least q + p (the orthogonal part must hold p independent directions)
   * @throws IllegalArgumentException if the loss, the labels and the start do not fit together
   */
  public GenericSgdSimulator(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options, GenericStart start, int d) {
    this(law, loss, options, start, d, checkedLayout(law, loss, options, start));
  }

  private GenericSgdSimulator(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options, GenericStart start, int d,
      StatisticsLayout stats) {
    super(stats.layout(), d, law.anchorCount() + loss.p(),
        options.time() == GenericOptions.TimeConvention.BGJ ? bgjStep(options.cDelta(), d) : 1.0 / d);
    this.law = law;
    this.loss = loss;
    this.options = options;
    this.labels = law.labels();
    this.p = loss.p();
    this.q = law.anchorCount();
    this.k0 = loss.k0();
    this.start = start;
    this.stats = stats;
    int classes = law.classCount();
    this.cumP = cumulative(law.probs());
    this.chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(law.nbar())).getL().getData();
    double[][] a = law.means();
    this.meanCoord = new double[classes][q];
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int b = j; b < q; b++) v += a[c][b] * chol[b][j];
        meanCoord[c][j] = v;
      }
    }
    this.noise = noiseScale(law.lambda());
    this.delta = bgjStep(options.cDelta(), d);
    this.shrink = 1 - delta * options.beta();
    this.deltaTheta = options.cTheta() / d;
    this.shrinkTheta = 1 - deltaTheta * options.betaTheta();
    this.x = new double[p][d];
    this.theta = new double[k0];
    this.y = new double[d];
    this.s = new double[p];
    this.t = new double[q];
    this.zeta = new double[labels.noiseDimension()];
    this.label = new double[labels.dimension()];
    this.gs = new double[p];
    this.gtheta = new double[k0];
  }

  /** Checks that law, loss, options and start fit together (before the dimension), and builds the layout. */
  private static StatisticsLayout checkedLayout(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options,
      GenericStart start) {
    java.util.Objects.requireNonNull(law, "law");
    java.util.Objects.requireNonNull(loss, "loss");
    java.util.Objects.requireNonNull(options, "options");
    LabelModel labels = law.labels();
    int p = loss.p();
    int q = law.anchorCount();
    int k0 = loss.k0();
    java.util.Objects.requireNonNull(start, "start").check(p, q, k0);
    if (labels.dimension() != loss.labelDimension()) {
      throw new IllegalArgumentException("labels have dimension " + labels.dimension() + " but the loss " + loss
          + " reads labels of dimension " + loss.labelDimension());
    }
    return StatisticsLayout.of(p, q, k0);
  }

  /** The statistics' index map (m, R⊥, θ). */
  public StatisticsLayout statisticsLayout() {
    return stats;
  }

  /** x_0 ~ N(0, σ_w² I_d/d) and θ(0) from the start. */
  @Override
  protected void drawStart() {
    double sd = start.sigmaW() / Math.sqrt(d);
    for (double[] xa : x) fillGaussian(xa, sd);
    double[] th = start.theta();
    if (k0 > 0) System.arraycopy(th, 0, theta, 0, k0);
  }

  /**
   * Sets the start's m(0), R⊥(0) and the planted statistics ({@code m[a,b]}, {@code Rperp[a,b]},
   * {@code theta[j]}; planted values override the start's) exactly. A planted R⊥ must stay positive
   * semi-definite.
   */
  @Override
  protected void plant(Map<String, Double> planted) {
    double[] u = currentStatistics();
    double[][] m = start.m();
    double[][] rp = start.rperp();
    if (m != null) for (int a = 0; a < p; a++) for (int b = 0; b < q; b++) u[stats.m(a, b)] = m[a][b];
    if (rp != null) for (int a = 0; a < p; a++) for (int b = a; b < p; b++) u[stats.rperp(a, b)] = rp[a][b];
    boolean plantR = rp != null;
    StateLayout layout = stats.layout();
    for (Map.Entry<String, Double> e : planted.entrySet()) {
      String name = e.getKey();
      if (!layout.contains(name)) {
        throw new IllegalArgumentException("init." + name + ": unknown statistic of the generic model; known: " + layout.names());
      }
      u[layout.indexOf(name)] = plantedValue(name, e.getValue());
      plantR |= name.startsWith("Rperp[");
    }
    // span part: m_a = L x^a_par
    double[] ma = new double[q];
    for (int a = 0; a < p; a++) {
      for (int j = 0; j < q; j++) ma[j] = u[stats.m(a, j)];
      forwardSubstitution(chol, ma, x[a]);
    }
    for (int j = 0; j < k0; j++) theta[j] = u[stats.theta(j)];
    if (plantR) plantRperp(u);
  }

  /** Maps the orthogonal coordinates by T = S L_c⁻¹ so that R⊥ becomes the target held in u. */
  private void plantRperp(double[] u) {
    double[][] target = new double[p][p];
    stats.rperp(u, target);
    GenericStart.checkPsd("init.Rperp", target);
    double[][] cur = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = a; b < p; b++) {
        double v = 0;
        for (int j = q; j < d; j++) v += x[a][j] * x[b][j];
        cur[a][b] = cur[b][a] = v;
      }
    }
    RealMatrix lc = new CholeskyDecomposition(MatrixUtils.createRealMatrix(cur), 1e-14, 1e-14).getL();
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(target));
    RealMatrix v = MatrixUtils.createRealMatrix(p, p);
    double[] ev = eig.getEigenvalues();
    for (int k = 0; k < p; k++) v.setColumnVector(k, eig.getEigenvector(k).mapMultiply(Math.sqrt(Math.max(ev[k], 0))));
    double[][] tr = v.multiply(MatrixUtils.inverse(lc)).getData(); // S L_c^{-1}, S S^T = target
    double[] col = new double[p];
    for (int j = q; j < d; j++) {
      for (int a = 0; a < p; a++) {
        double w = 0;
        for (int b = 0; b < p; b++) w += tr[a][b] * x[b][j];
        col[a] = w;
      }
      for (int a = 0; a < p; a++) x[a][j] = col[a];
    }
  }

  @Override
  public void step() {
    // class c ~ p by inversion of one uniform
    int c = drawClass(cumP);
    java.util.Arrays.fill(s, 0.0);
    double[] mu = meanCoord[c];
    for (int j = 0; j < d; j++) {
      double yj = noise == 0 ? 0 : noise * gauss.sample();
      if (j < q) yj += mu[j];
      y[j] = yj;
      for (int a = 0; a < p; a++) s[a] += x[a][j] * yj;
    }
    for (int b = 0; b < q; b++) {
      double v = 0;
      for (int j = 0; j <= b; j++) v += chol[b][j] * y[j];
      t[b] = v;
    }
    for (int i = 0; i < zeta.length; i++) zeta[i] = gauss.sample();
    labels.label(c, t, zeta, label);
    loss.gradient(s, label, theta, gs, gtheta);
    for (int a = 0; a < p; a++) {
      double coef = delta * gs[a];
      double[] xa = x[a];
      for (int j = 0; j < d; j++) xa[j] = shrink * xa[j] - coef * y[j];
    }
    for (int j = 0; j < k0; j++) theta[j] = shrinkTheta * theta[j] - deltaTheta * gtheta[j];
  }

  @Override
  public void statistics(double[] out) {
    for (int a = 0; a < p; a++) {
      double[] xa = x[a];
      for (int b = 0; b < q; b++) out[stats.m(a, b)] = dot(xa, chol[b], 0, b + 1);
      for (int b = a; b < p; b++) out[stats.rperp(a, b)] = dot(xa, x[b], q, d);
    }
    for (int j = 0; j < k0; j++) out[stats.theta(j)] = theta[j];
  }

  /** Copies the current parameters into x (p × d) and theta (length k0). */
  public void exportParameters(double[][] xOut, double[] thetaOut) {
    for (int a = 0; a < p; a++) System.arraycopy(x[a], 0, xOut[a], 0, d);
    System.arraycopy(theta, 0, thetaOut, 0, k0);
  }

  /**
   * Replaces the current parameters (e.g. to repeat one step from a fixed state, as
   * {@code GenericOneStepTest} does).
   */
  public void importParameters(double[][] xIn, double[] thetaIn) {
    for (int a = 0; a < p; a++) System.arraycopy(xIn[a], 0, x[a], 0, d);
    System.arraycopy(thetaIn, 0, theta, 0, k0);
  }

  /** The data law. */
  public AnchoredMixture law() {
    return law;
  }

  /** The loss. */
  public MultiIndexLoss loss() {
    return loss;
  }

  /** The SGD settings. */
  public GenericOptions options() {
    return options;
  }
}
