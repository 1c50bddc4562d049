package org.effdyn.bench;

import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.model.pca.SpikedPca;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Drift evaluation h(u) of the PCA limits, with an empty drift as the baseline. Run:
 * {@code java -jar target/benchmarks.jar Drift}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DriftBench {
  @Param({"2", "3"})
  int k;

  Dynamics ballistic;
  Dynamics diffusive;
  final double[] u = {0.3, 0.9};
  final double[] out = new double[2];
  final double[][] b = new double[2][1];

  @Setup
  public void setup() {
    SpikedPca p = new SpikedPca(k, 4.0, 1.0);
    ballistic = p.limit(Regime.BALLISTIC);
    diffusive = p.limit(Regime.DIFFUSIVE);
  }

  @Benchmark
  public void baselineEmpty(Blackhole bh) {
    out[0] = u[0];
    out[1] = u[1];
    bh.consume(out);
  }

  @Benchmark
  public void pcaBallisticDrift(Blackhole bh) {
    ballistic.drift(u, out);
    bh.consume(out);
  }

  @Benchmark
  public void pcaDiffusiveDriftAndDiffusion(Blackhole bh) {
    diffusive.drift(u, out);
    diffusive.diffusion(u, b);
    bh.consume(out);
    bh.consume(b);
  }
}
