package org.effdyn.card;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effdyn.core.IterationLimit;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;

/**
 * One validation case, read from {@code validation/NAME.yaml}. Any model of the registry can be
 * validated by a file alone:
 * <pre>
 * model: pca                                # a ModelRegistry name
 * params: {k: 2, lambda: 2.0, c_delta: 1.0}
 * regime: ballistic                         # ballistic (metric sup-error) | diffusive (metric law)
 * plant: {m: 0.3}                           # planted in SGD (else x_0 from the model's law)
 * time: {end: 2.0, samples: 101}
 * solver: {rtol: 1e-9, atol: 1e-12}         # ballistic limit; also method and step (e.g. rk4)
 * sde: {dt: 1e-3, paths: 2000}              # diffusive limit (metric law)
 * dims: {quick: [500, 2000], full: [500, 2000, 8000]}   # each d >= 2
 * seeds: {quick: 4, full: 8}                # SGD seeds per dimension
 * seed: 11                                  # master seed: run (d_i, s) uses stream(seed, i, s)
 * statistics: [m, r2perp]                   # compared coordinates (default: all)
 * expect: {rate: -0.5, band: 0.25}          # sup-error: fitted slope within rate ± band
 * expect: {max_z: 4}                        # law: |SGD - SDE| in standard errors, at every d
 * oracles:                                  # closed-form values, checked on the limit
 *   - {kind: end, statistic: m, value: 1.0, tolerance: 1e-3}
 *   - {kind: fixed-point, statistic: m, value: 1.0, tolerance: 1e-9}
 *   - {kind: fold, parameter: lambda, value: 3.0792, tolerance: 1e-4,
 *      start: {lambda: 4, m: 1, r2perp: 1}, direction: -1, range: [2, 6]}
 * </pre>
 * An iteration-indexed model ({@link IterationLimit}, e.g. {@code dmf}, docs/dmf.md) is
 * compared on its iteration grid l = 0..L−1 against a limit computed once per case:
 * <pre>
 * model: dmf
 * params: {loss: softplus_sq, alpha: 2, eta: 0.5, paths: 20000, replicas: 4, seed: 1}
 * time: {end: 19, samples: 20}              # the iteration grid: end = L-1, samples = L
 * dims: {quick: [200, 800], full: [200, 800, 3200]}
 * seeds: {quick: 4, full: 12}               # finite-d runs per dimension
 * seed: 5                                   # run (d_i, s) uses stream(seed, i, s)
 * statistics: [loss_train, err_train]       # default: every observable of the model
 * expect: {rate: -0.5, band: 0.3, bias_z: 4}   # bias_z optional: |seed-mean bias at l = L-1| in s.e.
 * </pre>
 * ({@code regime}, {@code plant}, {@code solver}, {@code sde}, {@code oracles} and
 * {@code tlog_points} do not apply there.) {@link ValidationCaseReader} reads the file; errors name the
 * file, line, field and value.
 */
public record ValidationCase(Path file, String name, String description, ModelFactory factory,
    Map<String, Object> params, Model model, Regime regime, Map<String, Double> plant, TimeGrid grid,
    org.effdyn.solve.OdeOptions solver, double sdeDt, int sdePaths, List<Integer> quickDims, List<Integer> fullDims,
    int quickSeeds, int fullSeeds, long seed, List<String> statistics, Metric metric, double rate, double band,
    double maxZ, int tlogPoints, List<Oracle> oracles) {

  /** What is compared. */
  public enum Metric {
    /** Pathwise: sup over t of |SGD - limit| from each run's measured u(x_0) (ballistic). */
    SUP_ERROR,
    /** In law: per-time mean and std of an SGD ensemble against an SDE ensemble (diffusive). */
    LAW,
    /**
     * Pathwise over iterations: per run, sup over l of |finite-d − limit| against an
     * {@link IterationLimit} computed once per case; also the seed-mean bias and d·Var at l = L−1.
     * {@code maxZ} is then the optional bound {@code expect.bias_z} on |bias| / s.e. (NaN: reported only).
     */
    ITERATION
  }

  /** An oracle: a value known in closed form (docs/validation.md), checked on the limit. */
  public record Oracle(String kind, String statistic, double value, double tolerance, String parameter,
      Map<String, Double> start, double direction, double[] range) {}

  public ValidationCase {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    plant = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plant));
    quickDims = List.copyOf(quickDims);
    fullDims = List.copyOf(fullDims);
    statistics = List.copyOf(statistics);
    oracles = List.copyOf(oracles);
  }

  /** Dimensions of a quick or full run. */
  public List<Integer> dims(boolean full) {
    return full ? fullDims : quickDims;
  }

  public int seeds(boolean full) {
    return full ? fullSeeds : quickSeeds;
  }

  /** Reads and checks a case file; errors name the file, line, field and value. */
  public static ValidationCase load(Path file) {
    return ValidationCaseReader.read(YamlTree.read(file, file.toString()), file);
  }
}
