package org.effdyn.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.effdyn.core.Check;

/**
 * Runs tasks 0..n-1 on a pool of {@code threads} workers and returns their results in index order.
 * Each task must draw its randomness from its index alone (e.g. {@code RandomStreams.stream(seed, i)},
 * as {@link org.effdyn.solve.Ensemble} does), so the results do not depend on the thread count.
 */
public final class Parallel {
  private Parallel() {}

  /** Results by index; progress (may be null) runs once per finished task, from any thread. */
  public static <T> List<T> map(int n, int threads, IntFunction<T> task, Runnable progress) {
    Check.atLeast("threads", threads, 1);
    Object[] out = new Object[n];
    java.util.function.IntConsumer one = i -> {
      out[i] = task.apply(i);
      if (progress != null) progress.run();
    };
    if (threads == 1 || n <= 1) {
      for (int i = 0; i < n; i++) one.accept(i);
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(one)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdown();
      }
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) new ArrayList<>(Arrays.asList(out));
    return list;
  }

  /** Two-sided normal quantile z with P(|Z| &lt;= z) = confidence (1.96 for 0.95). */
  public static double z(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    return Math.sqrt(2) * org.hipparchus.special.Erf.erfInv(confidence);
  }

  /**
   * Wilson score interval for a binomial proportion k/n at this confidence (Wilson 1927): better
   * coverage than p ± z√(p(1-p)/n) near 0 and 1, and never outside [0, 1].
   */
  public static double[] wilson(long k, long n, double confidence) {
    if (n <= 0) return new double[] {0, 1};
    double z = z(confidence);
    double p = (double) k / n;
    double z2 = z * z;
    double den = 1 + z2 / n;
    double mid = (p + z2 / (2.0 * n)) / den;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
    return new double[] {Math.max(0, mid - half), Math.min(1, mid + half)};
  }
}
