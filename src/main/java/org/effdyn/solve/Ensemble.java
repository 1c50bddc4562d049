package org.effdyn.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.effdyn.core.Check;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Trajectory;

/**
 * Many independent paths (SDE solves, SGD seeds) run in parallel. Path i gets the generator
 * {@link RandomStreams#stream(long, long) stream(seed, i)} and its result is stored at index i, so the
 * outcome is bit-identical for any thread count. A failed path does not stop the others: each path's
 * outcome is recorded and {@link Result#failures()} says how many failed.
 */
public final class Ensemble {
  /** One path: build its trajectory from its own generator. */
  @FunctionalInterface
  public interface PathTask {
    Trajectory run(int path, UniformRandomProvider rng);
  }

  /** A path's result: a trajectory, or the exception that ended it. */
  public record Outcome(int path, Trajectory trajectory, RuntimeException failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  /** All outcomes, in path order. */
  public record Result(List<Outcome> outcomes) {
    /** The successful trajectories, in path order. */
    public List<Trajectory> trajectories() {
      List<Trajectory> l = new ArrayList<>();
      for (Outcome o : outcomes) if (o.ok()) l.add(o.trajectory());
      return l;
    }

    /** Number of failed paths. */
    public int failures() {
      int n = 0;
      for (Outcome o : outcomes) if (!o.ok()) n++;
      return n;
    }

    /** Mean, std and quantiles per time over the successful paths. */
    public EnsembleSummary summary() {
      return EnsembleSummary.of(trajectories());
    }
  }

  private final int paths;
  private final long seed;
  private final int threads;

  /** paths &gt;= 1; threads &gt;= 1 (the result does not depend on it). */
  public Ensemble(int paths, long seed, int threads) {
    this.paths = Check.atLeast("paths", paths, 1);
    this.seed = seed;
    this.threads = Check.atLeast("threads", threads, 1);
  }

  /** Runs every path; progress (may be null) is called once per finished path, from any thread. */
  public Result run(PathTask task, Runnable progress) {
    Outcome[] out = new Outcome[paths];
    java.util.function.IntConsumer one = i -> {
      try {
        out[i] = new Outcome(i, task.run(i, RandomStreams.stream(seed, i)), null);
      } catch (RuntimeException e) {
        out[i] = new Outcome(i, null, e);
      }
      if (progress != null) progress.run();
    };
    Runnable body = () -> IntStream.range(0, paths).parallel().forEach(one);
    if (threads == 1) {
      for (int i = 0; i < paths; i++) one.accept(i);
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        pool.submit(body).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("ensemble interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("ensemble failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdown();
      }
    }
    return new Result(List.of(out));
  }
}
