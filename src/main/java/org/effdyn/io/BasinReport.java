package org.effdyn.io;

import java.nio.file.Path;
import java.util.List;

/**
 * Optional capability of a model with a Monte Carlo basin-probability study driven by a card (one
 * variant per setting), e.g. the XOR GMM's optimal-basin probability p_K (spec §3(g)). Reached with
 * {@code effdyn fixed-points CARD --basins N}.
 */
public interface BasinReport {
  /** Runs the study with {@code samples} initializations per variant and writes its files into dir;
   *  returns the file names written. Deterministic for any thread count. */
  List<String> writeBasinReport(Scenario card, int samples, int threads, Path dir);
}
