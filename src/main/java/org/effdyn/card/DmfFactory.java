package org.effdyn.card;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.effdyn.core.Model;
import org.effdyn.model.dmf.Algorithm;
import org.effdyn.model.dmf.DmfModel;
import org.effdyn.model.dmf.DmfProblem;
import org.effdyn.model.dmf.Perceptron;

/** Card name {@code dmf}. */
final class DmfFactory implements ModelFactory {
  @Override public String name() {
    return "dmf";
  }

  @Override public String description() {
    return "DMF surrogate of full-batch GD/momentum training of a perceptron on a Gaussian mixture "
        + "(iteration-indexed, Monte Carlo or exact sweep); docs/dmf.md";
  }

  @Override public List<ParamSpec> parameters() {
    return List.of(
        new ParamSpec("loss", "softplus_sq | linear_sq | logistic | relu_sq", "softplus_sq"),
        new ParamSpec("targets", "target t_y per class", "(0, 1); (-1, 1) for linear_sq, logistic"),
        new ParamSpec("rho", "class weights, summing to 1", "uniform"),
        new ParamSpec("nu", "Gram matrix of the means and theta0 ((K+1) x (K+1), PSD)",
            "[[1,-0.5,0],[-0.5,1,0],[0,0,0.01]]"),
        new ParamSpec("alpha", "samples per dimension n/d > 0 (.inf: population limit)", "2"),
        new ParamSpec("algorithm", "gd | weight_decay | heavy_ball | ema | nesterov", "gd"),
        new ParamSpec("eta", "step size", "0.5"),
        new ParamSpec("s", "momentum (heavy_ball, ema, nesterov)", "0.5"),
        new ParamSpec("kappa", "weight decay (weight_decay)", "0"),
        new ParamSpec("paths", "Monte Carlo paths per class", "20000"),
        new ParamSpec("replicas", "independent Monte Carlo replicas (error bars)", "4"),
        new ParamSpec("seed", "Monte Carlo seed", "1"));
  }

  @Override public Model build(Params q) {
    Perceptron.Kind kind = Perceptron.Kind.of(q.has("loss") ? q.word("loss") : "softplus_sq");
    double[] targets = q.has("targets") ? q.vector("targets")
        : kind == Perceptron.Kind.LINEAR_SQ || kind == Perceptron.Kind.LOGISTIC ? new double[] {-1, 1}
        : new double[] {0, 1};
    double[][] nu = q.has("nu") ? q.matrix("nu") : DmfProblem.referenceNu();
    double[] rho;
    if (q.has("rho")) {
      rho = q.vector("rho");
    } else {
      rho = new double[targets.length];
      Arrays.fill(rho, 1.0 / targets.length);
    }
    double eta = q.has("eta") ? q.real("eta") : 0.5;
    double s = q.has("s") ? q.real("s") : 0.5;
    double kappa = q.has("kappa") ? q.real("kappa") : 0;
    Algorithm alg = Algorithm.of(q.has("algorithm") ? q.word("algorithm") : "gd", eta, s, kappa);
    DmfProblem p = new DmfProblem(rho, nu, q.has("alpha") ? q.real("alpha") : 2,
        new Perceptron(kind, targets), alg, 1);
    return new DmfModel(p, q.has("paths") ? q.integer("paths") : 20000,
        q.has("replicas") ? q.integer("replicas") : 4,
        q.has("seed") ? q.integer("seed") : 1, new LinkedHashMap<>(q.given()));
  }
}
