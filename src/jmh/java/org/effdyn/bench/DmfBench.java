package org.effdyn.bench;

import java.util.concurrent.TimeUnit;
import org.effdyn.model.dmf.Algorithm;
import org.effdyn.model.dmf.DmfProblem;
import org.effdyn.model.dmf.DmfSolution;
import org.effdyn.model.dmf.MonteCarloSweep;
import org.effdyn.model.dmf.Perceptron;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DMF Monte Carlo forward sweep (docs/dmf.md): one full sweep of the soft-ReLU perceptron
 * (reference configuration, GD η = 0.5, α = 2) with 10^4 paths per class (4 replicas), for L = 40
 * and 200, on 1 and 2 threads. The cost is O(N L²) for the fields plus O(N L³/6) for the pathwise
 * responses, so L = 200 costs about (200/40)³ = 125 times L = 40.
 * Run: {@code java -jar target/benchmarks.jar Dmf}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class DmfBench {
  @State(Scope.Benchmark)
  public static class Sweep {
    @Param({"40", "200"})
    int iterations;

    @Param({"1", "2"})
    int threads;

    DmfProblem problem;
    MonteCarloSweep.Options options;

    @Setup
    public void setup() {
      problem = new DmfProblem(new double[] {0.5, 0.5}, DmfProblem.referenceNu(), 2,
          Perceptron.softplusSquare(), new Algorithm.Gd(0.5), iterations);
      options = new MonteCarloSweep.Options(10_000, 4, 1250, threads, 1);
    }
  }

  @Benchmark
  public DmfSolution sweep(Sweep s) {
    return MonteCarloSweep.solve(s.problem, s.options);
  }
}
