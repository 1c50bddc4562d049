package org.effdyn.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.effdyn.core.RandomStreams;
import org.effdyn.model.common.Activation;
import org.effdyn.model.generic.AnchoredMixture;
import org.effdyn.model.generic.GenericOptions;
import org.effdyn.model.generic.GenericSgdSimulator;
import org.effdyn.model.generic.GenericStart;
import org.effdyn.model.generic.MultiIndexLoss;
import org.effdyn.model.generic.NetworkLoss;
import org.effdyn.model.generic.OutputLoss;
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
 * One step of the generic SGD simulator on the tanh network of {@code models/generic-tanh.yaml} (p = 3, q = 2,
 * trained head), with the hand-written gradient and with forward-mode AD ({@code MultiIndexLoss.adOnly}).
 * Run: {@code java -jar target/benchmarks.jar GenericSgd}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GenericSgdBench {
  @State(Scope.Benchmark)
  public static class SgdState {
    @Param({"1000", "10000"})
    int d;

    @Param({"hand", "ad"})
    String gradient;

    GenericSgdSimulator sim;

    @Setup
    public void setup() {
      AnchoredMixture law = AnchoredMixture.classLabelled(new double[][] {{1, 0.4}, {0.4, 1}}, new double[] {0.3, 0.3, 0.4},
          new double[][] {{1, 0}, {-1, 0}, {0, 1}}, 3, new double[][] {{1}, {1}, {-1}});
      MultiIndexLoss loss = NetworkLoss.twoLayer(3, Activation.TANH, OutputLoss.SQUARED, null);
      if (gradient.equals("ad")) loss = loss.adOnly();
      sim = new GenericSgdSimulator(law, loss, GenericOptions.of(0.8, 0.02),
          GenericStart.random(1, new double[] {0.8, -0.6, 0.5}), d);
      sim.initialize(RandomStreams.stream(1, 0), Map.of());
    }
  }

  @Benchmark
  public void sgdStep(SgdState s) {
    s.sim.step();
  }
}
