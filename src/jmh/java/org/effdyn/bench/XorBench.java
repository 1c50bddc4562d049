package org.effdyn.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.model.xor.XorGmm;
import org.effdyn.model.xor.XorOracles;
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
 * XOR GMM: one finite-λ drift evaluation (Prop. 5.15 by RQMC, the model default of 1024 nodes in dimension K + 2; the accuracy
 * is measured in XorFiniteTest and docs/xor.md), one SGD step, and the throughput of λ = ∞ basin solves
 * (K = 6 to T = 60 from the initial law) on 1 and 2 threads. Run: {@code java -jar target/benchmarks.jar Xor}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class XorBench {
  /** Drift at λ = 4, β = 0.05, v = ±1, m^μ = 0.3, m^ν = -0.2, R⊥ = 0.5 I. */
  @State(Scope.Benchmark)
  public static class DriftState {
    @Param({"4", "20"})
    int k;

    Dynamics h;
    double[] u;
    double[] out;

    @Setup
    public void setup() {
      XorGmm g = new XorGmm(k, 4, 0.05, 1);
      h = g.limit(Regime.BALLISTIC);
      u = new double[g.layout().size()];
      for (int i = 0; i < k; i++) {
        u[i] = i % 2 == 0 ? 1 : -1;
        u[k + i] = 0.3;
        u[2 * k + i] = -0.2;
        u[g.layout().indexOf("Rperp[" + (i + 1) + "," + (i + 1) + "]")] = 0.5;
      }
      out = new double[u.length];
    }
  }

  /** SGD at λ = 10, β = 0.05 in dimension d with width K. */
  @State(Scope.Benchmark)
  public static class SgdState {
    @Param({"1000", "10000"})
    int d;

    @Param({"4", "20"})
    int k;

    SgdSimulator sim;

    @Setup
    public void setup() {
      sim = new XorGmm(k, 10, 0.05, 1).simulator(d, Regime.BALLISTIC);
      sim.initialize(RandomStreams.stream(1, 0), Map.of());
    }
  }

  /** λ = ∞ basin Monte Carlo: 64 solves of K = 6 to T = 60 per operation, on {@code threads} threads. */
  @State(Scope.Benchmark)
  public static class BasinState {
    @Param({"1", "2"})
    int threads;

    XorGmm g = new XorGmm(6, Double.POSITIVE_INFINITY, 0.05, 1);
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

  /** Time per 64 solves; solves/s = 64e6 / (µs per op). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void basinSolves(BasinState s, Blackhole bh) {
    bh.consume(XorOracles.basinProbability(s.g, 64, 60, 3, s.threads));
  }
}
