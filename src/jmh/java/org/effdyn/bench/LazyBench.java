package org.effdyn.bench;

import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.model.lazy.Flow;
import org.effdyn.model.lazy.LazyProblem;
import org.effdyn.model.lazy.LazySweep;
import org.effdyn.model.lazy.LazyTwoLayer;
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
 * Lazy training (docs/lazy.md): one drift evaluation of the network's flows (n = 20, d = 3, width m;
 * full = the full and the linearized flow in v = alpha (w - w0), the path integral Vpath and the energy
 * E; all = with the first-order correction v1 as well), and one full solve to t = 100 at alpha = 1e3.
 * Run: {@code java -jar target/benchmarks.jar Lazy}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LazyBench {
  /** Drift at a state with v = vbar = v1 = 0.5 (deterministic), alpha = 100. */
  @State(Scope.Benchmark)
  public static class DriftState {
    @Param({"40", "160"})
    int m;

    @Param({"full", "all"})
    String flow;

    Dynamics h;
    double[] u;
    double[] out;

    @Setup
    public void setup() {
      LazyTwoLayer net = new LazyTwoLayer(20, 3, m, null, null, null, 100, 0L, null, Flow.parse(flow));
      h = net.problem().dynamics(Flow.parse(flow));
      u = new double[h.dimension()];
      java.util.Arrays.fill(u, 0.5);
      u[0] = 1;
      out = new double[u.length];
    }
  }

  @Benchmark
  public void drift(DriftState s, Blackhole bh) {
    s.h.drift(s.u, s.out);
    bh.consume(s.out);
  }

  /** Baseline: an empty drift of the same size. */
  @Benchmark
  public void baseline(DriftState s, Blackhole bh) {
    bh.consume(s.out);
  }

  /** Full + linear flow of the default network to t = 100 (21 log-spaced outputs), with derived columns. */
  @State(Scope.Benchmark)
  public static class SolveState {
    LazyProblem pr;
    double[] times;

    @Setup
    public void setup() {
      pr = LazyTwoLayer.defaults(1e3).problem();
      times = LazySweep.logGrid(0.1, 100, 21);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Measurement(iterations = 5)
  public void solveFull(SolveState s, Blackhole bh) {
    bh.consume(s.pr.solve(Flow.FULL, s.times));
  }
}
