package org.effdyn.model.dmf;

import org.effdyn.core.Check;

/**
 * Algorithm 1 of Panahi 2026 (arXiv:2603.09310; iterative refinement, eqs. (12)–(14)), for the
 * alternative process at (σ, z). The printed algorithm leaves open whether the old or the new path
 * enters the explicit sums of (12); this class reads it as follows (docs/dmf.md, "Algorithm 1
 * terminates"):
 * <ol>
 * <li>start from the finite-size DMF realisation: eq. (12) with the DMF kernels, driven by the
 *     same G_y, H_y as ψ ({@link #setDmf});</li>
 * <li>repeat: compute from the current path V_θ, V_ω(y), their (unconjugated) Cholesky factors,
 *     β(l,y), e(l), g̃(l) = Σ_y Σ_μ g_y(μ)A_ω(μ,l;y)/√n, h̃_y = H_yA_θ, B_θ(y), B_ω(y)
 *     ({@link #setFromPath}); then re-run (12) with the method, these kernels fixed, where only the
 *     explicit sums Σθ(μ)B_θ and Σω(μ)B_ω use the new path ({@link #rerun}).</li>
 * </ol>
 * Its fixed point is the forward-sweep solution ξ_ψ of {@link AlternativeProcess}. Measured
 * ({@code RefinementIterationTest}, L = 2..8): the iteration <em>terminates</em>, reaching ξ_ψ exactly
 * after 2L − 3 iterations at σ = 0 and 2L − 2 at σ &gt; 0, because each iteration makes one more sub-step of the
 * causal chain exact; the intermediate iterates are not monotonically closer. So the forward sweep
 * is the way to compute ψ; this class exists to check that statement.
 *
 * <p>Holds preallocated kernels; not thread-safe.
 */
public final class RefinementIteration {
  private final FiniteSizeSetup s;
  private final double sigma;
  private final double zRe;
  private final double zIm;
  private final int L;
  private final int d;
  private final int K;
  // kernels of (12)
  private final ComplexMatrix beta;      // K x L
  private final ComplexMatrix[] hTilde;  // n_y x L
  private final ComplexMatrix[] bOmega;  // L x L per class, strictly upper
  private final ComplexMatrix bTheta;    // L x L, sum over classes, upper
  private final ComplexMatrix e;         // L x d
  private final ComplexMatrix gTilde;    // L x d
  // scratch
  private final ComplexMatrix vTheta;
  private final ComplexMatrix aTheta;
  private final ComplexMatrix vOmega;
  private final ComplexMatrix[] aOmega;
  private final double[] xr;
  private final double[] xi;
  private final double[] tmp = new double[2];

  public RefinementIteration(FiniteSizeSetup setup, double sigma, double zRe, double zIm) {
    if (setup == null) throw new IllegalArgumentException("setup must not be null");
    s = setup;
    this.sigma = Check.nonNegativeFinite("sigma", sigma);
    this.zRe = Check.finite("z.re", zRe);
    this.zIm = Check.finite("z.im", zIm);
    AlternativeProcess.checkRegular(setup, sigma);
    L = s.iterations();
    d = s.dimension();
    K = s.classes();
    beta = new ComplexMatrix(K, L);
    hTilde = new ComplexMatrix[K];
    bOmega = new ComplexMatrix[K];
    aOmega = new ComplexMatrix[K];
    for (int y = 0; y < K; y++) {
      hTilde[y] = new ComplexMatrix(s.count(y), L);
      bOmega[y] = new ComplexMatrix(L, L);
      aOmega[y] = new ComplexMatrix(L, L);
    }
    bTheta = new ComplexMatrix(L, L);
    e = new ComplexMatrix(L, d);
    gTilde = new ComplexMatrix(L, d);
    vTheta = new ComplexMatrix(L, L);
    aTheta = new ComplexMatrix(L, L);
    vOmega = new ComplexMatrix(L, L);
    xr = new double[L];
    xi = new double[L];
  }

  /**
   * Kernels of the finite-size DMF realisation (Algorithm 1, line 1; Panahi 2026, eqs. (26), (28)):
   * A_θ, A_ω(y) the Cholesky factors of the DMF V_θ, V_ω(y); e(l) = Σ_y μ_y α(l,y);
   * g̃(l) = Σ_y G_y A_ω(·,l;y)/√n; B_θ the DMF response; B_ω = b_ω = −γΛ̃ with γ = d/n of the
   * setup; β(l,y) the DMF overlaps; h̃_y = H_yA_θ. The kernels are taken from the solution: V_θ
   * (L × L, positive definite), V_ω(y) = ρ_y E[ω_y ω_yᵀ] (K × L × L, positive definite), B_θ
   * (L × L upper), Λ̃ (L × L strictly upper), β(l,y) and α(l,y) = ρ_y E ω_y(l) (K × L).
   *
   * @param noise the realisation's noise
   * @param dmf   the DMF solution
   */
  public void setDmf(PsiNoise noise, DmfSolution dmf) {
    setDmf(noise, dmf.vTheta(), dmf.vOmegaByClass(), dmf.bTheta(), dmf.lambdaTilde(), dmf.beta(),
        dmf.alpha());
  }

