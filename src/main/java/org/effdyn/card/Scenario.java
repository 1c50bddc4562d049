package org.effdyn.card;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.effdyn.core.Model;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.spectral.SpectrumStudy;
import org.effdyn.solve.Event;
import org.effdyn.solve.OdeOptions;

/**
 * A parsed and validated scenario card (see {@link #load(Path)} for the format). Every model of
 * every variant is already built, so a loaded scenario can run without further input errors.
 *
 * @param file       the card
 * @param shownFile  the card as the user named it, for messages
 * @param name       the card's file name without {@code .yaml}/{@code .yml}; chart titles
 * @param factory    the model's factory
 * @param baseParams the card's {@code params} as written (variants override them)
 * @param regime     ballistic or diffusive
 * @param variants   at least one; a card without {@code variants} has one, with a null label
 * @param initSeed   {@code init.seed}: draws a random initial law for the ballistic limit
 * @param grid       the output grid
 * @param solver     ODE options (ballistic), else null
 * @param sde        Euler-Maruyama ensemble settings (diffusive), else null
 * @param simulate   finite-d SGD overlay, or null
 * @param events     ballistic events (empty for none)
 * @param output     output settings
 * @param spectrum   Hessian/G-matrix spectra along the SGD runs ({@link SpectrumStudy}), or null
 * @param chart      what the charts draw and in which formats ({@link ChartSpec#defaults()} without a
 *                   {@code chart} section)
 * @param source     the card as read: its YAML tree written as JSON, keys in the card's order, without
 *                   comments or layout (what a sweep's point keys hash; see {@code run.PointKey})
 */
