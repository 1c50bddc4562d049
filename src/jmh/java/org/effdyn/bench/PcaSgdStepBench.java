package org.effdyn.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
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
 * One online-SGD step of spiked matrix PCA (N + 1 ziggurat draws and one pass over x), against the
 * floor of drawing N Gaussians alone. Run: {@code mvn -B -Pbench package -DskipTests &&
 * java -jar target/benchmarks.jar PcaSgdStep}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PcaSgdStepBench {
  @Param({"1000", "10000"})
  int n;

  SgdSimulator sim;
  ZigguratSampler.NormalizedGaussian gauss;
  double[] u = new double[2];

  @Setup
  public void setup() {
    // lambda = 2, c_delta = 1 from m = 0.3: the iterate stays O(1) however long JMH runs
    sim = SpikedPca.matrix(2, 1).simulator(n, Regime.BALLISTIC);
    sim.initialize(RandomStreams.stream(1, 0), Map.of("m", 0.3));
    UniformRandomProvider rng = RandomStreams.stream(2, 0);
    gauss = ZigguratSampler.NormalizedGaussian.of(rng);
  }

  @Benchmark
  public void sgdStep(Blackhole bh) {
    sim.step();
    sim.statistics(u);
    bh.consume(u[0]);
  }

  /** Floor: N Gaussian draws summed, no update. */
  @Benchmark
  public double gaussiansOnly() {
    double s = 0;
    for (int i = 0; i < n; i++) s += gauss.sample();
    return s;
  }
}