  /** As {@link #setDmf(PsiNoise, DmfSolution)} with the kernels as plain arrays (see there). */
  public void setDmf(PsiNoise noise, double[][] vTheta, double[][][] vOmegaY, double[][] bThetaDmf,
      double[][] lamTilde, double[][] betaDmf, double[][] alphaDmf) {
    double gamma = (double) d / s.samples();
    double sn = Math.sqrt(s.samples());
    ComplexMatrix v = this.vTheta;
    v.clear();
    for (int a = 0; a < L; a++) for (int b = 0; b < L; b++) v.set(a, b, vTheta[a][b], 0);
    ComplexCholesky.factor(v, aTheta, L);
    bTheta.clear();
    for (int a = 0; a < L; a++) for (int b = 0; b < L; b++) bTheta.set(a, b, bThetaDmf[a][b], 0);
    e.clear();
    gTilde.clear();
    for (int y = 0; y < K; y++) {
      vOmega.clear();
      for (int a = 0; a < L; a++) for (int b = 0; b < L; b++) vOmega.set(a, b, vOmegaY[y][a][b], 0);
      ComplexCholesky.factor(vOmega, aOmega[y], L);
      bOmega[y].clear();
      for (int a = 0; a < L; a++) {
        for (int b = a + 1; b < L; b++) bOmega[y].set(a, b, -gamma * lamTilde[a][b], 0);
        beta.set(y, a, betaDmf[y][a], 0);
      }
      double[] mu = s.meanRow(y);
      for (int l = 0; l < L; l++) {
        for (int k = 0; k < d; k++) e.re[l * d + k] += mu[k] * alphaDmf[y][l];
      }
      addGTilde(noise, y, sn);
      hTilde(noise, y);
    }
  }

  /** Kernels of eqs. (13)–(14) computed from a complete path (Algorithm 1, lines 2–5). */
  public void setFromPath(FiniteSizePath path, PsiNoise noise) {
    double n = s.samples();
    double sn = Math.sqrt(n);
    ComplexMatrix th = path.theta;
    vTheta.setTransposeTimesRows(th);
    for (int l = 0; l < L; l++) vTheta.re[l * L + l] += sigma * sigma;
    ComplexCholesky.factor(vTheta, aTheta, L);
    e.clear();
    gTilde.clear();
    bTheta.clear();
    for (int y = 0; y < K; y++) {
      ComplexMatrix om = path.omega[y];
      int ny = om.rows;
      vOmega.setTransposeTimes(om, om);
      for (int j = 0; j < vOmega.re.length; j++) {
        vOmega.re[j] /= n;
        vOmega.im[j] /= n;
      }
      for (int l = 0; l < L; l++) vOmega.re[l * L + l] += sigma * sigma;
      ComplexMatrix aw = aOmega[y];
      ComplexCholesky.factor(vOmega, aw, L);
      double[] mu = s.meanRow(y);
      double[] g = noise.g[y], h = noise.h[y], w = noise.w[y], gam = noise.gamma[y];
      for (int l = 0; l < L; l++) {
        double br = 0, bi = 0, er = 0, ei = 0;
        for (int k = 0; k < d; k++) {
          br += th.re[l * d + k] * mu[k];
          bi += th.im[l * d + k] * mu[k];
        }
        beta.set(y, l, br, bi);
        for (int i = 0; i < ny; i++) {
          er += om.re[i * L + l];
          ei += om.im[i * L + l];
        }
        for (int k = 0; k < d; k++) {
          e.re[l * d + k] += mu[k] * er / n;
          e.im[l * d + k] += mu[k] * ei / n;
        }
        // B_omega(., l) = A_omega^{-1} [(G^T Theta + sigma W^T + z Gamma^T A_theta)/sqrt n](v < l)
        for (int v = 0; v < l; v++) {
          double nr = 0, ni = 0;
          for (int k = 0; k < d; k++) {
            nr += g[k * L + v] * th.re[l * d + k];
            ni += g[k * L + v] * th.im[l * d + k];
          }
          nr += sigma * w[l * L + v];
          double gr = 0, gi = 0;
          for (int k = 0; k <= l; k++) {
            gr += gam[k * L + v] * aTheta.re[k * L + l];
            gi += gam[k * L + v] * aTheta.im[k * L + l];
          }
          xr[v] = (nr + zRe * gr - zIm * gi) / sn;
          xi[v] = (ni + zRe * gi + zIm * gr) / sn;
        }
        ComplexCholesky.solveUpper(aw, l, xr, xi);
        for (int v = 0; v < L; v++) bOmega[y].set(v, l, v < l ? xr[v] : 0, v < l ? xi[v] : 0);
        // B_theta(., l; y) = A_theta^{-1} [H^T omega(l)/n + (sigma W + z Gamma A_omega)/sqrt n](v <= l)
        for (int v = 0; v <= l; v++) {
          double mr = 0, mi = 0;
          for (int i = 0; i < ny; i++) {
            mr += h[i * L + v] * om.re[i * L + l];
            mi += h[i * L + v] * om.im[i * L + l];
          }
          double gr = 0, gi = 0;
          for (int k = 0; k <= l; k++) {
            gr += gam[v * L + k] * aw.re[k * L + l];
            gi += gam[v * L + k] * aw.im[k * L + l];
          }
          xr[v] = mr / n + (sigma * w[v * L + l] + zRe * gr - zIm * gi) / sn;
          xi[v] = mi / n + (zRe * gi + zIm * gr) / sn;
        }
        ComplexCholesky.solveUpper(aTheta, l + 1, xr, xi);
        for (int v = 0; v <= l; v++) {
          bTheta.re[v * L + l] += xr[v];
          bTheta.im[v * L + l] += xi[v];
        }
      }
      addGTilde(noise, y, sn);
      hTilde(noise, y);
    }
  }

