package org.effdyn.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Optional capability of a model whose limit is indexed by iterations and solved as a whole, not
 * an ODE/SDE in time, e.g. the DMF surrogate of full-batch training (spec/dmf.md §9). Such a model
 * has no {@link org.effdyn.core.Dynamics}: {@link CardReader} skips the layout checks for it
 * (no {@code init}, {@code events}), and {@link ScenarioRunner} hands each variant to
 * {@link #iterate} instead of solving, then writes the returned files and {@code run.json}.
 */
public interface IterationReport {

  /**
   * What one variant produced: files by name (without the variant suffix, e.g. {@code dmf.csv};
   * each writer must write its path atomically) in the order they are written, and entries for the
   * variant's part of {@code run.json}.
   */
  record Output(LinkedHashMap<String, Consumer<Path>> files, Map<String, Object> record) {}

  /** Computes one variant of the card (everything, before anything is written); deterministic for any thread count. */
  Output iterate(Scenario card, Scenario.Variant variant, int threads);
}
