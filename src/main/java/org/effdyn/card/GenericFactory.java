package org.effdyn.card;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.effdyn.core.Check;
import org.effdyn.core.Model;
import org.effdyn.model.common.Activation;
import org.effdyn.model.generic.AnchoredMixture;
import org.effdyn.model.generic.GenericModel;
import org.effdyn.model.generic.GenericOptions;
import org.effdyn.model.generic.GenericStart;
import org.effdyn.model.generic.LabelModel;
import org.effdyn.model.generic.NetworkLoss;
import org.effdyn.model.generic.Quadrature;

/** Card name {@code generic}. */
final class GenericFactory implements ModelFactory {
  @Override public String name() {
    return "generic";
  }

  @Override public String description() {
    return "generic engine: two-layer network or softmax classifier on a Gaussian mixture, drift derived from the "
        + "loss by quadrature; docs/generic.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("means", "class means in the anchors: one row of q coefficients per class (C x q)", null),
        new ParamSpec("nbar", "Gram matrix of the q anchors (symmetric positive definite)", "identity"),
        new ParamSpec("probs", "class weights, summing to 1", "uniform"),
        new ParamSpec("lambda", "SNR lambda > 0 (noise N(0, I/lambda)); .inf = zero noise", null),
        new ParamSpec("labels", "label of each class: a number per class (squared, logistic, hinge: +-1) or a row per "
            + "class; softmax: one-hot by default", "one-hot (softmax only)"),
        new ParamSpec("loss", "softmax, squared, logistic, hinge", null),
        new ParamSpec("activation", "erf, tanh, relu, sigmoid, linear", "linear"),
        new ParamSpec("hidden", "p, hidden units (softmax: outputs)", "classes (softmax only)"),
        new ParamSpec("head", "second layer a (length p): its start if trained, its value if fixed", "ones"),
        new ParamSpec("train_head", "true: train the second layer (theta = a); false: keep it fixed", "true"),
        new ParamSpec("beta", "L2 penalty beta >= 0 on the first layer", "0"),
        new ParamSpec("c_delta", "first-layer step delta = c_delta/d", "1"),
        new ParamSpec("c_theta", "second-layer step c_theta/d", "c_delta"),
        new ParamSpec("beta_theta", "L2 penalty on the second layer", "beta"),
        new ParamSpec("time", "bgj (t = steps*delta) or teacher-student (t = steps/d)", "bgj"),
        new ParamSpec("sigma_w", "initial first layer x ~ N(0, sigma_w^2 I/d)", "1"),
        new ParamSpec("m0", "planted m(0) (p x q); default: random, limit 0", "random"),
        new ParamSpec("rperp0", "planted Rperp(0) (p x p, PSD); default: random, limit sigma_w^2 I", "random"),
        new ParamSpec("quadrature", "auto, gauss-hermite or rqmc (choice by dimension and smoothness: "
            + "docs/generic.md)", "auto"),
        new ParamSpec("quadrature_nodes", "auto: node budget; gauss-hermite: points per axis; rqmc: points per "
            + "replicate (16 replicates)", "65536 / 16 / 4096"),
        new ParamSpec("form", "regression, direct or stein: how the drift's Gaussian integrals are reduced "
            + "(docs/generic.md; stein needs a smooth loss)", "regression"),
        new ParamSpec("root", "equalized, symmetric or principal: the square root of Rperp the quadrature "
            + "nodes are mapped by (docs/generic.md)", "equalized"));
  }

  @Override public Model build(Params q) {
    // data law
    double[][] means = q.matrix("means");
    if (means.length == 0 || means[0].length == 0) throw q.error("means", "must have at least one class and one anchor");
    int classes = means.length;
    int anchors = means[0].length;
    double[][] nbar = q.has("nbar") ? q.matrix("nbar") : identity(anchors);
    double[] probs = q.has("probs") ? q.vector("probs") : uniform(classes);
    double lambda = q.real("lambda");
    // network
    String lossName = q.word("loss");
    boolean softmax = NetworkLoss.SOFTMAX.equals(lossName.trim().toLowerCase(Locale.ROOT));
    Activation act = Activation.parse("params.activation", q.word("activation"));
    int p = q.has("hidden") ? q.integer("hidden") : softmax ? classes : -1;
    if (p < 1) throw q.error("hidden", p == -1 ? "required by loss '" + lossName + "'" : "must be >= 1, got " + p);
    boolean trainHead = !softmax && q.bool("train_head");
    double[] head = null;
    if (!softmax) {
      head = q.has("head") ? q.vector("head") : ones(p);
      if (head.length != p) throw q.error("head", "must have p = " + p + " entries, got " + head.length);
    } else if (q.has("head") || q.has("train_head")) {
      throw q.error(q.has("head") ? "head" : "train_head", "the softmax loss has no second layer");
    }
    NetworkLoss loss = NetworkLoss.named(lossName, p, act, trainHead ? null : head);
    double[][] labels = labels(q, classes, softmax, p);
    AnchoredMixture law = new AnchoredMixture(nbar, probs, means, lambda, LabelModel.perClass(labels));
    // SGD and engine
    double cDelta = q.real("c_delta");
    double beta = q.real("beta");
    double cTheta = q.has("c_theta") ? q.real("c_theta") : cDelta;
    double betaTheta = q.has("beta_theta") ? q.real("beta_theta") : beta;
    String timeName = q.word("time");
    GenericOptions.TimeConvention time = switch (timeName.trim().toLowerCase(Locale.ROOT)) {
      case "bgj" -> GenericOptions.TimeConvention.BGJ;
      case "teacher-student" -> GenericOptions.TimeConvention.TEACHER_STUDENT;
      default -> throw q.error("time", "unknown time convention '" + timeName + "'; known: bgj, teacher-student");
    };
    GenericOptions.Form form = Check.choice("params.form", q.word("form"), GenericOptions.Form.class);
    GenericOptions.Root root = Check.choice("params.root", q.word("root"), GenericOptions.Root.class);
    Quadrature quad = quadrature(q);
    GenericOptions options = new GenericOptions(cDelta, beta, cTheta, betaTheta, time, form, root, quad, 3);
    // start
    double[][] m0 = q.has("m0") ? q.matrix("m0") : null;
    double[][] r0 = q.has("rperp0") ? q.matrix("rperp0") : null;
    double[] theta0 = trainHead ? head : null;
    GenericStart start = new GenericStart(q.real("sigma_w"), m0, r0, theta0).check(p, anchors, trainHead ? p : 0);

    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("means", means);
    shown.put("nbar", nbar);
    shown.put("probs", probs);
    shown.put("lambda", Double.isInfinite(lambda) ? "inf" : lambda);
    shown.put("labels", labels);
    shown.put("loss", loss.toString());
    shown.put("activation", act.key());
    shown.put("hidden", p);
    if (head != null) shown.put("head", head);
    shown.put("train_head", trainHead);
    shown.put("beta", beta);
    shown.put("c_delta", cDelta);
    shown.put("c_theta", cTheta);
    shown.put("beta_theta", betaTheta);
    shown.put("time", time == GenericOptions.TimeConvention.BGJ ? "bgj" : "teacher-student");
    shown.put("sigma_w", start.sigmaW());
    if (m0 != null) shown.put("m0", m0);
    if (r0 != null) shown.put("rperp0", r0);
    shown.put("quadrature", quad.toString());
    shown.put("form", form.name().toLowerCase(Locale.ROOT));
    shown.put("root", root.name().toLowerCase(Locale.ROOT));
    return new GenericModel(law, loss, options, start, shown);
  }

  /** The labels param: numbers (one per class) or rows; one-hot for softmax by default. */
  static double[][] labels(Params q, int classes, boolean softmax, int p) {
    if (!q.has("labels") || q.given().get("labels") == null) {
      if (!softmax) throw q.error("labels", "required by this loss (one label per class)");
      if (classes != p) {
        throw q.error("labels", "one-hot labels need one output per class, but hidden = " + p
            + " and there are " + classes + " classes; give labels as rows of length " + p);
      }
      double[][] y = new double[classes][classes];
      for (int c = 0; c < classes; c++) y[c][c] = 1;
      return y;
    }
    CardValue v = q.value("labels");
    if (!v.isList()) throw v.error("must be a list with one label per class, got " + CardValue.show(v.node()));
    List<CardValue> l = v.items();
    if (l.size() != classes) throw v.error("must have one entry per class (" + classes + "), got " + l.size());
    double[][] y = new double[classes][];
    for (int c = 0; c < classes; c++) {
      CardValue e = l.get(c);
      if (e.isNumber()) {
        y[c] = new double[] {e.real()};
      } else if (e.isList()) {
        y[c] = e.reals();
      } else {
        throw e.error("must be a number or a list of numbers, got " + CardValue.show(e.node()));
      }
      int want = softmax ? p : 1;
      if (y[c].length != want) {
        throw e.error("must have " + want + " entr" + (want == 1 ? "y" : "ies") + " for loss "
            + (softmax ? "softmax (a one-hot row)" : "with a scalar output") + ", got " + y[c].length);
      }
    }
    return y;
  }

  static Quadrature quadrature(Params q) {
    String kind = q.word("quadrature");
    boolean n = q.has("quadrature_nodes");
    return switch (kind.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> Quadrature.auto(n ? q.integer("quadrature_nodes") : Quadrature.DEFAULT_BUDGET);
      case "gauss-hermite" -> Quadrature.gaussHermite(n ? q.integer("quadrature_nodes") : 16);
      case "rqmc" -> Quadrature.rqmc(n ? q.integer("quadrature_nodes") : 4096, 16,
          org.effdyn.gauss.GaussianRule.DEFAULT_SEED);
      default -> throw q.error("quadrature", "unknown quadrature '" + kind + "'; known: auto, gauss-hermite, rqmc");
    };
  }

  static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) m[i][i] = 1;
    return m;
  }

  static double[] uniform(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1.0 / n);
    return v;
  }

  static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1.0);
    return v;
  }
}
