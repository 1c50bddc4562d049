package org.effdyn.model.generic;

import java.util.Arrays;
import java.util.Locale;
import org.effdyn.core.Check;
import org.effdyn.core.ParameterException;
import org.effdyn.model.common.Activation;
import org.effdyn.model.common.Softmax;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The named losses of the generic engine (card {@code loss}), each a {@link MultiIndexLoss} with a
 * hand-written allocation-free gradient (tested against AD) and, when kinked, {@link HasKinks}:
 * <ul>
 *   <li><b>Two-layer network, scalar output</b> ({@link #twoLayer}): f(s; a) = Σ_j a_j σ(s_j) and
 *       ℓ = φ(f, y) with φ an {@link OutputLoss} (squared, logistic, hinge). The head a is either
 *       trained (θ = a, k0 = p: g_j = φ' a_j σ'(s_j), γ_j = φ' σ(s_j)) or fixed (k0 = 0). Label length 1.</li>
 *   <li><b>Softmax cross-entropy</b> ({@link #softmax}): p = k outputs o_a = σ(s_a),
 *       ℓ = −Σ_a y_a o_a + log Σ_a e^{o_a} against a one-hot label y (length k); with σ linear this is
 *       the k-GMM classifier (docs/kgmm.md; g = π − y).</li>
 * </ul>
 * Kinks ({@link HasKinks}): ReLU units declare the p hyperplanes s_j = 0; the hinge with a linear activation
 * declares its margin y Σ_j a_j s_j = 1 (normal y a, offset 1; a = θ when trained). A hinge on a
 * nonlinear activation is rejected: its kink set {y f(s) = 1} is not a union of hyperplanes.
 */
public class NetworkLoss extends MultiIndexLoss {
  /** Card name of the softmax cross-entropy. */
  public static final String SOFTMAX = "softmax";

  private final Activation activation;
  private final OutputLoss output; // null: softmax
  private final double[] head;     // fixed head, or null (trained: theta)

  private NetworkLoss(int p, Activation activation, OutputLoss output, double[] head) {
    super(p, output == null || head != null ? 0 : p, output == null ? p : 1);
    this.activation = activation;
    this.output = output;
    this.head = head;
  }

  /**
   * A two-layer network with p hidden units, ℓ = φ(Σ_j a_j σ(s_j), y).
   *
   * @param fixedHead the fixed second layer a (length p, finite), or null to train it (θ = a)
   * @throws IllegalArgumentException for a hinge on a nonlinear activation, or a bad head
   */
  public static NetworkLoss twoLayer(int p, Activation activation, OutputLoss output, double[] fixedHead) {
    Check.atLeast("p", p, 1);
    if (activation == null) throw new IllegalArgumentException("activation must be given");
    if (output == null) throw new IllegalArgumentException("output loss must be given");
    double[] head = null;
    if (fixedHead != null) {
      Check.length("head", fixedHead, p);
      head = Check.allFinite("head", fixedHead.clone());
    }
    if (output == OutputLoss.HINGE && activation != Activation.LINEAR) {
      throw new IllegalArgumentException("loss hinge needs activation linear, got " + activation.key()
          + ": with a nonlinear activation the hinge's kink {y f(s) = 1} is not a hyperplane");
    }
    if (activation.kinked() || output == OutputLoss.HINGE) return new Kinked(p, activation, output, head);
    return new NetworkLoss(p, activation, output, head);
  }

  /** Softmax cross-entropy over k = p outputs σ(s_a), one-hot labels of length k. */
  public static NetworkLoss softmax(int k, Activation activation) {
    Check.atLeast("classes", k, 2);
    if (activation == null) throw new IllegalArgumentException("activation must be given");
    return activation.kinked() ? new Kinked(k, activation, null, null) : new NetworkLoss(k, activation, null, null);
  }

  /**
   * The loss of a card: {@code softmax} or an {@link OutputLoss} name (squared, logistic, hinge).
   *
   * @param fixedHead ignored for softmax (which must then be null)
   * @throws IllegalArgumentException naming {@code params.loss} and listing the known names
   */
  public static NetworkLoss named(String loss, int p, Activation activation, double[] fixedHead) {
    String t = loss == null ? "" : loss.trim().toLowerCase(Locale.ROOT);
    if (t.equals(SOFTMAX)) {
      if (fixedHead != null) throw new ParameterException("params.head", fixedHead, "the softmax loss has no second layer");
      return softmax(p, activation);
    }
    OutputLoss o = OutputLoss.find(t);
    if (o == null) {
      throw new ParameterException("params.loss", loss, "unknown loss '" + loss + "'; known: " + SOFTMAX + ", "
          + OutputLoss.known());
    }
    return twoLayer(p, activation, o, fixedHead);
  }

  /** σ. */
  public Activation activation() {
    return activation;
  }

  /** φ, or null for the softmax cross-entropy. */
  public OutputLoss output() {
    return output;
  }

  /** The fixed second layer (a copy), or null when it is trained or absent (softmax). */
  public double[] fixedHead() {
    return head == null ? null : head.clone();
  }

  @Override
  public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
    int p = p();
    if (output == null) {
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < p; a++) max = Math.max(max, activation.value(s[a].getReal()));
      T[] o = MathArrays.buildArray(s[0].getField(), p);
      T lin = s[0].getField().getZero();
      for (int a = 0; a < p; a++) {
        o[a] = activation.apply(s[a]);
        lin = lin.add(o[a].multiply(y[a]));
      }
      return Softmax.logSumExp(o, max).subtract(lin);
    }
    T f = s[0].getField().getZero();
    for (int j = 0; j < p; j++) {
      T u = activation.apply(s[j]);
      f = f.add(head != null ? u.multiply(head[j]) : u.multiply(theta[j]));
    }
    return output.apply(f, y[0]);
  }

  /** Hand-written gradient; allocation-free (gs and gtheta double as scratch). */
  @Override
  public void gradient(double[] s, double[] y, double[] theta, double[] gs, double[] gtheta) {
    int p = p();
    if (output == null) {
      // g_a = (pi_a - y_a) sigma'(s_a), pi = softmax(sigma(s))
      for (int a = 0; a < p; a++) gs[a] = activation.value(s[a]);
      Softmax.inPlace(gs, p);
      for (int a = 0; a < p; a++) gs[a] = (gs[a] - y[a]) * activation.derivative(s[a]);
      return;
    }
    // gs[j] holds sigma(s_j) until it is overwritten: one activation call per unit
    double f = 0;
    for (int j = 0; j < p; j++) f += (head != null ? head[j] : theta[j]) * (gs[j] = activation.value(s[j]));
    double r = output.derivative(f, y[0]);
    for (int j = 0; j < p; j++) {
      double v = gs[j];
      gs[j] = r * (head != null ? head[j] : theta[j]) * activation.derivative(s[j], v);
      if (head == null) gtheta[j] = r * v;
    }
  }

  @Override
  public String toString() {
    if (output == null) return "softmax cross-entropy(" + activation.key() + ", k=" + p() + ")";
    return output.key() + " loss of sum_j a_j " + activation.key() + "(s_j), p=" + p()
        + (head == null ? ", head trained" : ", head fixed " + Arrays.toString(head));
  }

  /** A kinked network loss: ReLU units and/or a hinge on a linear score (see the class comment). */
  static final class Kinked extends NetworkLoss implements HasKinks {
    Kinked(int p, Activation activation, OutputLoss output, double[] head) {
      super(p, activation, output, head);
    }

    @Override public int kinkCount() {
      return activation().kinked() ? p() : 1;
    }

    @Override public double kink(int j, double[] y, double[] theta, double[] normal) {
      int p = p();
      if (activation().kinked()) {
        Arrays.fill(normal, 0, p, 0.0);
        normal[j] = 1;
        return 0;
      }
      // hinge on a linear score: y sum_j a_j s_j = 1
      double[] a = super.head;
      for (int e = 0; e < p; e++) normal[e] = y[0] * (a != null ? a[e] : theta[e]);
      return 1;
    }
  }
}
