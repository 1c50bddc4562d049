package org.effdyn.model.singleindex;

import org.effdyn.gauss.GaussianRule;

/**
 * The population quantities of a single-index loss on the sphere (docs/singleindex.md): the
 * population loss φ(m), its derivative φ′(m), the gradient-noise level
 * V(m) = lim (1/N) E|∇_sph H|² and V_θ = lim Var⟨∇H, θ⟩ at m = 0, and the information exponent.
 * Implementations are immutable, thread-safe and allocate nothing (Gaussian integrals use fixed
 * Gauss–Hermite nodes copied into arrays at construction).
 */
public interface SingleIndexLoss {
  /** φ(m), m in [-1, 1]. */
  double phi(double m);

  /** φ′(m). */
  double phiPrime(double m);

  /** V(m) = lim (1/N) E|∇_sph H|². */
  double v(double m);

  /** V_θ = lim Var⟨∇H, θ⟩ at m = 0 (the diffusion coefficient of √N m near the equator). */
  double vTheta();

  /**
   * Information exponent k (Ben Arous, Gheissari, Jagannath 2021; Jagannath's 2024 lecture notes,
   * Def. 11.9): φ^{(l)}(0) = 0 for l &lt; k, φ^{(k)}(0) &lt; 0.
   */
  int informationExponent();

  /** φ″(0) by a central difference of φ′ with step 1e-3 (error O(1e-6) φ‴). */
  default double phiSecondAtZero() {
    double e = 1e-3;
    return (phiPrime(e) - phiPrime(-e)) / (2 * e);
  }

  /** Online PCA, loss -⟨Y, x⟩² with Y ~ N(0, I + λθθᵀ): φ = -λm² - 1, V = 4(1 + λm²), V_θ = 4(1 + λ), k = 2. */
  record OnlinePca(double lambda) implements SingleIndexLoss {
    @Override public double phi(double m) { return -lambda * m * m - 1; }
    @Override public double phiPrime(double m) { return -2 * lambda * m; }
    @Override public double v(double m) { return 4 * (1 + lambda * m * m); }
    @Override public double vTheta() { return 4 * (1 + lambda); }
    @Override public int informationExponent() { return 2; }
    @Override public double phiSecondAtZero() { return -2 * lambda; }
  }

  /** Spherical spiked tensor PCA: φ = -λm^k, V = V_θ = k (noise W with i.i.d. N(0,1) entries). */
  record TensorPca(int order, double lambda) implements SingleIndexLoss {
    @Override public double phi(double m) { return -lambda * Math.pow(m, order); }
    @Override public double phiPrime(double m) { return -order * lambda * Math.pow(m, order - 1); }
    @Override public double v(double m) { return order; }
    @Override public double vTheta() { return order; }
    @Override public int informationExponent() { return order; }
    @Override public double phiSecondAtZero() { return order == 2 ? -2 * lambda : 0.0; }
  }

  /**
   * Binary GMM with MLE loss L = -log cosh(⟨Y, x⟩ + h), Y = εθ + Z. With z ~ N(0,1) and ε = ±1
   * (P(ε = 1) = p = e^h/(e^h + e^{-h})):
   * φ(m) = -E log cosh(z + εm + h), φ′(m) = -E[ε tanh(z + εm + h)], V(m) = E tanh²(z + εm + h),
   * V_θ = 2 E tanh²(z + h) - (tanh h · E tanh(z + h))² (derived here: ⟨Y, x⟩ = z and Y_1 = ε + z′ at m = 0).
   * Information exponent 1 if h ≠ 0, else 2.
   */
  final class BinaryGmm implements SingleIndexLoss {
    private static final GaussianRule RULE = GaussianRule.gaussHermite(1, 64);
    private final double h;
    private final double p;
    private final double[] z;
    private final double[] w;

    public BinaryGmm(double h) {
      this.h = h;
      this.p = Math.exp(h) / (Math.exp(h) + Math.exp(-h));
      this.z = new double[RULE.size()];
      this.w = new double[RULE.size()];
      for (int i = 0; i < z.length; i++) {
        z[i] = RULE.node(i, 0);
        w[i] = RULE.weight(i);
      }
    }

    /** P(ε = +1). */
    public double p() {
      return p;
    }

    static double logCosh(double x) {
      double a = Math.abs(x);
      return a + Math.log1p(Math.exp(-2 * a)) - Math.log(2);
    }

    @Override public double phi(double m) {
      double s = 0;
      for (int i = 0; i < z.length; i++) {
        s += w[i] * (p * logCosh(z[i] + m + h) + (1 - p) * logCosh(z[i] - m + h));
      }
      return -s;
    }

