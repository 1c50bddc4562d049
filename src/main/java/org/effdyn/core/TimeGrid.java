package org.effdyn.core;

/**
 * An explicit output grid t_i = t0 + i (t1 - t0)/(n - 1), i = 0..n-1. Times come from the index,
 * never by repeated addition, so long grids do not drift.
 */
public record TimeGrid(double t0, double t1, int samples) {
  public TimeGrid {
    Check.finite("time.start", t0);
    Check.finite("time.end", t1);
    if (!(t1 > t0)) {
      throw new ParameterException("time.end", t1, "must be > time.start, got end=" + t1 + ", start=" + t0);
    }
    Check.atLeast("time.samples", samples, 2);
  }

  /** Grid from 0 to end. */
  public static TimeGrid of(double end, int samples) {
    return new TimeGrid(0.0, end, samples);
  }

  /** t_i. */
  public double time(int i) {
    return i == samples - 1 ? t1 : t0 + i * ((t1 - t0) / (samples - 1));
  }

  /** Spacing (t1 - t0)/(n - 1). */
  public double spacing() {
    return (t1 - t0) / (samples - 1);
  }

  /** All times. */
  public double[] times() {
    double[] t = new double[samples];
    for (int i = 0; i < samples; i++) t[i] = time(i);
    return t;
  }
}
