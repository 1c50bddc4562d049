package org.effdyn.model.generic;

import java.util.Arrays;
import java.util.Objects;
import org.effdyn.core.StateLayout;
import org.effdyn.gauss.GaussianRule;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The constants of one {@link GenericLimit}, computed once from the law, the loss and the options: the
 * dimensions, the class anchors t̄_c = N̄ μ_c, N̄⁻¹ and L_ν = chol(N̄) of the reduction, the
 * per-class labels when they read neither anchors nor noise, the label-noise Gauss–Hermite rule, the
 * factors κ and c_δ/λ of the drift, and the layout of the moment table. Immutable.
 */
final class LimitSetup {
  final AnchoredMixture law;
  final MultiIndexLoss loss;
  final GenericOptions options;
  final StatisticsLayout stats;
  final int p;
  final int q;
  final int k0;
  final int classes;
  final int ydim;
  final int[] labelAnchors;
  /** |N|: the integrated directions of the regression form, s and the label anchors. */
  final int nN;
  /** The largest integration dimension r. */
  final int rMax;
  final boolean kinked;
  final boolean finite;
  final double sqrtLambdaInv;
  /** c_δ/λ (0 at λ = ∞). */
  final double corrector;
  final double invLambda;
  final double kappa;
  final double[] probs;
  final double[][] means;
  final double[][] tbar;
  final double[][] nbar;
  final double[][] nbarInv;
  final double[][] lnu;
  /** Per-class labels when the label reads neither anchors nor noise (else null). */
  final double[][] fixedLabels;
  final double[] zetaNodes;
  final double[] zetaWeights;
  final int nZeta;
  /** Length of one moment vector: [G1 (C × p) | Gη (p × rMax) | Ggg (p × p) | Gγ (k0) | H (p × p, Stein)]. */
  final int momentSize;
  /** True for {@link GenericOptions.Form#STEIN}: E[H] is accumulated as well. */
  final boolean stein;
  /** Kinks declared by the loss ({@link HasKinks}), 0 if none. */
  final int kinkCount;

  /**
   * @throws IllegalArgumentException if the loss and the law disagree on the label dimension, or the Stein
   *     form is asked for a kinked loss or labels that read the anchors
   */
  LimitSetup(AnchoredMixture law, MultiIndexLoss loss, GenericOptions options) {
    this.law = Objects.requireNonNull(law, "law");
    this.loss = Objects.requireNonNull(loss, "loss");
    this.options = Objects.requireNonNull(options, "options");
    if (loss.labelDimension() != law.labels().dimension()) {
      throw new IllegalArgumentException("loss label dimension " + loss.labelDimension()
          + " differs from the label model's " + law.labels().dimension() + " (" + law.labels() + ")");
    }
    this.p = loss.p();
    this.q = law.anchorCount();
    this.k0 = loss.k0();
    this.stats = StatisticsLayout.of(p, q, k0);
    this.classes = law.classCount();
    this.ydim = loss.labelDimension();
    this.labelAnchors = law.labels().anchors();
    this.nN = p + labelAnchors.length;
    this.rMax = options.form() == GenericOptions.Form.DIRECT ? q + p : nN;
    this.kinked = loss instanceof HasKinks;
    this.finite = !law.noiseless();
    this.sqrtLambdaInv = finite ? 1 / Math.sqrt(law.lambda()) : 0;
    this.corrector = finite ? options.cDelta() / law.lambda() : 0;
    this.invLambda = finite ? 1 / law.lambda() : 0;
    this.kappa = options.timeFactor();
    this.probs = law.probs();
    this.means = law.means();
    this.nbar = law.nbar();
    this.nbarInv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(nbar)).getData();
    this.lnu = new CholeskyDecomposition(MatrixUtils.createRealMatrix(nbar), 1e-12, 1e-10).getL().getData();
    this.tbar = new double[classes][q];
    for (int c = 0; c < classes; c++) {
      for (int b = 0; b < q; b++) {
        double s = 0;
        for (int e = 0; e < q; e++) s += nbar[b][e] * means[c][e];
        tbar[c][b] = s;
      }
    }
    LabelModel lm = law.labels();
    this.nZeta = lm.noiseDimension();
    if (labelAnchors.length == 0 && nZeta == 0) {
      fixedLabels = new double[classes][ydim];
      for (int c = 0; c < classes; c++) lm.label(c, new double[q], new double[0], fixedLabels[c]);
    } else {
      fixedLabels = null;
    }
    if (nZeta > 0) {
      RuleNodes zd = RuleNodes.of(GaussianRule.gaussHermite(nZeta, options.labelNoisePoints()));
      zetaNodes = zd.nodes();
      zetaWeights = zd.weights();
    } else {
      zetaNodes = new double[0];
      zetaWeights = new double[] {1.0};
    }
    this.stein = options.form() == GenericOptions.Form.STEIN;
    if (stein && (kinked || labelAnchors.length > 0)) {
      throw new IllegalArgumentException("form: stein needs a smooth loss (no HasKinks) and labels that do not read the"
          + " anchors (it integrates by parts in s only); loss " + loss
          + ", label anchors " + Arrays.toString(labelAnchors)
          + ". Use regression");
    }
    this.momentSize = classes * p + p * rMax + p * p + k0 + (stein ? p * p : 0);
    this.kinkCount = kinked ? ((HasKinks) loss).kinkCount() : 0;
  }

  /**
   * True if the engine may pre-integrate along a kink ({@link KinkLines}): the loss has {@link HasKinks}, the labels
   * are fixed per class, and the quadrature is AUTO (whether the kinks share one direction depends on the state).
   */
  boolean mayPreIntegrate() {
    return kinkCount > 0 && fixedLabels != null && options.quadrature().kind() == Quadrature.Kind.AUTO;
  }

  /** "m[1,1]=0.3, ..." for error messages. */
  String describe(double[] u) {
    StringBuilder b = new StringBuilder();
    StateLayout l = stats.layout();
    for (int i = 0; i < l.size(); i++) b.append(i > 0 ? ", " : "").append(l.name(i)).append('=').append(u[i]);
    return b.toString();
  }
}
