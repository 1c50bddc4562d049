package org.effdyn.model.dmf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.analysis.Parallel;
import org.effdyn.core.Dynamics;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.Model;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.core.SolveStats;
import org.effdyn.core.StateLayout;
import org.effdyn.core.Study;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;

/**
 * Card model {@code dmf}: the DMF surrogate of full-batch training of a perceptron on a Gaussian
 * mixture (Panahi 2026, arXiv:2603.09310; docs/dmf.md). The limit is iteration-indexed, so the
 * model is a {@link Study}, not a {@link Dynamics}: the request's grid must be
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
    implements Model, Study<DmfModel.Result>, IterationLimit {

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

  /** The problem on an iteration grid l = 0..L-1 ({@code {start: 0, end: L-1, samples: L}}). */
  public DmfProblem problemFor(TimeGrid grid) {
    int n = grid.samples();
    if (grid.t0() != 0 || grid.t1() != n - 1) {
      throw new IllegalArgumentException("time: model 'dmf' runs on the iteration grid l = 0..L-1: use "
          + "time: {start: 0, end: L-1, samples: L}, got start " + grid.t0() + ", end "
          + grid.t1() + ", samples " + n);
    }
    return problem.withIterations(n);
  }

  /** The DMF solution: exact for affine ω, else Monte Carlo. */
  public DmfSolution solve(DmfProblem p, int threads) {
    if (p.perceptron().isAffine()) return ExactSweep.solve(p);
    return MonteCarloSweep.solve(p, new MonteCarloSweep.Options(paths, replicas, 2048, threads, seed));
  }

  /**
   * The DMF and the finite-d full-batch runs of a study.
   *
   * @param problem   the problem on the request's iteration grid
   * @param dmf       the DMF solution
   * @param dims      dimensions of the finite-d runs
   * @param seeds     runs per dimension
   * @param runs      run (dims[i], j) at index i·seeds + j
   * @param dmfWallMs wall time of the DMF solve
   * @param simWallMs wall time of the finite-d runs
   */
  public record Result(DmfProblem problem, DmfSolution dmf, List<Integer> dims, int seeds, List<DmfSolution> runs,
      double dmfWallMs, double simWallMs) {
    public Result {
      dims = List.copyOf(dims);
      runs = List.copyOf(runs);
    }

    /** The runs of dimension dims[i]. */
    public List<DmfSolution> runsOf(int i) {
      return runs.subList(i * seeds, (i + 1) * seeds);
    }
  }

  /** The DMF on the request's iteration grid and full-batch training at each d; run (d[i], j) uses RandomStreams.stream(seed, i, j). */
  @Override public Result compute(Request request) {
    DmfProblem p = problemFor(request.grid());
    int threads = request.threads();
    long t0 = System.nanoTime();
    DmfSolution dmf = solve(p, threads);
    long dmfNanos = System.nanoTime() - t0;
    List<Integer> dims = request.dims();
    int seeds = request.seeds();
    List<int[]> keys = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) for (int j = 0; j < seeds; j++) keys.add(new int[] {i, j});
    long t1 = System.nanoTime();
    List<DmfSolution> runs = keys.isEmpty() ? List.of() : Parallel.map(keys.size(), threads, r ->
        FullBatchSimulator.run(p, dims.get(keys.get(r)[0]),
            RandomStreams.stream(request.seed(), keys.get(r)[0], keys.get(r)[1])), null);
    long simNanos = System.nanoTime() - t1;
    return new Result(p, dmf, dims, seeds, runs, dmfNanos / 1e6, simNanos / 1e6);
  }

  /**
   * The per-iteration observables: loss_train, err_train, loss_test, err_test, beta[y],
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
      rows[i] = Arrays.copyOfRange(s.row(i), 1, layout.size() + 1);
    }
    return new Trajectory(layout, l, rows, List.of(), new double[n][0], List.of(), SolveStats.NONE, provenance);
  }

}
