package org.effdyn.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.model.committee.ActivationIntegrals;
import org.effdyn.model.committee.Committee;
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
 * Soft committee machine: one drift evaluation (K = M; erf and linear closed forms, ReLU with its
 * Gaussian-engine I4) and one SGD step (erf, K = M = 2, eta = 0.5) in dimension N. Steps per second
 * = 1e6 / (us per op). Run: {@code java -jar target/benchmarks.jar Committee}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommitteeBench {
  /** Drift at a fresh student's statistics (N = 10000, seed 1), eta = 0.5. */
  @State(Scope.Benchmark)
  public static class DriftState {
    @Param({"2", "4", "8"})
    int k;

    @Param({"erf", "linear", "relu"})
    String activation;

    Dynamics h;
    double[] u;
    double[] out;

    @Setup
    public void setup() {
      Committee c = Committee.erf(k, k, 0.5).withActivation(ActivationIntegrals.parse(activation)).withInit(1.0, 10000);
      h = c.limit(Regime.BALLISTIC);
      u = new double[c.layout().size()];
      c.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(1, 0), u);
      out = new double[u.length];
    }
  }

  /** SGD, erf, K = M = 2, eta = 0.5, in dimension N. */
  @State(Scope.Benchmark)
  public static class SgdState {
    @Param({"1000", "10000"})
    int n;

    SgdSimulator sim;

    @Setup
    public void setup() {
      sim = Committee.erf(2, 2, 0.5).simulator(n, Regime.BALLISTIC);
      sim.initialize(RandomStreams.stream(1, 0), Map.of());
    }
  }

  /** Baseline: an empty drift. */
  @Benchmark
  public void emptyDrift(DriftState s, Blackhole bh) {
    bh.consume(s.out);
  }

  @Benchmark
  public void drift(DriftState s, Blackhole bh) {
    s.h.drift(s.u, s.out);
    bh.consume(s.out);
  }

  @Benchmark
  public void sgdStep(SgdState s) {
    s.sim.step();
  }
}
