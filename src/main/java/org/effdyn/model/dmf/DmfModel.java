package org.effdyn.model.dmf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.analysis.Parallel;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Trajectory;
import org.effdyn.io.Scenario;
import org.effdyn.io.Study;
import org.effdyn.model.ModelFactory;
import org.effdyn.model.ParamSpec;
import org.effdyn.model.Params;
import org.effdyn.sim.RandomStreams;
import org.effdyn.sim.SgdSimulator;

/**
 * Card model {@code dmf}: the DMF surrogate of full-batch training of a perceptron on a Gaussian
 * mixture (spec/dmf.md §9), run by {@code effdyn run CARD}. The limit is iteration-indexed, so the
 * model is an {@link Study}, not a {@link Dynamics}: the card's {@code time} grid must be
 * the iteration grid {@code {start: 0, end: L-1, samples: L}}. Affine ω ({@code linear_sq}) is
 * solved exactly ({@link ExactSweep}), any other loss by Monte Carlo ({@link MonteCarloSweep}).
 * With {@code simulate: {d: [...], seeds: S, seed: s}} the card also runs finite-d full-batch
 * training ({@link FullBatchSimulator}); run (d[i], j) uses {@code RandomStreams.stream(s, i, j)}.
 *
 * <p>Files: {@code dmf.csv} (and {@code dmf-se.csv}, the Monte Carlo standard errors),
 * {@code Vtheta.csv}, {@code Vomega.csv}, {@code Btheta.csv}, {@code Lambdatilde.csv} (L × L),
 * {@code kernels.png} (heat maps), {@code sim.csv} (finite-d runs) and {@code chart.png} (overlay).
 *
 * @param problem  the problem with a placeholder L (the card's grid sets it)
 * @param paths    Monte Carlo paths per class
 * @param replicas independent replicas for the error bars
 * @param seed     Monte Carlo master seed
 * @param params   the card parameters, for the run record
 */
