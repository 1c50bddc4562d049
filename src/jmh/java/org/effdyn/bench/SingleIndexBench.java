package org.effdyn.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.model.singleindex.Link;
import org.effdyn.model.singleindex.SingleIndex;
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
 * One spherical online-SGD step (N Gaussian draws, two passes over x) for online PCA and the relu GLM,
 * and one evaluation of the relu-GLM ballistic drift (a 160 × 160 composite Gauss–Legendre integral).
 * Run: {@code mvn -B -Pbench package -DskipTests && java -jar target/benchmarks.jar SingleIndex}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SingleIndexBench {
  @Param({"1000", "10000"})
  int n;

  SgdSimulator pca;
  SgdSimulator glm;
  Dynamics glmDrift;
  double[] u = new double[1];
  double[] in = {0.4};

  @Setup
  public void setup() {
    // λ = 2, δ = 0.5 from m = 0.3: SGD stays near m* = 0.71 however long JMH runs
    pca = SingleIndex.onlinePca(2, 0.5).simulator(n, Regime.BALLISTIC);
    pca.initialize(RandomStreams.stream(1, 0), Map.of("m", 0.3));
    SingleIndex g = SingleIndex.glm(Link.RELU, Link.RELU, 0.1, 0.5);
    glm = g.simulator(n, Regime.BALLISTIC);
    glm.initialize(RandomStreams.stream(1, 1), Map.of("m", 0.3));
    glmDrift = g.limit(Regime.BALLISTIC);
  }

  @Benchmark
  public void pcaStep(Blackhole bh) {
    pca.step();
    pca.statistics(u);
    bh.consume(u[0]);
  }

  @Benchmark
  public void glmReluStep(Blackhole bh) {
    glm.step();
    glm.statistics(u);
    bh.consume(u[0]);
  }

  @Benchmark
  public double glmReluDrift() {
    glmDrift.drift(in, u);
    return u[0];
  }
}
