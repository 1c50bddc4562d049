package org.effdyn.cli;

import picocli.CommandLine.Option;

/**
 * The options every working command shares ({@code --threads}, {@code --verbose}, {@code --force}), declared once and
 * mixed in with {@code @Mixin}. Results never depend on the thread count.
 */
final class SharedOptions {
  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (results do not depend on it). Default: ${DEFAULT-VALUE}.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = {"-v", "--verbose"}, description = "More detail (solver statistics), and stack traces on failure.")
  boolean verbose;

  @Option(names = "--force", description = "Run even when the cost estimate is over the limits "
      + "(10^6 statistics, 10^13 operations of limit or SGD work).")
  boolean force;

  /** The error message for a bad {@code --threads}, or null. */
  String threadsError() {
    return threads < 1 ? "--threads must be >= 1, got " + threads : null;
  }
}
