package org.effdyn.model.generic;

import java.util.Arrays;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The data law of the generic engine, an anchored Gaussian mixture (docs/generic.md, "Data laws"):
 * \[ c \sim (p_1, \dots, p_C),\qquad Y = \mu_c + Z,\quad \mu_c = \textstyle\sum_b A_{cb}\,\nu_b,\quad
 *    Z \sim N(0, I_d/\lambda),\qquad y = y(c, t, \zeta),\quad t_b = \langle \nu_b, Y\rangle. \]
 * The anchors ν_1..ν_q (class means and/or teacher vectors) are never needed as vectors: only their
 * Gram matrix N̄_bb' = ν_b·ν_b', which must be positive definite (linearly independent anchors).
 * Teacher–student is C = 1, μ = 0, λ = 1 ({@link #teacherStudent}).
 *
 * @param nbar   N̄, q × q, symmetric positive definite (card {@code nbar}); a dependent set of means is
 *               rejected (write each mean in a basis of independent anchors via {@code means})
 * @param probs  class weights p_c &gt; 0 summing to 1 (length C)
 * @param means  A, C × q: row c holds the coefficients of μ_c in the anchors (a zero row is μ_c = 0)
 * @param lambda λ &gt; 0, the inverse noise variance; {@code Double.POSITIVE_INFINITY} means no noise
 * @param labels the label model (dimension, anchors 𝓛, label-noise dimension)
 */
public record AnchoredMixture(double[][] nbar, double[] probs, double[][] means, double lambda, LabelModel labels) {

  public AnchoredMixture {
    nbar = checkGram(nbar);
    int q = nbar.length;
    if (probs == null || probs.length == 0) {
      throw new ParameterException("probs", probs, "must list one weight per class, got none");
    }
    probs = probs.clone();
    double sum = 0;
    for (int c = 0; c < probs.length; c++) {
      if (!(probs[c] > 0 && probs[c] <= 1)) {
        throw new ParameterException("probs[" + c + "]", probs[c], "must be in (0, 1], got " + probs[c]);
      }
      sum += probs[c];
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new ParameterException("probs", probs, "must sum to 1, got " + sum + " for probs = " + Arrays.toString(probs));
    }
    if (means == null || means.length != probs.length) {
      throw new ParameterException("means", means, "must have one row per class (" + probs.length + "), got "
          + (means == null ? "null" : means.length));
    }
    double[][] a = new double[means.length][];
    for (int c = 0; c < means.length; c++) {
      if (means[c] == null || means[c].length != q) {
        throw new ParameterException("means[" + c + "]", means[c], "must have q = " + q + " entries (one per anchor), got "
            + (means[c] == null ? "null" : means[c].length));
      }
      a[c] = Check.allFinite("means[" + c + "]", means[c].clone());
    }
    means = a;
    Check.positiveOrInfinite("lambda", lambda);
    if (labels == null) throw new ParameterException("labels", null, "must be given");
    labels.validate(probs.length, q);
  }

  /**
   * A mixture labelled by its class: class c has mean Σ_b means[c][b] ν_b and label labels[c].
   */
  public static AnchoredMixture classLabelled(double[][] nbar, double[] probs, double[][] means, double lambda,
      double[][] labels) {
    return new AnchoredMixture(nbar, probs, means, lambda, LabelModel.perClass(labels));
  }

  /**
   * Teacher–student with inputs N(0, I_d): one class, μ = 0, λ = 1, anchors = teacher vectors with Gram
   * T, label from {@code labels} (e.g. {@link LabelModel#teacher}).
   */
  public static AnchoredMixture teacherStudent(double[][] teacherGram, LabelModel labels) {
    int q = teacherGram == null ? 0 : teacherGram.length;
    return new AnchoredMixture(teacherGram, new double[] {1.0}, new double[1][q], 1.0, labels);
  }

  /** q, the number of anchors. */
  public int anchorCount() {
    return nbar.length;
  }

  /** C, the number of classes. */
  public int classCount() {
    return probs.length;
  }

  /** True if λ = ∞ (no noise). */
  public boolean noiseless() {
    return Double.isInfinite(lambda);
  }

  @Override public double[][] nbar() {
    return copy(nbar);
  }

  @Override public double[] probs() {
    return probs.clone();
  }

  @Override public double[][] means() {
    return copy(means);
  }

  /** With another λ (may be ∞). */
  public AnchoredMixture withLambda(double v) {
    return new AnchoredMixture(nbar, probs, means, v, labels);
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
    return c;
  }

  private static double[][] checkGram(double[][] g) {
    if (g == null || g.length == 0) {
      throw new ParameterException("nbar", g, "must be a q x q Gram matrix with q >= 1, got "
          + (g == null ? "null" : "0 x 0"));
    }
    int q = g.length;
    double[][] c = new double[q][];
    for (int a = 0; a < q; a++) {
      if (g[a] == null || g[a].length != q) {
        throw new ParameterException("nbar", g, "must be " + q + " x " + q + ", row " + a + " has "
            + (g[a] == null ? "null" : g[a].length) + " entries");
      }
      c[a] = Check.allFinite("nbar[" + a + "]", g[a].clone());
    }
    for (int a = 0; a < q; a++) {
      for (int b = 0; b < a; b++) {
        if (Math.abs(c[a][b] - c[b][a]) > 1e-12 * Math.max(1, Math.abs(c[a][b]))) {
          throw new ParameterException("nbar", g, "must be symmetric, got nbar[" + a + "][" + b + "] = " + c[a][b]
              + " and nbar[" + b + "][" + a + "] = " + c[b][a]);
        }
      }
    }
    try {
      new CholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-12, 1e-10);
    } catch (RuntimeException e) {
      throw new ParameterException("nbar", g, "must be positive definite: the anchors (means / teacher vectors) "
          + "must be linearly independent; got nbar = " + Arrays.deepToString(c)
          + ". Write dependent means as combinations of independent anchors (field means).", e);
    }
    return c;
  }

  @Override public boolean equals(Object o) {
    return o instanceof AnchoredMixture m && Arrays.deepEquals(m.nbar, nbar) && Arrays.equals(m.probs, probs)
        && Arrays.deepEquals(m.means, means) && Double.compare(m.lambda, lambda) == 0 && m.labels.equals(labels);
  }

  @Override public int hashCode() {
    return Arrays.deepHashCode(nbar) * 31 + Arrays.hashCode(probs) + Double.hashCode(lambda);
  }

  @Override public String toString() {
    return "AnchoredMixture[nbar=" + Arrays.deepToString(nbar) + ", probs=" + Arrays.toString(probs) + ", means="
        + Arrays.deepToString(means) + ", lambda=" + lambda + ", labels=" + labels + "]";
  }
}
