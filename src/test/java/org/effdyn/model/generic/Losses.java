package org.effdyn.model.generic;

import org.effdyn.model.common.Activation;
import org.hipparchus.CalculusFieldElement;

/**
 * The losses of the hand-written models (k-GMM, XOR, soft committee), each written once over
 * CalculusFieldElement (for AD) and with a hand-written gradient. Test fixtures.
 */
final class Losses {
  private Losses() {}

  static final double SQRT2 = Math.sqrt(2);
  static final double SQRT2_OVER_PI = Math.sqrt(2 / Math.PI);

  /** k-GMM (docs/kgmm.md): ℓ(s, y) = -Σ_c y_c s_c + log Σ_c e^{s_c}; g = π - y. */
  static MultiIndexLoss softmaxCe(int k, boolean hand) {
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
        if (!hand) {
          gradientByAd(s, y, theta, gs, gt);
          return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : s) max = Math.max(max, x);
        double z = 0;
        for (int a = 0; a < k; a++) z += gs[a] = Math.exp(s[a] - max);
        for (int a = 0; a < k; a++) gs[a] = gs[a] / z - y[a];
      }

      @Override public String toString() {
        return "softmax-ce(k=" + k + (hand ? ", hand)" : ", AD)");
      }
    };
  }

  /** softmaxCe with the Hessian H = diag(π) - π πᵀ written out ({@link HasHessian}). */
  static final class SoftmaxWithHessian extends MultiIndexLoss implements HasHessian {
    private final MultiIndexLoss base;

    SoftmaxWithHessian(int k) {
      super(k, 0, k);
      this.base = softmaxCe(k, true);
    }

    @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] theta) {
      return base.value(s, y, theta);
    }

    @Override public void gradient(double[] s, double[] y, double[] theta, double[] gs, double[] gt) {
      base.gradient(s, y, theta, gs, gt);
    }

    @Override public void hessian(double[] s, double[] y, double[] theta, double[][] h) {
      int k = s.length;
      double max = Double.NEGATIVE_INFINITY;
      for (double x : s) max = Math.max(max, x);
      double z = 0;
      for (int a = 0; a < k; a++) z += Math.exp(s[a] - max);
      for (int a = 0; a < k; a++) {
        double pa = Math.exp(s[a] - max) / z;
        for (int e = 0; e < k; e++) h[a][e] = (a == e ? pa : 0) - pa * Math.exp(s[e] - max) / z;
      }
    }
  }

  /** A kinked loss for the XOR model (docs/xor.md): ℓ(s, y; v) = -y z + log(1 + e^z), z = Σ v_i relu(s_i). */
  static final class Xor extends MultiIndexLoss implements HasKinks {
    private final boolean hand;

    Xor(int k, boolean hand) {
      super(k, k, 1);
      this.hand = hand;
    }

    @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] v) {
      T z = s[0].getField().getZero();
      for (int i = 0; i < s.length; i++) {
        T relu = s[i].getReal() > 0 ? s[i] : s[i].getField().getZero();
        z = z.add(v[i].multiply(relu));
      }
      // softplus, stable on both sides
      T sp = z.getReal() > 0 ? z.add(z.negate().exp().log1p()) : z.exp().log1p();
      return sp.subtract(z.multiply(y[0]));
    }

    @Override public void gradient(double[] s, double[] y, double[] v, double[] gs, double[] gv) {
      if (!hand) {
        gradientByAd(s, y, v, gs, gv);
        return;
      }
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

    @Override public String toString() {
      return "xor(K=" + p() + (hand ? ", hand)" : ", AD)");
    }
  }

  /** erf(z/√2) over a field, through {@link MultiIndexLoss#compose}. */
  static <T extends CalculusFieldElement<T>> T erf2(T z) {
    double v = z.getReal();
    double d = SQRT2_OVER_PI * Math.exp(-0.5 * v * v);
    return MultiIndexLoss.compose(z, Activation.ERF.valueNoAlloc(v), d, -v * d);
  }

  /** Soft committee (docs/committee.md): ℓ = ½(Σ_k v_k g(s_k) - y)², g(z) = erf(z/√2). */
  static MultiIndexLoss committeeErf(int k, boolean hand) {
    return new MultiIndexLoss(k, k, 1) {
      @Override public <T extends CalculusFieldElement<T>> T value(T[] s, double[] y, T[] v) {
        T out = v[0].multiply(erf2(s[0]));
        for (int i = 1; i < s.length; i++) out = out.add(v[i].multiply(erf2(s[i])));
        T r = out.subtract(y[0]);
        return r.multiply(r).multiply(0.5);
      }

      @Override public void gradient(double[] s, double[] y, double[] v, double[] gs, double[] gv) {
        if (!hand) {
          gradientByAd(s, y, v, gs, gv);
          return;
        }
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

      @Override public String toString() {
        return "committee-erf(K=" + k + (hand ? ", hand)" : ", AD)");
      }
    };
  }
}
