package org.effdyn.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.SgdSimulator;
import org.effdyn.model.kgmm.Kgmm;
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
 * k-GMM: one finite-lambda drift evaluation (k-dimensional Gaussian integrals with the model's default
 * rule, 4096 nodes; the quadrature errors are measured in KgmmFiniteTest) and one SGD step.
 * Run: {@code java -jar target/benchmarks.jar Kgmm}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KgmmBench {
  /** Drift at a state along the limit (m = 0.5 I - 0.1, R_perp = 0.5 I), lambda = 10. */
  @State(Scope.Benchmark)
  public static class DriftState {
    @Param({"3", "5", "10"})
    int k;

    Dynamics h;
    double[] u;
    double[] out;

    @Setup
    public void setup() {
      Kgmm g = new Kgmm(k, 10, 0.01, 1);
      h = g.limit(Regime.BALLISTIC);
      u = new double[g.layout().size()];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) u[a * k + b] = a == b ? 0.5 : -0.1;
        u[g.layout().indexOf("Rperp[" + (a + 1) + "," + (a + 1) + "]")] = 0.5;
      }
      out = new double[u.length];
    }
  }

  /** SGD at k = 10, lambda = 10, beta = 0.01 (the paper demo) in dimension d. */
  @State(Scope.Benchmark)
  public static class SgdState {
    @Param({"1000", "10000"})
    int d;

    SgdSimulator sim;

    @Setup
    public void setup() {
      sim = new Kgmm(10, 10, 0.01, 1).simulator(d, Regime.BALLISTIC);
      sim.initialize(RandomStreams.stream(1, 0), Map.of());
    }
  }

  @Benchmark
  public void finiteLambdaDrift(DriftState s, Blackhole bh) {
    s.h.drift(s.u, s.out);
    bh.consume(s.out);
  }

  @Benchmark
  public void sgdStep(SgdState s) {
    s.sim.step();
  }
}