    @Override public double phiPrime(double m) {
      double s = 0;
      for (int i = 0; i < z.length; i++) {
        s += w[i] * (p * Math.tanh(z[i] + m + h) - (1 - p) * Math.tanh(z[i] - m + h));
      }
      return -s;
    }

    @Override public double v(double m) {
      double s = 0;
      for (int i = 0; i < z.length; i++) {
        double a = Math.tanh(z[i] + m + h);
        double b = Math.tanh(z[i] - m + h);
        s += w[i] * (p * a * a + (1 - p) * b * b);
      }
      return s;
    }

    @Override public double vTheta() {
      double t2 = 0;
      double t1 = 0;
      for (int i = 0; i < z.length; i++) {
        double a = Math.tanh(z[i] + h);
        t2 += w[i] * a * a;
        t1 += w[i] * a;
      }
      double mean = Math.tanh(h) * t1;
      return 2 * t2 - mean * mean;
    }

    @Override public int informationExponent() {
      return h != 0 ? 1 : 2;
    }

    /** φ″(0) = -E sech²(z + h) (both signs of ε give the same value at m = 0). */
    @Override public double phiSecondAtZero() {
      double s = 0;
      for (int i = 0; i < z.length; i++) {
        double c = Math.cosh(z[i] + h);
        s += w[i] / (c * c);
      }
      return -s;
    }
  }

  /**
   * Teacher–student GLM, loss (y - g(⟨a, x⟩))² with y = f(⟨a, θ⟩) + ε, E ε² = C_ε. With
   * (z0, z1) standard bivariate normal of correlation m, z1 = m z0 + √(1 - m²) ξ:
   * φ(m) = E(f(z0) - g(z1))² + C_ε; φ′(m) = -2 E[f′(z0) g′(z1)] (Price's theorem, ∂²/∂z0∂z1);
   * V(m) = 4 E[(f(z0) - g(z1))² g′(z1)²] + 4 C_ε E g′(z1)²; and at m = 0 (z0 ⟂ z1)
   * V_θ = 4 E[((f(z0) - g(z1))² + C_ε) g′(z1)² z0²] - (2 E[f(z0) z0] E g′(z1))² (derived here).
   *
   * <p>Integration: links may have a kink at 0 (relu), where Gauss–Hermite converges slowly (measured
   * error 3e-3 on E relu with 64 nodes, 1e-2 on the relu φ′). So z0 uses composite 10-point
   * Gauss–Legendre on [-9, 0] ∪ [0, 9] (8 panels each side), and ξ given z0 the same rule split at the
   * kink ξ* = -m z0/√(1 - m²) of g(z1). Smooth integrands are exact to about 1e-13 (tests).
   */
  final class Glm implements SingleIndexLoss {
    /** Largest Hermite order searched for the information exponent. */
    public static final int MAX_ORDER = 20;
    /** |u_k(f) u_k(g)| below this counts as zero (polynomial links are exact to rounding). */
    static final double ZERO = 1e-9;
    static final double L = 9;
    static final int PANELS = 8;
    static final double[] REF_X;
    static final double[] REF_W;
    /** Outer 1-D rule for E over N(0,1) with a break point at 0: nodes and weights (density included). */
    static final double[] OZ;
    static final double[] OW;

    static {
      var rule = new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory().legendre(10);
      REF_X = new double[rule.getNumberOfPoints()];
      REF_W = new double[REF_X.length];
      for (int i = 0; i < REF_X.length; i++) {
        REF_X[i] = rule.getPoint(i);
        REF_W[i] = rule.getWeight(i);
      }
      int n = 2 * PANELS * REF_X.length;
      OZ = new double[n];
      OW = new double[n];
      int j = 0;
      for (int side = 0; side < 2; side++) {
        double a0 = side == 0 ? -L : 0;
        double width = L / PANELS;
        for (int p = 0; p < PANELS; p++) {
          double a = a0 + p * width;
          for (int r = 0; r < REF_X.length; r++) {
            double z = a + width * (REF_X[r] + 1) / 2;
            OZ[j] = z;
            OW[j] = width / 2 * REF_W[r] * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
            j++;
          }
        }
      }
    }

    private final Link f;
    private final Link g;
    private final double cEps;
    private final int exponent;

