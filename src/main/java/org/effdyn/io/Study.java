package org.effdyn.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Optional capability of a card model whose result is computed as a whole and written as files,
 * not an ODE/SDE solved in time: the iteration-indexed DMF surrogate of full-batch training
 * (spec/dmf.md §9), or the sample-complexity study of spec §5.0. Such a model has no
 * {@link org.effdyn.core.Dynamics}: {@link CardReader} skips the layout checks for it (no
 * {@code init}, {@code events}; {@code time} only if {@link #usesTime()}), and {@link ScenarioRunner}
 * hands each variant to {@link #compute} instead of solving, then writes the returned files and
 * {@code run.json}.
 */
public interface Study {

  /**
   * What one variant produced: files by name (without the variant suffix, e.g. {@code dmf.csv};
   * each writer must write its path atomically) in the order they are written, entries for the
   * variant's part of {@code run.json}, and a one-line summary for the console.
   */
  record Output(LinkedHashMap<String, Consumer<Path>> files, Map<String, Object> record, String summary) {}

  /** Computes one variant of the card (everything, before anything is written); deterministic for any thread count. */
  Output compute(Scenario card, Scenario.Variant variant, int threads);

  /** True if the card's {@code time} section is read (the DMF's iteration grid); false: it is refused. */
  default boolean usesTime() {
    return true;
  }
}
