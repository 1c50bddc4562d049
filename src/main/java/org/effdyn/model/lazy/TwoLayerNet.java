package org.effdyn.model.lazy;

import org.effdyn.model.common.Activation;

/**
 * The two-layer network of {@link LazyTwoLayer} (Boix-Adsera, Littwin 2023, §2) as a
 * {@link DifferentiableModel}:
 * \[ f_w(x) = c \sum_{j=1}^{M} a_j\, σ(\sqrt{M}\langle u_j, x\rangle), \qquad
 *    h(w) = n^{-1/2}(f_w(x_1), \dots, f_w(x_n)), \]
 * c = M^{-1/2} (mean-field form, the paper's §2) or M^{-1} (the form whose derivatives the proof of
 * Lemma C.1 takes: for the printed M^{-1/2} model the Hessian's u_j-block is √M a_j σ'' x xᵀ, so
 * Lip(Dh) grows like √M at points with |a| + |U| bounded; docs/corrections.md). Weights packed as
 * (a, U row-major), p = M(d+1). With z_ij = √M⟨u_j, x_i⟩:
 * ∂f_i/∂a_j = c σ_ij, ∂f_i/∂u_j = c√M a_j σ'_ij x_i; the Hessian of f_i is block diagonal over neurons,
 * block j = [[0, c√M σ'_ij x_i^T], [c√M σ'_ij x_i, cM a_j σ''_ij x_i x_i^T]] (for c = M^{-1/2}:
 * [[0, σ' x^T], [σ' x, √M a σ'' x x^T]]). Drift evaluations cost O(nMd) and use per-thread scratch.
 */
final class TwoLayerNet implements DifferentiableModel {
  private final int n;
  private final int d;
  private final int width;
  private final double c;
  private final double sqrtM;
  private final double sqrtN;
  private final Activation act;
  private final double[][] x;
  private final double[] xNorm;
  private final double[] a0;
  private final double[][] u0;
  private final double[] z0; // n x M, row-major
  private final double[] t0; // th(z0)
  private final double[] s1z0; // σ'(z0)
  private final double[] s2z0; // σ''(z0)
  private final double a0Max;
  private final ThreadLocal<double[][]> work;