    public Glm(Link f, Link g, double cEps) {
      this.f = f;
      this.g = g;
      this.cEps = cEps;
      double f2 = 0;
      double g2 = 0;
      for (int i = 0; i < OZ.length; i++) {
        f2 += OW[i] * f.value(OZ[i]) * f.value(OZ[i]);
        g2 += OW[i] * g.value(OZ[i]) * g.value(OZ[i]);
      }
      if (!Double.isFinite(f2)) throw new IllegalArgumentException("params.f: link has no finite second moment");
      if (!Double.isFinite(g2)) throw new IllegalArgumentException("params.g: link has no finite second moment");
      int k = -1;
      for (int j = 1; j <= MAX_ORDER && k < 0; j++) {
        if (Math.abs(hermiteCoefficient(f, j) * hermiteCoefficient(g, j)) > ZERO) k = j;
      }
      if (k < 0) {
        throw new IllegalArgumentException("params.f, params.g: links " + f.key() + " and " + g.key()
            + " share no Hermite component of order 1.." + MAX_ORDER + " (no information exponent)");
      }
      this.exponent = k;
    }

    /**
     * u_k(f) = E[f(z) h_k(z)], h_k = He_k/√k!, i.e. with the prefactor 1/√(2π) (the lecture notes print
     * 1/√(2πi); docs/corrections.md), by the
     * composite rule split at 0; h_k from h_{k+1} = (z h_k - √k h_{k-1})/√(k+1).
     */
    public static double hermiteCoefficient(Link f, int k) {
      if (k < 0) throw new IllegalArgumentException("Hermite order must be >= 0, got " + k);
      double s = 0;
      for (int i = 0; i < OZ.length; i++) {
        double zz = OZ[i];
        double hPrev = 0;
        double hk = 1;
        for (int j = 0; j < k; j++) {
          double next = (zz * hk - Math.sqrt(j) * hPrev) / Math.sqrt(j + 1);
          hPrev = hk;
          hk = next;
        }
        s += OW[i] * f.value(zz) * hk;
      }
      return s;
    }

    private static final int PHI = 0;
    private static final int DPHI = 1;
    private static final int V = 2;
    private static final int VTHETA = 3;

    /** E over (z0, ξ) of the integrand selected by which; z1 = m z0 + c ξ. */
    private double expect(double m, int which) {
      double c = Math.sqrt(Math.max(0, 1 - m * m));
      double total = 0;
      for (int i = 0; i < OZ.length; i++) {
        double z0 = OZ[i];
        double inner = 0;
        if (c < 1e-12) {
          inner = integrand(which, z0, m * z0);
        } else {
          double split = Math.max(-L, Math.min(L, -m * z0 / c));
          for (int side = 0; side < 2; side++) {
            double a0 = side == 0 ? -L : split;
            double width = (side == 0 ? split + L : L - split) / PANELS;
            if (width <= 0) continue;
            for (int p = 0; p < PANELS; p++) {
              double a = a0 + p * width;
              for (int r = 0; r < REF_X.length; r++) {
                double xi = a + width * (REF_X[r] + 1) / 2;
                double w = width / 2 * REF_W[r] * Math.exp(-xi * xi / 2) / Math.sqrt(2 * Math.PI);
                inner += w * integrand(which, z0, m * z0 + c * xi);
              }
            }
          }
        }
        total += OW[i] * inner;
      }
      return total;
    }

    private double integrand(int which, double z0, double z1) {
      switch (which) {
        case PHI -> {
          double d = f.value(z0) - g.value(z1);
          return d * d;
        }
        case DPHI -> {
          return f.derivative(z0) * g.derivative(z1);
        }
        case V -> {
          double d = f.value(z0) - g.value(z1);
          double gp = g.derivative(z1);
          return (d * d + cEps) * gp * gp;
        }
        default -> {
          double d = f.value(z0) - g.value(z1);
          double gp = g.derivative(z1);
          return (d * d + cEps) * gp * gp * z0 * z0;
        }
      }
    }

    @Override public double phi(double m) {
      return expect(m, PHI) + cEps;
    }

    @Override public double phiPrime(double m) {
      return -2 * expect(m, DPHI);
    }

    @Override public double v(double m) {
      return 4 * expect(m, V);
    }

    @Override public double vTheta() {
      double fz = 0;
      double gp1 = 0;
      for (int i = 0; i < OZ.length; i++) {
        fz += OW[i] * f.value(OZ[i]) * OZ[i];
        gp1 += OW[i] * g.derivative(OZ[i]);
      }
      double mean = 2 * fz * gp1;
      return 4 * expect(0, VTHETA) - mean * mean;
    }

    @Override public int informationExponent() {
      return exponent;
    }
  }
}
