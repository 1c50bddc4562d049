package org.effdyn.model.lazy;

/**
 * h_k(w) = a_k w_k + b w_k²/2, k = 1..K, w0 = 0 ({@link LazyQuadratic}, {@link LazyDiagonal}):
 * p = n = K, J(w) = diag(a_k + b w_k), ∇²h_k = b e_k e_k^T, so Lip(Dh) = |b| exactly and globally. Scaled increment a_k v_k + b v_k²/(2α).
 */
final class DiagonalQuadratic implements DifferentiableModel {
  private final double[] a;
  private final double b;

  DiagonalQuadratic(double[] a, double b) {
    this.a = a.clone();
    this.b = b;
  }

  @Override public int p() { return a.length; }

  @Override public int n() { return a.length; }

  @Override
  public void scaledIncrement(double[] v, double alpha, double[] out) {
    for (int k = 0; k < a.length; k++) out[k] = a[k] * v[k] + b * v[k] * v[k] / (2 * alpha);
  }

  @Override
  public void vjp(double[] v, double alpha, double[] r, double[] out) {
    for (int k = 0; k < a.length; k++) out[k] = (a[k] + b * v[k] / alpha) * r[k];
  }

  @Override
  public void jacobian(double[] v, double alpha, double[][] out) {
    for (int i = 0; i < a.length; i++) {
      java.util.Arrays.fill(out[i], 0.0);
      out[i][i] = a[i] + b * v[i] / alpha;
    }
  }

  @Override
  public void secondOrder(double[] delta, double[] r, double[] qOut, double[] hOut) {
    for (int k = 0; k < a.length; k++) {
      qOut[k] = b * delta[k] * delta[k];
      hOut[k] = b * r[k] * delta[k];
    }
  }

  @Override
  public void hessianDirection(double[] delta, double[][] out) {
    for (int i = 0; i < a.length; i++) {
      java.util.Arrays.fill(out[i], 0.0);
      out[i][i] = b * delta[i];
    }
  }

  @Override
  public double localLipschitz(double[] v, double alpha) {
    return Math.abs(b);
  }

  @Override
  public double ballLipschitz(double rho) {
    return Math.abs(b);
  }
}
