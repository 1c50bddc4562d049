package org.effdyn.model.dmf;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.Check;

/**
 * The alternative process ψ + ρ0 = 0 of Panahi 2026 (arXiv:2603.09310, §3.1, eqs. (8), (12)–(14);
 * docs/dmf.md, "Finite size"), for one sub-model, R = I and one component per class, at a complex z,
 * solved by the causal forward sweep. Per class y and realisation it is driven by {@link PsiNoise} (G_y, H_y,
 * W_y, Γ_y); along the path
 * \[ V_\theta = \Theta^T\Theta + \sigma^2 I = A_\theta^T A_\theta,\quad
 *    V_\omega(y) = \Omega_y^T\Omega_y/n + \sigma^2 I = A_\omega(y)^T A_\omega(y), \]
 * \[ B_\theta(y) = A_\theta^{-1}\big(H_y^T\Omega_y/n + (\sigma W_y + z\Gamma_y A_\omega(y))/\sqrt n\big)_u,\quad
 *    B_\omega(y) = A_\omega(y)^{-1}\big(G_y^T\Theta/\sqrt n + (\sigma W_y^T + z\Gamma_y^T A_\theta)/\sqrt n\big)_U, \]
 * \[ q(l) = \sum_y \mu_y \tfrac{1^T\omega_y(l)}{n} + \tfrac{1}{\sqrt n}\sum_y\sum_\mu g_y(\mu)A_\omega(\mu,l;y)
 *    + \sum_y\sum_{\mu\le l}\theta(\mu)B_\theta(\mu,l;y), \]
 * \[ p_y(l) = \beta(l,y) + \sum_\mu h_y(\mu)A_\theta(\mu,l) + \sum_{\mu &lt; l}\omega_y(\mu)B_\omega(\mu,l;y), \]
 * with θ(l) = λ(l)θ0 − Σ_{μ&lt;l} Λ(μ,l) q(μ). Order inside step l: θ(l) → column l of A_θ →
 * (β, h-term, B_ω(·,l)) → p(l) → ω(l) → column l of A_ω(y) → B_θ(·,l), e(l), g̃(l) → q(l).
 *
 * <p>Complex z uses the unconjugated Cholesky ({@link ComplexCholesky}) and the analytic
 * continuation of ω ({@link AnalyticPerceptron}). Claim 1 of Panahi 2026 (§3.3), evaluated directly
 * at z = i rather than by the paper's extrapolation 2H(0) − H(1): at σ = 0 and z = i the real
 * parts of the averages are the finite-size averages of training, beyond the DMF. σ = 0 needs
 * V_θ and V_ω(y) non-singular, i.e. L ≤ min(d, n_y) and θ0 ≠ 0. Cost per realisation
 * O((n + d) L² K); the training run costs O(n d L).
 *
 * <p>Immutable and thread-safe; the mutable state lives in a {@link Workspace}, one per thread.
 */
public final class AlternativeProcess {
  private final FiniteSizeSetup setup;
  private final double sigma;
  private final double zRe;
  private final double zIm;
  private final int continuationSteps;

  /**
   * @param sigma regularizer σ &gt;= 0 of Theorem 1 (0 for Claim 1)
   * @param zRe   Re z
   * @param zIm   Im z (z = i: zRe = 0, zIm = 1)
   */
  public AlternativeProcess(FiniteSizeSetup setup, double sigma, double zRe, double zIm) {
    this(setup, sigma, zRe, zIm, 0);
  }

  /**
   * With analytic continuation of the Cholesky pivots along z(t) = Re z + i t Im z, t = 0, 1/k,
   * …, 1 ({@code continuationSteps} = k &gt; 0): at t = 0 (real z) every pivot is positive; at
   * each later t the pivot is the square root closest to the previous one
   * ({@link ComplexCholesky#columnNear}). The principal root (k = 0) is not the continuation for
   * every realisation: the radicand can cross the negative real axis between real z and z = i.
   * Costs k + 1 sweeps. Only the square roots are continued; the logarithm inside a continued
   * softplus keeps its principal branch.
   */
  public AlternativeProcess(FiniteSizeSetup setup, double sigma, double zRe, double zIm,
      int continuationSteps) {
    if (setup == null) throw new IllegalArgumentException("setup must not be null");
    this.continuationSteps = Check.atLeast("continuation_steps", continuationSteps, 0);
    this.setup = setup;
    this.sigma = Check.nonNegativeFinite("sigma", sigma);
    this.zRe = Check.finite("z.re", zRe);
    this.zIm = Check.finite("z.im", zIm);
    checkRegular(setup, sigma);
  }

