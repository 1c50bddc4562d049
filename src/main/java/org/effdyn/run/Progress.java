package org.effdyn.run;

/**
 * Progress of a long task (a limit solve by t, an SDE ensemble, SGD runs), reported by {@link ScenarioRunner}. The CLI
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

  /** Units of a task measured by time: t0 .. t1 in this many steps. */
  long TIME_UNITS = 1000;

  /**
   * A time reached, as units of a {@link #TIME_UNITS} task over the grid: each call steps the
   * ticker up to floor(TIME_UNITS (t - t0)/(t1 - t0)). Called from one thread (the solver's).
   */
  static java.util.function.DoubleConsumer byTime(Ticker ticker, org.effdyn.core.TimeGrid grid) {
    long[] done = {0};
    double span = grid.t1() - grid.t0();
    return t -> {
      long units = span > 0 ? (long) Math.min(TIME_UNITS, Math.floor(TIME_UNITS * (t - grid.t0()) / span)) : TIME_UNITS;
      for (; done[0] < units; done[0]++) ticker.step();
    };
  }

  /** Reports nothing. */
  static Progress none() {
    return (task, total) -> new Ticker() {
      @Override public void step() {}
      @Override public void close() {}
    };
  }
}
