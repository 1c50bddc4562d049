package org.effdyn.bench;

import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.pca.SpikedPca;
import org.effdyn.solve.OdeMethod;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole solve of the pca-matrix card's limit (lambda = 2, c_delta = 1, m(0) = 0.3, T = 2, 201 output
 * points): adaptive DP853 at rtol 1e-9 against fixed-step Euler with the step the literature uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OdeSolveBench {
  @Param({"dormand-prince-853", "euler"})
  String method;

  final Dynamics h = SpikedPca.matrix(2, 1).limit(Regime.BALLISTIC);
  final TimeGrid grid = TimeGrid.of(2, 201);

  @Benchmark
  public double solve() {
    OdeMethod m = OdeMethod.parse(method);
    OdeOptions o = OdeOptions.defaults().withMethod(m);
    if (m == OdeMethod.EULER) o = o.withStep(1e-4);
    return new OdeSolver(o).solve(h, new double[] {0.3, 1.0}, grid).finalState()[0];
  }
}
