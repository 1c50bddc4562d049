package org.effdyn.bench;

import java.util.concurrent.TimeUnit;
import org.effdyn.core.Dynamics;
import org.effdyn.gauss.GaussianRule;
import org.effdyn.model.committee.Committee;
import org.effdyn.model.committee.CommitteeOde;
import org.effdyn.model.common.Activation;
import org.effdyn.model.generic.AnchoredMixture;
import org.effdyn.model.generic.GenericLimit;
import org.effdyn.model.generic.GenericOptions;
import org.effdyn.model.generic.HasKinks;
import org.effdyn.model.generic.LabelModel;
import org.effdyn.model.generic.MultiIndexLoss;
import org.effdyn.model.generic.Quadrature;
import org.effdyn.model.generic.StatisticMap;
import org.effdyn.model.kgmm.Kgmm;
import org.effdyn.model.kgmm.KgmmFinite;
import org.effdyn.model.xor.XorFinite;
import org.effdyn.model.xor.XorGmm;
import org.hipparchus.CalculusFieldElement;
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
 * One drift evaluation of the generic engine (docs/generic.md) against the hand-written drift at
 * the same state, for the three models whose hand-written drifts serve as its oracles:
 * <ul>
 *   <li>{@code kgmm}: k = 3, λ = 1, non-orthonormal means; engine GH 20³ (8000 nodes × 3 classes =
 *       24,000 node-classes); hand-written {@link KgmmFinite} on the same GH 20³ rule (it evaluates all
 *       classes per node from k exponentials);</li>
 *   <li>{@code xor}: K = 4, λ = 4; engine RQMC 16 × 2048 in 4 dims (32,768 nodes × 4 classes = 131,072
 *       node-classes); hand-written {@link XorFinite} with its default rule (1024 outer nodes in 6 dims,
 *       pre-integrated along 16 K lines of 12 points per node);</li>
 *   <li>{@code committee}: K = M = 2 erf, both layers; engine GH 14⁴ (38,416 node-classes); hand-written
 *       {@link CommitteeOde} (closed forms I2, I3, I4).</li>
 * </ul>
 * {@code gradient = hand} uses the loss's hand-written gradient, {@code ad} forward-mode AD (Hipparchus
 * {@code Gradient}). ns per node-class = time per drift / node-classes above.
 * Run: {@code java -jar target/benchmarks.jar GenericDrift}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GenericDriftBench {
  static final double SQRT2 = Math.sqrt(2);
  static final double SQRT2_OVER_PI = Math.sqrt(2 / Math.PI);

  /** The engine, the hand-written drift and a state in each one's layout. */
  @State(Scope.Benchmark)
  public static class Case {
    @Param({"kgmm", "xor", "committee"})
    String model;

    @Param({"hand", "ad"})
    String gradient;

    Dynamics engine;
    Dynamics hand;
    double[] uEngine;
    double[] uHand;
    double[] out;

    @Setup
    public void setup() {
      boolean ad = gradient.equals("ad");
      switch (model) {
        case "kgmm" -> kgmm(ad);
        case "xor" -> xor(ad);
        default -> committee(ad);
      }
      out = new double[Math.max(uEngine.length, uHand.length)];
    }

    void kgmm(boolean ad) {
      double[] p = {0.5, 0.3, 0.2};
      double[][] mbar = {{1.0, 0.3, 0.1}, {0.3, 1.0, -0.2}, {0.1, -0.2, 1.0}};
      double[][] eye = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
      MultiIndexLoss loss = softmaxCe(3);
      GenericLimit e = new GenericLimit(AnchoredMixture.classLabelled(mbar, p, eye, 1, eye), ad ? loss.adOnly() : loss,
          GenericOptions.of(1, 0.1).withQuadrature(Quadrature.gaussHermite(20)));
      engine = e;
      hand = new KgmmFinite(new Kgmm(3, p, mbar, 1, 0.1, 1, 4096), GaussianRule.gaussHermite(3, 20));
      uEngine = e.statistics().pack(new double[][] {{0.6, -0.2, 0.1}, {-0.3, 0.5, 0.2}, {0.1, -0.4, 0.7}},
          new double[][] {{0.8, 0.1, -0.1}, {0.1, 0.6, 0.2}, {-0.1, 0.2, 0.9}}, null);
      uHand = uEngine;
    }

    void xor(boolean ad) {
      int k = 4;
      double[][] a = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
      XorLoss loss = new XorLoss(k);
      GenericLimit e = new GenericLimit(AnchoredMixture.classLabelled(new double[][] {{1, 0}, {0, 1}},
          new double[] {0.25, 0.25, 0.25, 0.25}, a, 4, new double[][] {{1}, {1}, {0}, {0}}), ad ? loss.adOnly() : loss,
          GenericOptions.of(1, 0.05).withQuadrature(Quadrature.rqmc(2048, 16, GaussianRule.DEFAULT_SEED)));
      engine = e;
      XorGmm m = new XorGmm(k, 4, 0.05, 1);
      hand = new XorFinite(m);
      uEngine = e.statistics().pack(new double[][] {{0.4, -0.2}, {-0.3, 0.5}, {0.2, 0.3}, {-0.5, -0.1}},
          new double[][] {{0.8, 0.1, 0, -0.1}, {0.1, 0.6, 0.2, 0}, {0, 0.2, 0.9, 0.1}, {-0.1, 0, 0.1, 0.7}},
          new double[] {1.0, -0.5, 0.8, -1.2});
      uHand = new double[uEngine.length];
      StatisticMap.renamed(e.statistics(), m.layout(), name -> {
        String idx = name.substring(name.indexOf('[') + 1, name.length() - 1);
        if (name.startsWith("v[")) return "theta[" + idx + "]";
        if (name.startsWith("mmu[")) return "m[" + idx + ",1]";
        if (name.startsWith("mnu[")) return "m[" + idx + ",2]";
        return name;
      }).toModel(uEngine, uHand);
    }

    void committee(boolean ad) {
      double[][] t = {{1.0, 0.2}, {0.2, 0.8}};
      double[] vstar = {1.0, 0.7};
      MultiIndexLoss loss = committeeErf(2);
      GenericOptions o = new GenericOptions(0.5, 0, 0.5, 0, GenericOptions.TimeConvention.TEACHER_STUDENT,
          GenericOptions.Form.REGRESSION, GenericOptions.Root.EQUALIZED, Quadrature.gaussHermite(14), 3);
      GenericLimit e = new GenericLimit(AnchoredMixture.teacherStudent(t, LabelModel.teacher(vstar,
          Activation.ERF::valueNoAlloc, 0)), ad ? loss.adOnly() : loss, o);
      StatisticMap map = StatisticMap.gram(e.statistics(), t, "Q", "R", "v");
      engine = e;
      hand = new CommitteeOde(new Committee(2, 2, Activation.ERF, t, vstar, new double[] {1, 1}, 0.5, 0.5, 0, 0, false,
          1, 0, 4096));
      uEngine = e.statistics().pack(new double[][] {{0.5, 0.1}, {0.2, 0.4}}, new double[][] {{0.6, 0.1}, {0.1, 0.5}},
          new double[] {0.9, 0.6});
      uHand = new double[uEngine.length];
      map.toModel(uEngine, uHand);
    }
  }

  @Benchmark
  public void engine(Case c, Blackhole bh) {
    c.engine.drift(c.uEngine, c.out);
    bh.consume(c.out);
  }

  @Benchmark
  public void handWritten(Case c, Blackhole bh) {
    c.hand.drift(c.uHand, c.out);
    bh.consume(c.out);
  }

  // ---------------------------------------------------------------- the three losses (as in the tests)

  static MultiIndexLoss softmaxCe(int k) {
    return new MultiIndexLoss(k, 0, k) {
      @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
        double max = Double.NEGATIVE_INFINITY;
        for (T x : s) max = Math.max(max, x.getReal());
        T z = s[0].subtract(max).exp();
        for (int a = 1; a < s.length; a++) z = z.add(s[a].subtract(max).exp());
        T l = z.log().add(max);
        for (int a = 0; a < s.length; a++) l = l.subtract(s[a].multiply(y[a]));
        return l;
      }

      @Override public void gradient(double[] s, double[] y, double[] theta, double[] gs, double[] gt) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : s) max = Math.max(max, x);
        double z = 0;
        for (int a = 0; a < k; a++) z += gs[a] = Math.exp(s[a] - max);
        for (int a = 0; a < k; a++) gs[a] = gs[a] / z - y[a];
      }
    };
  }

  static final class XorLoss extends MultiIndexLoss implements HasKinks {
    XorLoss(int k) {
      super(k, k, 1);
    }

    @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] v) {
      T z = s[0].getField().getZero();
      for (int i = 0; i < s.length; i++) z = z.add(v[i].multiply(s[i].getReal() > 0 ? s[i] : s[i].getField().getZero()));
      T sp = z.getReal() > 0 ? z.add(z.negate().exp().log1p()) : z.exp().log1p();
      return sp.subtract(z.multiply(y[0]));
    }

    @Override public void gradient(double[] s, double[] y, double[] v, double[] gs, double[] gv) {
      double z = 0;
      for (int i = 0; i < s.length; i++) if (s[i] > 0) z += v[i] * s[i];
      double e = 1 / (1 + Math.exp(-z)) - y[0];
      for (int i = 0; i < s.length; i++) {
        boolean on = s[i] > 0;
        gs[i] = on ? e * v[i] : 0;
        gv[i] = on ? e * s[i] : 0;
      }
    }

    @Override public int kinkCount() {
      return p();
    }

    @Override public double kink(int j, double[] y, double[] theta, double[] normal) {
      java.util.Arrays.fill(normal, 0.0);
      normal[j] = 1;
      return 0;
    }
  }

  static <T extends CalculusFieldElement<T>> T erf2(T z) {
    double v = z.getReal();
    double d = SQRT2_OVER_PI * Math.exp(-0.5 * v * v);
    return MultiIndexLoss.compose(z, Activation.ERF.valueNoAlloc(v), d, -v * d);
  }

  static MultiIndexLoss committeeErf(int k) {
    return new MultiIndexLoss(k, k, 1) {
      @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] v) {
        T out = v[0].multiply(erf2(s[0]));
        for (int i = 1; i < s.length; i++) out = out.add(v[i].multiply(erf2(s[i])));
        T r = out.subtract(y[0]);
        return r.multiply(r).multiply(0.5);
      }

      @Override public void gradient(double[] s, double[] y, double[] v, double[] gs, double[] gv) {
        double delta = -y[0];
        for (int i = 0; i < k; i++) {
          gv[i] = Activation.ERF.valueNoAlloc(s[i]); // allocation-free erf(z/√2)
          delta += v[i] * gv[i];
        }
        for (int i = 0; i < k; i++) {
          gs[i] = delta * v[i] * SQRT2_OVER_PI * Math.exp(-0.5 * s[i] * s[i]);
          gv[i] *= delta;
        }
      }
    };
  }
}