public record Scenario(Path file, String shownFile, String name, ModelFactory factory,
    Map<String, Object> baseParams, Regime regime, List<Variant> variants, long initSeed, TimeGrid grid,
    OdeOptions solver, Sde sde, Simulate simulate, List<Event> events, Output output,
    SpectrumStudy.Options spectrum, ChartSpec chart, String source) {

  /**
   * One run of the card: a label (null for a card without variants), its validated model, the
   * explicit initial values by coordinate name (the rest come from the initial law), and the values
   * planted in the SGD simulator.
   */
  public record Variant(String label, Model model, Map<String, Double> init, Map<String, Double> plant) {
    public Variant {
      plant = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(plant));
      init = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(init));
    }

    /** File-name suffix: {@code ""} or {@code "-LABEL"}. */
    public String suffix() {
      return label == null ? "" : "-" + label;
    }
  }

  /** {@code sde}: Euler-Maruyama step bound, number of paths, master seed, blow-up bound. */
  public record Sde(double dt, int paths, long seed, double blowUp) {}

  /**
   * {@code simulate.limit_start}: where the limit drawn beside each SGD run starts (ballistic cards
   * that are not studies; the diffusive regime compares SGD with its SDE ensemble as before).
   */
  public enum LimitStart {
    /**
     * One limit per SGD run, from that run's measured statistics at t0 ({@code limit-sgd.csv}, one
     * block per (d, seed)); runs with bit-identical starts share one solve. The default for every
     * model: the limit theorem holds for the measured start, and with a random initial law (e.g.
     * committee machines) limit and run then start at the same point and, where the start's
     * asymmetries decide a symmetry breaking, take the same branch (near an unstable invariant set the
     * SGD noise can still choose it; such a card says {@code card}). See docs/charts.md.
     */
    MEASURED,
    /** One limit per d, from the mean over that d's runs of their measured starts ({@code limit-sgd.csv}, one block per d). */
    MEAN,
    /** Only the limit from the card's init ({@code limit.csv}); no {@code limit-sgd.csv}. */
    CARD;

    /** The card spelling. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code simulate}: dimensions, seeds per dimension, master seed, where the SGD-start limits start. */
  public record Simulate(List<Integer> d, int seeds, long seed, LimitStart limitStart) {
    public Simulate {
      d = List.copyOf(d);
      if (limitStart == null) limitStart = LimitStart.MEASURED;
    }

    /** With the default {@link LimitStart#MEASURED}. */
    public Simulate(List<Integer> d, int seeds, long seed) {
      this(d, seeds, seed, LimitStart.MEASURED);
    }
  }

  /**
   * {@code output}: directory (relative to the working directory), which files to write, and the
   * line of {@code output.dir} in the card (0 if not given there), for error messages.
   */
  public record Output(String dir, boolean csv, boolean chart, int dirLine) {}

  public Scenario {
    variants = List.copyOf(variants);
    events = List.copyOf(events);
    baseParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseParams));
  }

  /**
   * Reads and validates a card. Format (YAML; every key but {@code model} and {@code time.end} is
   * optional):
   * <pre>
   * model: pca                              # a ModelRegistry name
   * params: {k: 2, lambda: 2.0, c_delta: 1} # the model's parameters (effdyn models lists them)
   * regime: ballistic                       # ballistic (default) | diffusive
   * init: {m: 0.3, seed: 1}                 # explicit statistics; the rest from the initial law
   * time: {start: 0, end: 2, samples: 201}  # start 0, samples 201 by default
   * solver: {method: dormand-prince-853, rtol: 1e-9, atol: 1e-12, step: 0.01,
   *          min_step: 1e-12, max_evaluations: 10000000, blow_up: 1e12}   # ballistic only
   * sde: {dt: 1e-3, paths: 1000, seed: 1, blow_up: 1e12}                    # diffusive only
   * simulate: {d: [500, 2000], seeds: 4, seed: 1, plant: {m: 0.3},
   *            limit_start: measured}       # measured | mean | card (ballistic): see LimitStart
   * events: [{statistic: m, level: 0.9, action: record, name: m90}]      # ballistic only
   * variants: [{label: below, params: {lambda: 0.5}, init: {m: 0.1}}]
   * output: {dir: out/NAME, csv: true, chart: true}
   * spectrum: {every: 5, top: 4, test_ratio: 2, seed: 1, units: [0], tol: 1e-6, population_points: 256, seeds: 1}
   *                                         # kgmm / xor-gmm with simulate: spectrum.csv, alignment.csv, spectrum.png
   * chart: {columns: [m], log_y: true, layout: grid, cols: 2, title: "...", style: paper,
   *         formats: [png, svg, pdf], width: 640, height: 520, card_limit: true}   # see ChartSpec
   * </pre>
   * Errors are {@link ScenarioException}s naming the file, line, field and value.
   */
  public static Scenario load(Path file) {
    return CardReader.read(file, file.toString());
  }

  /**
   * As {@link #load(Path)}; with {@code force}, a model over {@link Limits#MAX_STATE} statistics is
   * built anyway instead of refused.
   */
  public static Scenario load(Path file, boolean force) {
    return CardReader.read(file, file.toString(), force);
  }

  /** As {@link #load(Path)}, naming the file {@code shown} in messages. */
  public static Scenario load(Path file, String shown) {
    return CardReader.read(file, shown);
  }

  /** Parses card text (tests); {@code shown} names it in messages and gives the card name. */
  public static Scenario parse(String yaml, String shown) {
    return CardReader.parse(YamlTree.parse(yaml, shown), Path.of(shown), shown);
  }

  /**
   * The card with some parameters overridden (a sweep's grid point): one variant labelled
   * {@code label}, its model built from {@code params} with the overrides, the card's init and plant
   * kept, no SGD overlay when {@code withSimulate} is false. Only for cards without variants.
   *
   * @throws IllegalArgumentException naming {@code params.NAME} for an unknown parameter or a bad value
   */
  public Scenario withParams(Map<String, ?> overrides, String label, boolean withSimulate) {
    if (hasVariants()) {
      throw new IllegalArgumentException(shownFile + ": variants: a card with variants cannot be swept; "
          + "sweep a card without variants (the sweep makes its own)");
    }
    Map<String, Object> merged = new java.util.LinkedHashMap<>(baseParams);
    merged.putAll(overrides);
    Model model = factory.create(merged);
    Variant v0 = variants.get(0);
    return new Scenario(file, shownFile, name, factory, merged, regime,
        List.of(new Variant(label, model, v0.init(), v0.plant())), initSeed, grid, solver, sde,
        withSimulate ? simulate : null, events, output, withSimulate ? spectrum : null, chart, source);
  }

  /** True if the card has variants (then every output file carries the variant label). */
  public boolean hasVariants() {
    return variants.size() > 1 || variants.get(0).label() != null;
  }
}