  TwoLayerNet(double[][] x, double[] a0, double[][] u0, double prefactor, Activation act) {
    this.n = x.length;
    this.d = x[0].length;
    this.width = a0.length;
    this.c = prefactor;
    this.sqrtM = Math.sqrt(width);
    this.sqrtN = Math.sqrt(n);
    this.act = act;
    this.x = new double[n][];
    this.xNorm = new double[n];
    for (int i = 0; i < n; i++) {
      this.x[i] = x[i].clone();
      double s = 0;
      for (double e : x[i]) s += e * e;
      xNorm[i] = Math.sqrt(s);
    }
    this.a0 = a0.clone();
    this.u0 = new double[width][];
    double am = 0;
    for (int j = 0; j < width; j++) {
      this.u0[j] = u0[j].clone();
      am = Math.max(am, Math.abs(a0[j]));
    }
    this.a0Max = am;
    this.z0 = new double[n * width];
    for (int i = 0; i < n; i++)
      for (int j = 0; j < width; j++) z0[i * width + j] = sqrtM * dot(u0[j], this.x[i]);
    this.t0 = new double[n * width];
    this.s1z0 = new double[n * width];
    this.s2z0 = new double[n * width];
    for (int k = 0; k < n * width; k++) {
      t0[k] = act.tanhVariable(z0[k]);
      s1z0[k] = act.derivativeOfTanh(t0[k]);
      s2z0[k] = act.secondDerivativeOfTanh(t0[k]);
    }
    int nm = n * width;
    this.work = ThreadLocal.withInitial(() -> new double[][] {new double[nm], new double[nm]});
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) s += a[k] * b[k];
    return s;
  }

  /** ⟨vU_j, x_i⟩ for the packed vector v. */
  private double ux(double[] v, int j, int i) {
    int off = width + j * d;
    double s = 0;
    for (int k = 0; k < d; k++) s += v[off + k] * x[i][k];
    return s;
  }

  @Override public int p() { return width * (d + 1); }

  @Override public int n() { return n; }

  int width() { return width; }

  /** h(w0) (the uncentred outputs), length n. */
  double[] outputsAtInit() {
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < width; j++) s += a0[j] * act.valueOfTanh(act.tanhVariable(z0[i * width + j]));
      h[i] = c * s / sqrtN;
    }
    return h;
  }

  @Override
  public void scaledIncrement(double[] v, double alpha, double[] out) {
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < width; j++) {
        double zeta = sqrtM * ux(v, j, i);
        int ij = i * width + j;
        double t1 = act.tanhVariable(z0[ij] + zeta / alpha);
        s += v[j] * act.valueOfTanh(t1) + a0[j] * act.scaledIncrementOfTanh(t0[ij], t1, zeta, alpha);
      }
      out[i] = c * s / sqrtN;
    }
  }

  @Override
  public void residualAndGradient(double[] v, double alpha, double[] yStar, double[] rOut, double[] gradOut) {
    fullDrift(v, alpha, yStar, rOut, gradOut);
  }

  /** One pass over (i, j): one th() per pair gives σ, σ', σ'' at z1, the increment and (L1). */
  @Override
  public double fullDrift(double[] v, double alpha, double[] yStar, double[] rOut, double[] gradOut) {
    double[][] w = work.get();
    double[] sig = w[0];
    double[] dsig = w[1];
    double lipSum = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      double best = 0;
      double xi = xNorm[i];
      for (int j = 0; j < width; j++) {
        double zeta = sqrtM * ux(v, j, i);
        int ij = i * width + j;
        double t1 = act.tanhVariable(z0[ij] + zeta / alpha);
        double s1 = act.valueOfTanh(t1);
        double ds = act.derivativeOfTanh(t1);
        sig[ij] = s1;
        dsig[ij] = ds;
        s += v[j] * s1 + a0[j] * act.scaledIncrementOfTanh(t0[ij], t1, zeta, alpha);
        double aj = a0[j] + v[j] / alpha;
        double e = c * sqrtM * Math.abs(ds) * xi + c * width * Math.abs(aj) * Math.abs(act.secondDerivativeOfTanh(t1)) * xi * xi;
        if (e > best) best = e;
      }
      rOut[i] = yStar[i] - c * s / sqrtN;
      lipSum += best * best;
    }
    gradient(v, alpha, rOut, sig, dsig, gradOut);
    return Math.sqrt(lipSum / n);
  }

  private void gradient(double[] v, double alpha, double[] r, double[] sig, double[] dsig, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    for (int i = 0; i < n; i++) {
      double rt = r[i] / sqrtN;
      for (int j = 0; j < width; j++) {
        int ij = i * width + j;
        out[j] += c * rt * sig[ij];
        double aj = a0[j] + v[j] / alpha;
        double g = c * sqrtM * aj * rt * dsig[ij];
        int off = width + j * d;
        for (int k = 0; k < d; k++) out[off + k] += g * x[i][k];
      }
    }
  }

  @Override
  public void vjp(double[] v, double alpha, double[] r, double[] out) {
    double[][] w = work.get();
    fillActivations(v, alpha, w[0], w[1]);
    gradient(v, alpha, r, w[0], w[1], out);
  }

  private void fillActivations(double[] v, double alpha, double[] sig, double[] dsig) {
    for (int i = 0; i < n; i++)
      for (int j = 0; j < width; j++) {
        int ij = i * width + j;
        double z1 = z0[ij] + sqrtM * ux(v, j, i) / alpha;
        double t1 = act.tanhVariable(z1);
        sig[ij] = act.valueOfTanh(t1);
        dsig[ij] = act.derivativeOfTanh(t1);
      }
  }

  @Override
  public void jacobian(double[] v, double alpha, double[][] out) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < width; j++) {
        double z1 = z0[i * width + j] + sqrtM * ux(v, j, i) / alpha;
        double aj = a0[j] + v[j] / alpha;
        double t1 = act.tanhVariable(z1);
        out[i][j] = c * act.valueOfTanh(t1) / sqrtN;
        double g = c * sqrtM * aj * act.derivativeOfTanh(t1) / sqrtN;
        int off = width + j * d;
        for (int k = 0; k < d; k++) out[i][off + k] = g * x[i][k];
      }
    }
  }

  @Override
  public void secondOrder(double[] delta, double[] r, double[] qOut, double[] hOut) {
    java.util.Arrays.fill(hOut, 0.0);
    double cs = c * sqrtM;
    double cm = c * width;
    for (int i = 0; i < n; i++) {
      double q = 0;
      double ri = r[i] / sqrtN;
      for (int j = 0; j < width; j++) {
        double s1 = s1z0[i * width + j];
        double s2 = s2z0[i * width + j];
        double uxv = ux(delta, j, i);
        double da = delta[j];
        q += 2 * cs * s1 * da * uxv + cm * a0[j] * s2 * uxv * uxv;
        hOut[j] += ri * cs * s1 * uxv;
        double g = ri * (cs * s1 * da + cm * a0[j] * s2 * uxv);
        int off = width + j * d;
        for (int k = 0; k < d; k++) hOut[off + k] += g * x[i][k];
      }
      qOut[i] = q / sqrtN;
    }
  }

  @Override
  public void hessianDirection(double[] delta, double[][] out) {
    double cs = c * sqrtM;
    double cm = c * width;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < width; j++) {
        double s1 = s1z0[i * width + j];
        double s2 = s2z0[i * width + j];
        double uxv = ux(delta, j, i);
        out[i][j] = cs * s1 * uxv / sqrtN;
        double g = (cs * s1 * delta[j] + cm * a0[j] * s2 * uxv) / sqrtN;
        int off = width + j * d;
        for (int k = 0; k < d; k++) out[i][off + k] = g * x[i][k];
      }
    }
  }

  /** (L1): [n^{-1} Σ_i (max_j (c√M|σ'(z_ij)||x_i| + cM|a_j||σ''(z_ij)||x_i|²))²]^{1/2} at w0 + v/α. */
  @Override
  public double localLipschitz(double[] v, double alpha) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double best = 0;
      for (int j = 0; j < width; j++) {
        double z1 = z0[i * width + j] + sqrtM * ux(v, j, i) / alpha;
        double aj = a0[j] + v[j] / alpha;
        double t1 = act.tanhVariable(z1);
        double e = c * sqrtM * Math.abs(act.derivativeOfTanh(t1)) * xNorm[i]
            + c * width * Math.abs(aj) * Math.abs(act.secondDerivativeOfTanh(t1)) * xNorm[i] * xNorm[i];
        best = Math.max(best, e);
      }
      sum += best * best;
    }
    return Math.sqrt(sum / n);
  }

  /** (L2): [n^{-1} Σ_i (c√M|σ'|∞|x_i| + cM(|a0|∞ + ρ)|σ''|∞|x_i|²)²]^{1/2}. */
  @Override
  public double ballLipschitz(double rho) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = c * sqrtM * act.derivativeBound() * xNorm[i] + c * width * (a0Max + rho) * act.secondDerivativeBound() * xNorm[i] * xNorm[i];
      sum += e * e;
    }
    return Math.sqrt(sum / n);
  }
}