public record DmfModel(DmfProblem problem, int paths, int replicas, long seed, Map<String, Object> params)
    implements Model, Study, IterationLimit {

  public DmfModel {
    new MonteCarloSweep.Options(paths, replicas, 2048, 1, seed);    // validates paths, replicas
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  @Override public String name() {
    return "dmf";
  }

  @Override public Map<String, Object> parameters() {
    return params;
  }

  @Override public Dynamics limit(Regime regime) {
    throw new IllegalArgumentException("model 'dmf' is iteration-indexed and has no ODE/SDE limit");
  }

  @Override public InitialLaw initialLaw(Regime regime) {
    throw new IllegalArgumentException("model 'dmf' is iteration-indexed and has no initial law");
  }

  @Override public SgdSimulator simulator(int d, Regime regime) {
    throw new IllegalArgumentException("model 'dmf' simulates full-batch training (FullBatchSimulator), not online SGD");
  }

  /** The problem on the card's iteration grid. */
  public DmfProblem problemFor(Scenario card) {
    int n = card.grid().samples();
    if (card.grid().t0() != 0 || card.grid().t1() != n - 1) {
      throw new IllegalArgumentException("time: model 'dmf' runs on the iteration grid l = 0..L-1: use "
          + "time: {start: 0, end: L-1, samples: L}, got start " + card.grid().t0() + ", end "
          + card.grid().t1() + ", samples " + n);
    }
    return problem.withIterations(n);
  }

  /** The DMF solution: exact for affine ω, else Monte Carlo. */
  public DmfSolution solve(DmfProblem p, int threads) {
    if (p.perceptron().isAffine()) return ExactSweep.solve(p);
    return MonteCarloSweep.solve(p, new MonteCarloSweep.Options(paths, replicas, 2048, threads, seed));
  }

  @Override public Output compute(Scenario card, Scenario.Variant variant, int threads) {
    DmfProblem p = problemFor(card);
    long t0 = System.nanoTime();
    DmfSolution dmf = solve(p, threads);
    long dmfNanos = System.nanoTime() - t0;
    List<Integer> dims = card.simulate() == null ? List.of() : card.simulate().d();
    int seeds = card.simulate() == null ? 0 : card.simulate().seeds();
    List<int[]> keys = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) for (int j = 0; j < seeds; j++) keys.add(new int[] {i, j});
    long t1 = System.nanoTime();
    List<DmfSolution> runs = keys.isEmpty() ? List.of() : Parallel.map(keys.size(), threads, r ->
        FullBatchSimulator.run(p, dims.get(keys.get(r)[0]),
            RandomStreams.stream(card.simulate().seed(), keys.get(r)[0], keys.get(r)[1])), null);
    long simNanos = System.nanoTime() - t1;
    List<int[]> shown = new ArrayList<>();
    for (int[] k : keys) shown.add(new int[] {dims.get(k[0]), k[1]});
    List<List<DmfSolution>> byD = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) byD.add(runs.subList(i * seeds, (i + 1) * seeds));

    LinkedHashMap<String, Consumer<Path>> files = new LinkedHashMap<>();
    if (card.output().csv()) {
      files.put("dmf.csv", f -> DmfFiles.writeTable(f, dmf));
      if (dmf.standardError() != null) files.put("dmf-se.csv", f -> DmfFiles.writeTable(f, dmf.standardError()));
      files.put("Vtheta.csv", f -> DmfFiles.writeMatrix(f, dmf.vTheta()));
      files.put("Vomega.csv", f -> DmfFiles.writeMatrix(f, dmf.vOmega()));
      files.put("Btheta.csv", f -> DmfFiles.writeMatrix(f, dmf.bTheta()));
      files.put("Lambdatilde.csv", f -> DmfFiles.writeMatrix(f, dmf.lambdaTilde()));
      if (!runs.isEmpty()) files.put("sim.csv", f -> DmfFiles.writeRuns(f, shown, runs));
    }
    if (card.output().chart()) {
      files.put("kernels.png", f -> DmfFiles.writeHeatMaps(f, List.of("V_theta", "V_omega", "B_theta", "Lambda~"),
          List.of(dmf.vTheta(), dmf.vOmega(), dmf.bTheta(), dmf.lambdaTilde())));
      files.put("chart.png", f -> DmfFiles.writeOverlay(f, card.name(), dmf, dims, byD));
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("iterations", p.iterations());
    rec.put("method", dmf.method());
    rec.put("dmf_wall_ms", dmfNanos / 1e6);
    if (!runs.isEmpty()) {
      Map<String, Object> sim = new LinkedHashMap<>();
      sim.put("d", dims);
      sim.put("n", dims.stream().map(d -> Math.round(p.alpha() * d)).toList());
      sim.put("seeds", seeds);
      sim.put("generator", "run (d[i], seed j): RandomStreams.stream(simulate.seed, i, j); sim.csv seed column = j");
      sim.put("wall_ms", simNanos / 1e6);
      rec.put("simulate", sim);
    }
    int last = p.iterations() - 1;
    Map<String, Object> fin = new LinkedHashMap<>();
    fin.put("loss_train", dmf.lossTrain()[last]);
    fin.put("err_train", dmf.errTrain()[last]);
    fin.put("loss_test", dmf.lossTest()[last]);
    fin.put("err_test", dmf.errTest()[last]);
    rec.put("final", fin);
    return new Output(files, rec, dmf.method() + ", iterations l = 0.." + last + "; final: " + fin);
  }

  /**
   * The §9(h) per-iteration observables: loss_train, err_train, loss_test, err_test, beta[y],
   * theta2 (= V_θ(l,l)), alpha[y], Vomega (= V_ω(l,l)), the columns of {@code dmf.csv}.
   */
  @Override public StateLayout observables() {
    int k = problem.classes();
    return StateLayout.builder().scalar("loss_train").scalar("err_train").scalar("loss_test").scalar("err_test")
        .vector("beta", k).scalar("theta2").vector("alpha", k).scalar("Vomega").build();
  }

  /** The DMF on L iterations ({@link #solve}), with its Monte Carlo standard errors (null if exact). */
  @Override public Limit limit(int iterations, int threads) {
    DmfSolution s = solve(problem.withIterations(iterations), threads);
    return new Limit(trajectory(s, Map.of("method", s.method())),
        s.standardError() == null ? null : trajectory(s.standardError(), Map.of()));
  }

  /** Finite-d full-batch training ({@link FullBatchSimulator}), data and θ0 from rng. */
  @Override public Trajectory finiteSize(int iterations, int d, UniformRandomProvider rng) {
    return trajectory(FullBatchSimulator.run(problem.withIterations(iterations), d, rng), Map.of());
  }

  /** Rows of the per-iteration table as a trajectory in l. */
  private Trajectory trajectory(DmfSolution s, Map<String, Object> provenance) {
    StateLayout layout = observables();
    int n = s.iterations();
    double[] l = new double[n];
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      l[i] = i;
      rows[i] = Arrays.copyOfRange(DmfFiles.row(s, i), 1, layout.size() + 1);
    }
    return new Trajectory(layout, l, rows, List.of(), new double[n][0], List.of(), SolveStats.NONE, provenance);
  }

  /** Card name {@code dmf}. */
  public static final ModelFactory FACTORY = new ModelFactory() {
    @Override public String name() {
      return "dmf";
    }

    @Override public String description() {
      return "DMF surrogate of full-batch GD/momentum training of a perceptron on a Gaussian mixture "
          + "(iteration-indexed, Monte Carlo or exact sweep); spec dmf.md §9";
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

    @Override public Model create(Map<String, ?> given) {
      Params q = new Params(name(), parameters(), given);
      Perceptron.Kind kind = Perceptron.Kind.of(text(given, "loss", "softplus_sq"));
      double[] targets = given.containsKey("targets") ? q.vector("targets")
          : kind == Perceptron.Kind.LINEAR_SQ || kind == Perceptron.Kind.LOGISTIC ? new double[] {-1, 1}
          : new double[] {0, 1};
      double[][] nu = given.containsKey("nu") ? q.matrix("nu") : DmfProblem.referenceNu();
      double[] rho;
      if (given.containsKey("rho")) {
        rho = q.vector("rho");
      } else {
        rho = new double[targets.length];
        Arrays.fill(rho, 1.0 / targets.length);
      }
      double eta = given.containsKey("eta") ? q.real("eta") : 0.5;
      double s = given.containsKey("s") ? q.real("s") : 0.5;
      double kappa = given.containsKey("kappa") ? q.real("kappa") : 0;
      Algorithm alg = Algorithm.of(text(given, "algorithm", "gd"), eta, s, kappa);
      DmfProblem p = new DmfProblem(rho, nu, given.containsKey("alpha") ? q.real("alpha") : 2,
          new Perceptron(kind, targets), alg, 1);
      return new DmfModel(p, given.containsKey("paths") ? q.integer("paths") : 20000,
          given.containsKey("replicas") ? q.integer("replicas") : 4,
          given.containsKey("seed") ? q.integer("seed") : 1, new LinkedHashMap<>(given));
    }
  };

  private static String text(Map<String, ?> given, String key, String dflt) {
    Object o = given.get(key);
    return o == null ? dflt : String.valueOf(o);
  }
}