  /**
   * Eq. (12) with the method and the current kernels fixed (Algorithm 1, line 6):
   * q(l) = e(l) + g̃(l) + Σ_{μ≤l} θ(μ) B_θ(μ,l), p_y(l) = β(l,y) + h̃_y(l) + Σ_{μ&lt;l} ω_y(μ) B_ω(μ,l;y).
   * Writes the new path into {@code out}.
   */
  public void rerun(FiniteSizePath out) {
    AnalyticPerceptron model = s.model();
    ComplexMatrix th = out.theta, q = out.q;
    for (int l = 0; l < L; l++) {
      out.queryPoint(s, l);
      for (int y = 0; y < K; y++) {
        ComplexMatrix p = out.p[y], om = out.omega[y], ht = hTilde[y], bw = bOmega[y];
        for (int i = 0; i < p.rows; i++) {
          double pr = beta.re[y * L + l] + ht.re[i * L + l];
          double pi = beta.im[y * L + l] + ht.im[i * L + l];
          for (int m = 0; m < l; m++) {
            double ar = om.re[i * L + m], ai = om.im[i * L + m];
            double cr = bw.re[m * L + l], ci = bw.im[m * L + l];
            pr += ar * cr - ai * ci;
            pi += ar * ci + ai * cr;
          }
          p.set(i, l, pr, pi);
          model.omega(pr, pi, y, tmp);
          om.set(i, l, tmp[0], tmp[1]);
        }
      }
      for (int k = 0; k < d; k++) {
        double qr = e.re[l * d + k] + gTilde.re[l * d + k];
        double qi = e.im[l * d + k] + gTilde.im[l * d + k];
        for (int m = 0; m <= l; m++) {
          double ar = th.re[m * d + k], ai = th.im[m * d + k];
          double cr = bTheta.re[m * L + l], ci = bTheta.im[m * L + l];
          qr += ar * cr - ai * ci;
          qi += ar * ci + ai * cr;
        }
        q.set(l, k, qr, qi);
      }
    }
  }

  private void addGTilde(PsiNoise noise, int y, double sn) {
    double[] g = noise.g[y];
    ComplexMatrix aw = aOmega[y];
    for (int l = 0; l < L; l++) {
      for (int k = 0; k < d; k++) {
        double sr = 0, si = 0;
        for (int m = 0; m <= l; m++) {
          sr += g[k * L + m] * aw.re[m * L + l];
          si += g[k * L + m] * aw.im[m * L + l];
        }
        gTilde.re[l * d + k] += sr / sn;
        gTilde.im[l * d + k] += si / sn;
      }
    }
  }

  private void hTilde(PsiNoise noise, int y) {
    double[] h = noise.h[y];
    ComplexMatrix ht = hTilde[y];
    for (int i = 0; i < ht.rows; i++) {
      for (int l = 0; l < L; l++) {
        double sr = 0, si = 0;
        for (int m = 0; m <= l; m++) {
          sr += h[i * L + m] * aTheta.re[m * L + l];
          si += h[i * L + m] * aTheta.im[m * L + l];
        }
        ht.set(i, l, sr, si);
      }
    }
  }
}