  /**
   * At σ = 0 the kernels V_θ = ΘᵀΘ and V_ω(y) = Ω_yᵀΩ_y/n have rank ≤ min(d, n_y), and
   * V_θ(0,0) = |θ0|²: they are invertible only if L ≤ min(d, n_y) and θ0 ≠ 0. Otherwise A^{-1} in
   * eq. (8) of Panahi 2026 is undefined, which is why its Theorem 1 assumes σ &gt; 0.
   */
  static void checkRegular(FiniteSizeSetup setup, double sigma) {
    if (sigma > 0) return;
    int l = setup.iterations();
    int min = setup.dimension();
    for (int y = 0; y < setup.classes(); y++) min = Math.min(min, setup.count(y));
    if (l > min) {
      throw new IllegalArgumentException("L must be <= min(d, n_y) = " + min + " at sigma = 0 "
          + "(the kernels V_theta, V_omega(y) are singular otherwise), got L = " + l
          + "; use sigma > 0 or a larger d, n");
    }
    double t2 = 0;
    for (double v : setup.init()) t2 += v * v;
    if (!(t2 > 0)) {
      throw new IllegalArgumentException("theta0 must be nonzero at sigma = 0 (V_theta(0,0) = "
          + "|theta0|^2 is a pivot), got |theta0|^2 = " + t2);
    }
  }

  /** This process with pivots continued along k steps from real z (see the 5-argument constructor). */
  public AlternativeProcess withContinuation(int steps) {
    return new AlternativeProcess(setup, sigma, zRe, zIm, steps);
  }

  /** The process at σ = 0, z = i: Claim 1's estimator of the finite-size training averages. */
  public static AlternativeProcess atI(FiniteSizeSetup setup) {
    return new AlternativeProcess(setup, 0, 0, 1);
  }

  public FiniteSizeSetup setup() {
    return setup;
  }

  public double sigma() {
    return sigma;
  }

  /** Preallocated state of one sweep: the path and the L × L kernels. */
  public static final class Workspace {
    final FiniteSizePath path;
    final ComplexMatrix vTheta;
    final ComplexMatrix aTheta;
    final ComplexMatrix[] vOmega;
    final ComplexMatrix[] aOmega;
    final double[] xRe;
    final double[] xIm;
    final double[] bRe;
    final double[] bIm;
    final double[] tmp = new double[2];
    final double[] refTheta;
    final double[][] refOmega;

    public Workspace(FiniteSizeSetup s) {
      int l = s.iterations();
      path = new FiniteSizePath(s);
      vTheta = new ComplexMatrix(l, l);
      aTheta = new ComplexMatrix(l, l);
      vOmega = new ComplexMatrix[s.classes()];
      aOmega = new ComplexMatrix[s.classes()];
      for (int y = 0; y < s.classes(); y++) {
        vOmega[y] = new ComplexMatrix(l, l);
        aOmega[y] = new ComplexMatrix(l, l);
      }
      xRe = new double[l];
      xIm = new double[l];
      refTheta = new double[2 * l];
      refOmega = new double[s.classes()][2 * l];
      bRe = new double[l];
      bIm = new double[l];
    }

    /** The path of the last sweep. */
    public FiniteSizePath path() {
      return path;
    }

    /** A_θ of the last sweep (upper, V_θ = A_θᵀA_θ). */
    public ComplexMatrix aTheta() {
      return aTheta;
    }
  }

  /** A workspace for this process. */
  public Workspace workspace() {
    return new Workspace(setup);
  }

