package org.effdyn.run;

/**
 * Progress of a long task (an SDE ensemble, SGD runs), reported by {@link ScenarioRunner}. The CLI
 * draws a bar on stderr; the library default does nothing.
 */
@FunctionalInterface
public interface Progress {
  /** Starts a task of {@code total} units; the ticker's {@link Ticker#step()} may be called from any thread. */
  Ticker start(String task, long total);

  /** Counts finished units of one task. */
  interface Ticker extends AutoCloseable {
    /** One more unit done; thread-safe. */
    void step();

    /** The task is over (finished or failed). */
    @Override
    void close();
  }

  /** Reports nothing. */
  static Progress none() {
    return (task, total) -> new Ticker() {
      @Override public void step() {}
      @Override public void close() {}
    };
  }
}
