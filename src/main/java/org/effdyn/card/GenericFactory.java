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
        + "loss by quadrature; spec generic.md §11";
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
        new ParamSpec("quadrature", "auto, gauss-hermite or rqmc (spec §11(h))", "auto"),
        new ParamSpec("quadrature_nodes", "auto: node budget; gauss-hermite: points per axis; rqmc: points per "
            + "replicate (16 replicates)", "65536 / 16 / 4096"),
        new ParamSpec("form", "regression, direct or stein (spec §11(d); stein needs a smooth loss)", "regression"),
        new ParamSpec("root", "equalized, symmetric or principal (spec §11(h))", "equalized"));
  }

  @Override public Model create(Map<String, ?> given) {
    Params q = new Params(name(), parameters(), given);
    // data law
    double[][] means = q.matrix("means");
    if (means.length == 0 || means[0].length == 0) {
      throw new IllegalArgumentException("params.means: must have at least one class and one anchor");
    }
    int classes = means.length;
    int anchors = means[0].length;
    double[][] nbar = given.containsKey("nbar") ? q.matrix("nbar") : identity(anchors);
    double[] probs = given.containsKey("probs") ? q.vector("probs") : uniform(classes);
    double lambda = q.real("lambda");
    // network
    String lossName = string(given, "loss", null);
    boolean softmax = NetworkLoss.SOFTMAX.equals(lossName.trim().toLowerCase(Locale.ROOT));
    Activation act = Activation.parse("params.activation", string(given, "activation", "linear"));
    int p = given.containsKey("hidden") ? q.integer("hidden") : softmax ? classes : -1;
    if (p < 1) {
      throw new IllegalArgumentException(p == -1 ? "params.hidden: required by loss '" + lossName + "'"
          : "params.hidden: must be >= 1, got " + p);
    }
    boolean trainHead = !softmax && bool(given, "train_head", true);
    double[] head = null;
    if (!softmax) {
      head = given.containsKey("head") ? q.vector("head") : ones(p);
      if (head.length != p) {
        throw new IllegalArgumentException("params.head: must have p = " + p + " entries, got " + head.length);
      }
    } else if (given.containsKey("head") || given.containsKey("train_head")) {
      throw new IllegalArgumentException("params." + (given.containsKey("head") ? "head" : "train_head")
          + ": the softmax loss has no second layer");
    }
    NetworkLoss loss = NetworkLoss.named(lossName, p, act, trainHead ? null : head);
    double[][] labels = labels(given, classes, softmax, p);
    AnchoredMixture law = wrap("params", () -> new AnchoredMixture(nbar, probs, means, lambda, LabelModel.perClass(labels)));
    // SGD and engine
    double cDelta = q.real("c_delta");
    double beta = q.real("beta");
    double cTheta = given.containsKey("c_theta") ? q.real("c_theta") : cDelta;
    double betaTheta = given.containsKey("beta_theta") ? q.real("beta_theta") : beta;
    GenericOptions.TimeConvention time = switch (string(given, "time", "bgj").trim().toLowerCase(Locale.ROOT)) {
      case "bgj" -> GenericOptions.TimeConvention.BGJ;
      case "teacher-student" -> GenericOptions.TimeConvention.TEACHER_STUDENT;
      default -> throw new IllegalArgumentException("params.time: unknown time convention '" + given.get("time")
          + "'; known: bgj, teacher-student");
    };
    GenericOptions.Form form = enumOf(GenericOptions.Form.class, "form", string(given, "form", "regression"));
    GenericOptions.Root root = enumOf(GenericOptions.Root.class, "root", string(given, "root", "equalized"));
    Quadrature quad = quadrature(q, given);
    GenericOptions options = wrap("params", () -> new GenericOptions(cDelta, beta, cTheta, betaTheta, time, form, root,
        quad, 3));
    // start
    double[][] m0 = given.containsKey("m0") ? q.matrix("m0") : null;
    double[][] r0 = given.containsKey("rperp0") ? q.matrix("rperp0") : null;
    double[] theta0 = trainHead ? head : null;
    GenericStart start = wrap("params", () -> new GenericStart(q.real("sigma_w"), m0, r0, theta0)
        .check(p, anchors, trainHead ? p : 0));

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
  static double[][] labels(Map<String, ?> given, int classes, boolean softmax, int p) {
    Object o = given.get("labels");
    if (o == null) {
      if (!softmax) throw new IllegalArgumentException("params.labels: required by this loss (one label per class)");
      if (classes != p) {
        throw new IllegalArgumentException("params.labels: one-hot labels need one output per class, but hidden = " + p
            + " and there are " + classes + " classes; give labels as rows of length " + p);
      }
      double[][] y = new double[classes][classes];
      for (int c = 0; c < classes; c++) y[c][c] = 1;
      return y;
    }
    if (!(o instanceof List<?> l)) {
      throw new IllegalArgumentException("params.labels: must be a list with one label per class, got '" + o + "'");
    }
    if (l.size() != classes) {
      throw new IllegalArgumentException("params.labels: must have one entry per class (" + classes + "), got " + l.size());
    }
    double[][] y = new double[classes][];
    for (int c = 0; c < classes; c++) {
      Object e = l.get(c);
      if (e instanceof Number n) {
        y[c] = new double[] {n.doubleValue()};
      } else if (e instanceof List<?> row) {
        y[c] = new double[row.size()];
        for (int j = 0; j < row.size(); j++) {
          if (!(row.get(j) instanceof Number n)) {
            throw new IllegalArgumentException("params.labels[" + (c + 1) + "," + (j + 1) + "]: must be a number, got '"
                + row.get(j) + "'");
          }
          y[c][j] = n.doubleValue();
        }
      } else {
        throw new IllegalArgumentException("params.labels[" + (c + 1) + "]: must be a number or a list of numbers, got '"
            + e + "'");
      }
      int want = softmax ? p : 1;
      if (y[c].length != want) {
        throw new IllegalArgumentException("params.labels[" + (c + 1) + "]: must have " + want + " entr"
            + (want == 1 ? "y" : "ies") + " for loss " + (softmax ? "softmax (a one-hot row)" : "with a scalar output")
            + ", got " + y[c].length);
      }
    }
    return y;
  }

  static Quadrature quadrature(Params q, Map<String, ?> given) {
    String kind = string(given, "quadrature", "auto").trim().toLowerCase(Locale.ROOT);
    boolean n = given.containsKey("quadrature_nodes");
    return wrap("params", () -> switch (kind) {
      case "auto" -> Quadrature.auto(n ? q.integer("quadrature_nodes") : Quadrature.DEFAULT_BUDGET);
      case "gauss-hermite" -> Quadrature.gaussHermite(n ? q.integer("quadrature_nodes") : 16);
      case "rqmc" -> Quadrature.rqmc(n ? q.integer("quadrature_nodes") : 4096, 16,
          org.effdyn.gauss.GaussianRule.DEFAULT_SEED);
      default -> throw new IllegalArgumentException("params.quadrature: unknown quadrature '" + given.get("quadrature")
          + "'; known: auto, gauss-hermite, rqmc");
    });
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String field, String s) {
    return Check.choice("params." + field, s, type);
  }

  static String string(Map<String, ?> given, String name, String dflt) {
    Object o = given.get(name);
    if (o == null) {
      if (dflt == null) throw new IllegalArgumentException("params." + name + ": required by model 'generic'");
      return dflt;
    }
    if (o instanceof String || o instanceof Number || o instanceof Boolean) return String.valueOf(o);
    throw new IllegalArgumentException("params." + name + ": must be a name, got '" + o + "'");
  }

  static boolean bool(Map<String, ?> given, String name, boolean dflt) {
    Object o = given.get(name);
    if (o == null) return dflt;
    if (o instanceof Boolean b) return b;
    String s = String.valueOf(o).trim().toLowerCase(Locale.ROOT);
    if (s.equals("true")) return true;
    if (s.equals("false")) return false;
    throw new IllegalArgumentException("params." + name + ": must be true or false, got '" + o + "'");
  }

  /** Runs a constructor; an IllegalArgumentException's message gets the card prefix unless it has one. */
  static <T> T wrap(String prefix, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      if (msg != null && msg.startsWith("params.")) throw e;
      throw new IllegalArgumentException(prefix + "." + msg, e);
    }
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