  /**
   * Solves ψ + ρ0 = 0 for one draw of the noise by the forward sweep; result in ws.path(). With
   * continuation steps k &gt; 0 (and Im z ≠ 0) this is k + 1 sweeps along z(t), pivots tracked.
   */
  public void run(PsiNoise noise, Workspace ws) {
    if (continuationSteps == 0 || zIm == 0) {
      sweep(noise, ws, zRe, zIm, false);
      return;
    }
    for (int k = 0; k <= continuationSteps; k++) {
      sweep(noise, ws, zRe, zIm * k / continuationSteps, k > 0);
      if (k == 0) {
        // real z: the pivots are positive; start the continuation from them
        int L = setup.iterations();
        for (int l = 0; l < L; l++) {
          ws.refTheta[2 * l] = ws.aTheta.re[l * L + l];
          ws.refTheta[2 * l + 1] = ws.aTheta.im[l * L + l];
          for (int y = 0; y < setup.classes(); y++) {
            ws.refOmega[y][2 * l] = ws.aOmega[y].re[l * L + l];
            ws.refOmega[y][2 * l + 1] = ws.aOmega[y].im[l * L + l];
          }
        }
      }
    }
  }

  private void sweep(PsiNoise noise, Workspace ws, double zRe, double zIm, boolean track) {
    FiniteSizeSetup s = setup;
    int L = s.iterations();
    int d = s.dimension();
    int K = s.classes();
    double n = s.samples();
    double sn = Math.sqrt(n);
    FiniteSizePath path = ws.path;
    ComplexMatrix th = path.theta;
    ComplexMatrix q = path.q;
    ComplexMatrix at = ws.aTheta;
    ComplexMatrix vt = ws.vTheta;
    double[] xr = ws.xRe, xi = ws.xIm, br = ws.bRe, bi = ws.bIm, tmp = ws.tmp;
    AnalyticPerceptron model = s.model();
    for (int l = 0; l < L; l++) {
      path.queryPoint(s, l);
      int ol = l * d;
      for (int m = 0; m <= l; m++) {
        int om = m * d;
        double vr = 0, vi = 0;
        for (int k = 0; k < d; k++) {
          double ar = th.re[om + k], ai = th.im[om + k], cr = th.re[ol + k], ci = th.im[ol + k];
          vr += ar * cr - ai * ci;
          vi += ar * ci + ai * cr;
        }
        if (m == l) vr += sigma * sigma;
        vt.set(m, l, vr, vi);
      }
      if (track) ComplexCholesky.columnNear(vt, at, l, ws.refTheta);
      else ComplexCholesky.column(vt, at, l);
      for (int y = 0; y < K; y++) {
        double[] mu = s.meanRow(y);
        double betaR = 0, betaI = 0;
        for (int k = 0; k < d; k++) {
          betaR += th.re[ol + k] * mu[k];
          betaI += th.im[ol + k] * mu[k];
        }
        double[] g = noise.g[y], h = noise.h[y], w = noise.w[y], gam = noise.gamma[y];
        ComplexMatrix aw = ws.aOmega[y];
        // B_omega(., l) = A_omega^{-1} (G^T theta(l) + sigma W^T + z Gamma^T A_theta)(., l) / sqrt(n)
        for (int v = 0; v < l; v++) {
          double nr = 0, ni = 0;
          for (int k = 0; k < d; k++) {
            nr += g[k * L + v] * th.re[ol + k];
            ni += g[k * L + v] * th.im[ol + k];
          }
          nr += sigma * w[l * L + v];
          double gr = 0, gi = 0;
          for (int k = 0; k <= l; k++) {
            gr += gam[k * L + v] * at.re[k * L + l];
            gi += gam[k * L + v] * at.im[k * L + l];
          }
          nr += zRe * gr - zIm * gi;
          ni += zRe * gi + zIm * gr;
          xr[v] = nr / sn;
          xi[v] = ni / sn;
        }
        ComplexCholesky.solveUpper(aw, l, xr, xi);
        ComplexMatrix p = path.p[y], om = path.omega[y];
        int ny = p.rows;
        for (int i = 0; i < ny; i++) {
          double pr = betaR, pi = betaI;
          for (int m = 0; m <= l; m++) {
            double hv = h[i * L + m];
            pr += hv * at.re[m * L + l];
            pi += hv * at.im[m * L + l];
          }
          for (int m = 0; m < l; m++) {
            double wr = om.re[i * L + m], wi = om.im[i * L + m];
            pr += wr * xr[m] - wi * xi[m];
            pi += wr * xi[m] + wi * xr[m];
          }
          p.re[i * L + l] = pr;
          p.im[i * L + l] = pi;
          model.omega(pr, pi, y, tmp);
          om.re[i * L + l] = tmp[0];
          om.im[i * L + l] = tmp[1];
        }
        ComplexMatrix vw = ws.vOmega[y];
        for (int m = 0; m <= l; m++) {
          double vr = 0, vi = 0;
          for (int i = 0; i < ny; i++) {
            double ar = om.re[i * L + m], ai = om.im[i * L + m];
            double cr = om.re[i * L + l], ci = om.im[i * L + l];
            vr += ar * cr - ai * ci;
            vi += ar * ci + ai * cr;
          }
          vr /= n;
          vi /= n;
          if (m == l) vr += sigma * sigma;
          vw.set(m, l, vr, vi);
        }
        if (track) ComplexCholesky.columnNear(vw, aw, l, ws.refOmega[y]);
        else ComplexCholesky.column(vw, aw, l);
      }
      // q(l) = e(l) + gtilde(l)/sqrt(n) + sum_{m<=l} theta(m) B_theta(m, l)
      for (int k = 0; k < d; k++) {
        q.re[ol + k] = 0;
        q.im[ol + k] = 0;
      }
      for (int m = 0; m <= l; m++) {
        br[m] = 0;
        bi[m] = 0;
      }
      for (int y = 0; y < K; y++) {
        double[] mu = s.meanRow(y);
        double[] g = noise.g[y], h = noise.h[y], w = noise.w[y], gam = noise.gamma[y];
        ComplexMatrix om = path.omega[y];
        ComplexMatrix aw = ws.aOmega[y];
        int ny = om.rows;
        double er = 0, ei = 0;
        for (int i = 0; i < ny; i++) {
          er += om.re[i * L + l];
          ei += om.im[i * L + l];
        }
        er /= n;
        ei /= n;
        for (int k = 0; k < d; k++) {
          double sr = er * mu[k], si = ei * mu[k];
          for (int m = 0; m <= l; m++) {
            double gv = g[k * L + m];
            sr += gv * aw.re[m * L + l] / sn;
            si += gv * aw.im[m * L + l] / sn;
          }
          q.re[ol + k] += sr;
          q.im[ol + k] += si;
        }
        // B_theta(., l; y) = A_theta^{-1} (H^T omega(l)/n + (sigma W + z Gamma A_omega)(., l)/sqrt(n))
        for (int v = 0; v <= l; v++) {
          double mr = 0, mi = 0;
          for (int i = 0; i < ny; i++) {
            double hv = h[i * L + v];
            mr += hv * om.re[i * L + l];
            mi += hv * om.im[i * L + l];
          }
          mr /= n;
          mi /= n;
          double gr = 0, gi = 0;
          for (int k = 0; k <= l; k++) {
            gr += gam[v * L + k] * aw.re[k * L + l];
            gi += gam[v * L + k] * aw.im[k * L + l];
          }
          xr[v] = mr + (sigma * w[v * L + l] + zRe * gr - zIm * gi) / sn;
          xi[v] = mi + (zRe * gi + zIm * gr) / sn;
        }
        ComplexCholesky.solveUpper(at, l + 1, xr, xi);
        for (int m = 0; m <= l; m++) {
          br[m] += xr[m];
          bi[m] += xi[m];
        }
      }
      for (int m = 0; m <= l; m++) {
        double cr = br[m], ci = bi[m];
        int om = m * d;
        for (int k = 0; k < d; k++) {
          double ar = th.re[om + k], ai = th.im[om + k];
          q.re[ol + k] += ar * cr - ai * ci;
          q.im[ol + k] += ar * ci + ai * cr;
        }
      }
    }
  }

  /**
   * Means and n·Var of the statistics of {@link FiniteSizeMoments} over {@code blocks × perBlock}
   * realisations; block b draws its noise from {@code RandomStreams.stream(seed, b)}.
   */
  public FiniteSizeMoments moments(long seed, int blocks, int perBlock, int threads) {
    return FiniteSizeMoments.estimate(FiniteSizeMoments.statisticNames(setup.classes()),
        setup.iterations(), setup.samples(), seed, blocks, perBlock, threads, rng -> {
          ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
          PsiNoise noise = new PsiNoise(setup);
          Workspace ws = workspace();
          double[] tmp = new double[2];
          return (re, im) -> {
            noise.draw(gauss);
            run(noise, ws);
            FiniteSizeMoments.statistics(setup, ws.path, re, im, tmp);
          };
        });
  }
}
