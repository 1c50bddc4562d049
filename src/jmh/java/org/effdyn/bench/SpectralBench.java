package org.effdyn.bench;

import java.util.concurrent.TimeUnit;
import org.effdyn.core.RandomStreams;
import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.kgmm.KgmmOracles;
import org.effdyn.model.spectral.KgmmSpectrum;
import org.effdyn.model.spectral.Lanczos;
import org.effdyn.model.spectral.WeightedGram;
import org.effdyn.model.spectral.XorSpectrum;
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
 * Spectral blocks (docs/spectral.md) at M̃ = 2d test samples, d = 1000 and 4000: one matrix-free product of the
 * k-GMM Hessian class block (k = 3, λ = 10, at the λ = ∞ fixed point; {@link WeightedGram}, O(M̃ d)), a
 * block product of 5 vectors (one pass over the data), the block's top-3 eigenpairs (the outliers, μ_0
 * and the ×2 pair) by block Lanczos at tol 1e-8, and one product of the XOR W_0W_0 Hessian block (K = 4
 * at a fixed point: the ReLU gate drops about half of the rows). Run:
 * {@code mvn -B -Pbench package -DskipTests && java -jar target/benchmarks.jar SpectralBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SpectralBench {
  @Param({"1000", "4000"})
  int d;

  WeightedGram block;
  WeightedGram xorBlock;
  double[] u;
  double[] out;
  double[][] us;
  double[][] outs;

  @Setup
  public void setup() {
    Kgmm model = new Kgmm(3, 10, 0.1, 1.0);
    double[][] m = KgmmOracles.fixedPoint(new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1.0));
    double[][] x = new double[3][d];
    for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) x[a][b] = m[a][b];
    KgmmSpectrum.TestSet test = KgmmSpectrum.TestSet.draw(3, model.p(), 10, d, 2 * d, RandomStreams.stream(1, 0));
    block = KgmmSpectrum.empiricalBlock(x, test, 0, 0, true);
    double[][] w = new double[4][d];
    double[] v = {1.1, 1.1, -1.1, -1.1};
    w[0][0] = 1.1;
    w[1][0] = -1.1;
    w[2][1] = 1.1;
    w[3][1] = -1.1;
    xorBlock = new XorSpectrum.Empirical(w, v, XorSpectrum.TestSet.draw(10, d, 2 * d, RandomStreams.stream(1, 1))).ww(0, 0, true);
    u = new double[d];
    out = new double[d];
    us = new double[5][d];
    outs = new double[5][d];
    for (int i = 0; i < d; i++) {
      u[i] = Math.sin(i);
      for (int j = 0; j < 5; j++) us[j][i] = Math.sin((j + 1) * i);
    }
  }

  @Benchmark
  public double product() {
    block.apply(u, out);
    return out[0];
  }

  @Benchmark
  public double blockProduct5() {
    block.applyBlock(us, outs, 5);
    return outs[0][0];
  }

  @Benchmark
  public double top3() {
    return Lanczos.top(block, 3, 1e-8, RandomStreams.stream(2, 0)).values()[0];
  }

  @Benchmark
  public double xorProduct() {
    xorBlock.apply(u, out);
    return out[0];
  }
}
