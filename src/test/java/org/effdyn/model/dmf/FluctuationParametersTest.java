package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The corrected Proposition 2 surrogates of Panahi 2026 ({@link FluctuationParameters};
 * docs/corrections.md) of V'_θ, C'_θ(y) and β'(y), and the ω-side surrogates α''(y), V''_ω(y),
 * against one Algorithm-1 recomputation on the finite-size DMF realisation (linear_sq, GD η = 0.5,
 * reference ν, d = 200, n = 400, L = 6, exact affine DMF kernels).
 */
class FluctuationParametersTest {
  static final int D = 200;
  static final int N = 400;
  static final int L = 6;
  static final DmfProblem PROBLEM = new DmfProblem(new double[] {0.5, 0.5},
      DmfProblem.referenceNu(), (double) N / D, Perceptron.linearSquare(), new Algorithm.Gd(0.5), L);

  /** Index of V(l,m), l <= m, then C(0)(m,l), then beta(y,l) in the moment vector. */
  static int vIndex(int l, int m) {
    int i = 0;
    for (int a = 0; a < L; a++) for (int b = a; b < L; b++, i++) if (a == l && b == m) return i;
    throw new IllegalStateException();
  }

  static final int NV = L * (L + 1) / 2;
  static final int DIM = NV + L * L + 2 * L;
  /** Then the omega side of class 0: alpha'(l, 0) and V'_omega(0)(l <= m). */
  static final int DIM2 = DIM + L + NV;

  @Test
  void correctedSurrogatesMatchTheFiniteSizeDmfRealisation() {
    DmfSolution sol = ExactSweep.solve(PROBLEM);
    FiniteSizeSetup setup = FiniteSizeSetup.of(PROBLEM, D);
    FluctuationParameters fp = FluctuationParameters.of(PROBLEM, sol, N);
    // (P2): V_theta = N + gamma S, to round-off
    double[][] nm = fp.meanKernel(), s = fp.noiseKernel();
    for (int a = 0; a < L; a++) {
      for (int b = 0; b < L; b++) {
        assertThat(nm[a][b] + PROBLEM.gamma() * s[a][b]).isCloseTo(sol.vTheta()[a][b], within(1e-12));
      }
    }
    long t0 = System.nanoTime();
    // finite-size DMF realisation: Algorithm 1, line 1 (RefinementIteration.setDmf + rerun)
    VectorMoments emp = new VectorMoments(DIM2, 41, 40, 500, 2, rng -> {
      var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      PsiNoise noise = new PsiNoise(setup);
      RefinementIteration alg = new RefinementIteration(setup, 0, 0, 0);
      FiniteSizePath path = new FiniteSizePath(setup);
      return x -> {
        noise.draw(gauss);
        alg.setDmf(noise, sol);
        alg.rerun(path);
        primed(setup, path, noise, x);
      };
    });
    long t1 = System.nanoTime();
    VectorMoments sur = new VectorMoments(DIM2, 42, 40, 5000, 2, rng -> {
      var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      FluctuationParameters f = FluctuationParameters.of(PROBLEM, sol, N);
      double[][] v = new double[L][L];
      double[][][] c = new double[2][L][L];
      double[][] b = new double[2][L];
      double[] a = new double[L];
      double[][] w = new double[L][L];
      return x -> {
        f.sample(gauss, v, c, b);
        pack(v, c[0], b, x);
        f.sampleOmegaSide(gauss, PROBLEM.perceptron(), 0, a, w);
        int i = DIM;
        for (int l = 0; l < L; l++) x[i++] = a[l];
        for (int l = 0; l < L; l++) for (int m = l; m < L; m++) x[i++] = w[l][m];
      };
    });
    long t2 = System.nanoTime();
    // closed forms
    double[] mean = new double[DIM];
    double[] printed = new double[DIM];
    double[][] ncov = new double[DIM][DIM];
    double[][] vm = fp.vThetaMean(), pm = fp.printedVThetaMean(), cm = fp.cThetaMean(0);
    double[][] bm = sol.beta();
    pack(vm, cm, bm, mean);
    pack(pm, cm, bm, printed);
    int[][] key = keys();
    for (int i = 0; i < DIM; i++) {
      for (int j = 0; j < DIM; j++) ncov[i][j] = closedNCov(fp, key[i], key[j]);
    }
    double zMean = 0, zPrinted = 0, zCov = 0, zSurMean = 0, zSurCov = 0, relCov = 0, relSurCov = 0;
    double maxCov = 0, maxDiffMean = 0, maxPrintedShift = 0, maxSe = 0;
    for (int i = 0; i < DIM; i++) {
      if (ncov[i][i] < 1e-14) {
        // deterministic entries (|theta(0)|^2, beta(y, 0)): exact to round-off
        assertThat(emp.mean[i]).isCloseTo(mean[i], within(1e-12));
        assertThat(sur.mean[i]).isCloseTo(mean[i], within(1e-12));
        continue;
      }
      zMean = Math.max(zMean, Math.abs(emp.mean[i] - mean[i]) / emp.seMean[i]);
      zSurMean = Math.max(zSurMean, Math.abs(sur.mean[i] - mean[i]) / sur.seMean[i]);
      if (i < NV) {
        zPrinted = Math.max(zPrinted, Math.abs(emp.mean[i] - printed[i]) / emp.seMean[i]);
        maxDiffMean = Math.max(maxDiffMean, Math.abs(emp.mean[i] - mean[i]));
        maxPrintedShift = Math.max(maxPrintedShift, Math.abs(printed[i] - mean[i]));
        maxSe = Math.max(maxSe, emp.seMean[i]);
      }
      for (int j = 0; j < DIM; j++) {
        if (Double.isNaN(ncov[i][j]) || ncov[j][j] < 1e-14) continue;
        double e = N * emp.cov[i][j], se = N * emp.seCov[i][j];
        zCov = Math.max(zCov, Math.abs(e - ncov[i][j]) / se);
        zSurCov = Math.max(zSurCov, Math.abs(N * sur.cov[i][j] - ncov[i][j]) / (N * sur.seCov[i][j]));
        maxCov = Math.max(maxCov, Math.abs(ncov[i][j]));
      }
    }
    for (int i = 0; i < DIM; i++) {
      for (int j = 0; j < DIM; j++) {
        if (Double.isNaN(ncov[i][j])) continue;
        relCov = Math.max(relCov, Math.abs(N * emp.cov[i][j] - ncov[i][j]) / maxCov);
        relSurCov = Math.max(relSurCov, Math.abs(N * sur.cov[i][j] - ncov[i][j]) / maxCov);
      }
    }
    System.out.printf("Prop. 2 (d=%d, n=%d, L=%d): %d DMF realisations in %.1fs, %d surrogate draws in %.1fs%n",
        D, N, L, emp.count, (t1 - t0) * 1e-9, sur.count, (t2 - t1) * 1e-9);
    System.out.printf("  V'_theta mean: max|emp - V_theta| = %.2e (max s.e. %.1e); printed centering shifts it by up to %.2e%n",
        maxDiffMean, maxSe, maxPrintedShift);
    System.out.printf("  max z-scores: means %.2f (corrected), %.2f (printed V''_theta); n Cov %.2f; surrogate MC means %.2f, n Cov %.2f%n",
        zMean, zPrinted, zCov, zSurMean, zSurCov);
    System.out.printf("  max|n Cov - closed form| / max|n Cov|: finite-size %.3f, surrogate MC %.3f%n", relCov, relSurCov);
    // 69 means and 69*70/2 covariance entries; |z| <= 4.5 fails with prob ~1e-5 per entry
    // (batch-means s.e. over 40 blocks, themselves ~11% uncertain)
    assertThat(zMean).isLessThan(4.5);
    assertThat(zCov).isLessThan(4.5);
    assertThat(zSurMean).isLessThan(4.5);
    assertThat(zSurCov).isLessThan(4.5);
    // power: the printed centering of Panahi 2026 is many s.e. off (2.3e-3 ~ 8 s.e. at 2e4 realisations)
    assertThat(zPrinted).isGreaterThan(6);
    // measured: n Cov within 0.9% (DMF realisations) and 0.7% (surrogates) at 2e4 realisations
    assertThat(relCov).isLessThan(0.04);
    // omega side (moment-matched surrogates as printed, checked here numerically): means against
    // the exact DMF alpha(., 0), V_omega(0); n Cov of the DMF realisation against surrogate MC
    double[] exactOmega = new double[DIM2 - DIM];
    int e = 0;
    for (int l = 0; l < L; l++) exactOmega[e++] = sol.alpha()[0][l];
    for (int l = 0; l < L; l++) for (int m = l; m < L; m++) exactOmega[e++] = sol.vOmegaByClass()[0][l][m];
    double zwMean = 0, zwSurMean = 0, zwCov = 0, relW = 0, maxW = 0;
    for (int i = DIM; i < DIM2; i++) {
      zwMean = Math.max(zwMean, Math.abs(emp.mean[i] - exactOmega[i - DIM]) / emp.seMean[i]);
      zwSurMean = Math.max(zwSurMean, Math.abs(sur.mean[i] - exactOmega[i - DIM]) / sur.seMean[i]);
      for (int j = DIM; j < DIM2; j++) {
        double a = N * emp.cov[i][j], b = N * sur.cov[i][j];
        zwCov = Math.max(zwCov, Math.abs(a - b) / Math.hypot(N * emp.seCov[i][j], N * sur.seCov[i][j]));
        maxW = Math.max(maxW, Math.abs(b));
      }
    }
    for (int i = DIM; i < DIM2; i++) {
      for (int j = DIM; j < DIM2; j++) relW = Math.max(relW, Math.abs(N * emp.cov[i][j] - N * sur.cov[i][j]) / maxW);
    }
    System.out.printf("  omega side (alpha'(0), V'_omega(0)): max z means %.2f (DMF realisation), %.2f (surrogate); "
        + "n Cov max z %.2f, max rel. diff %.3f%n", zwMean, zwSurMean, zwCov, relW);
    assertThat(zwMean).isLessThan(4.5);
    assertThat(zwSurMean).isLessThan(4.5);
    assertThat(zwCov).isLessThan(4.5);
  }

  /** V'(l<=m) = θ(l)·θ(m), C'_θ(0)(m,l) = G_0(·,m)·θ(l)/√n, β'(y,l) = μ_y·θ(l). */
  static void primed(FiniteSizeSetup s, FiniteSizePath path, PsiNoise noise, double[] x) {
    int d = s.dimension();
    double[] th = path.theta.re;
    int i = 0;
    for (int l = 0; l < L; l++) {
      for (int m = l; m < L; m++, i++) {
        double v = 0;
        for (int k = 0; k < d; k++) v += th[l * d + k] * th[m * d + k];
        x[i] = v;
      }
    }
    double sn = Math.sqrt(s.samples());
    double[] g = noise.g[0];
    for (int m = 0; m < L; m++) {
      for (int l = 0; l < L; l++, i++) {
        double v = 0;
        for (int k = 0; k < d; k++) v += g[k * L + m] * th[l * d + k];
        x[i] = v / sn;
      }
    }
    for (int y = 0; y < 2; y++) {
      double[] mu = s.meanRow(y);
      for (int l = 0; l < L; l++, i++) {
        double v = 0;
        for (int k = 0; k < d; k++) v += mu[k] * th[l * d + k];
        x[i] = v;
      }
    }
    double n = s.samples();
    double[] w = path.omega[0].re;
    int ny = path.omega[0].rows;
    for (int l = 0; l < L; l++, i++) {
      double v = 0;
      for (int r = 0; r < ny; r++) v += w[r * L + l];
      x[i] = v / n;
    }
    for (int l = 0; l < L; l++) {
      for (int m = l; m < L; m++, i++) {
        double v = 0;
        for (int r = 0; r < ny; r++) v += w[r * L + l] * w[r * L + m];
        x[i] = v / n;
      }
    }
  }

  static void pack(double[][] v, double[][] c0, double[][] beta, double[] x) {
    int i = 0;
    for (int l = 0; l < L; l++) for (int m = l; m < L; m++) x[i++] = v[l][m];
    for (int m = 0; m < L; m++) for (int l = 0; l < L; l++) x[i++] = c0[m][l];
    for (int y = 0; y < 2; y++) for (int l = 0; l < L; l++) x[i++] = beta[y][l];
  }

  /** {kind, a, b}: kind 0 = V(a,b), 1 = C(0)(a,b), 2 = beta(y=a, l=b). */
  static int[][] keys() {
    int[][] k = new int[DIM][];
    int i = 0;
    for (int l = 0; l < L; l++) for (int m = l; m < L; m++) k[i++] = new int[] {0, l, m};
    for (int m = 0; m < L; m++) for (int l = 0; l < L; l++) k[i++] = new int[] {1, m, l};
    for (int y = 0; y < 2; y++) for (int l = 0; l < L; l++) k[i++] = new int[] {2, y, l};
    return k;
  }

  /** Closed-form n Cov within V, within C(0), within β; NaN across blocks (not given in closed form). */
  static double closedNCov(FluctuationParameters fp, int[] p, int[] q) {
    if (p[0] == 0 && q[0] == 0) return fp.nCovVTheta(p[1], p[2], q[1], q[2]);
    if (p[0] == 1 && q[0] == 1) return fp.nCovCTheta(0, p[1], p[2], q[1], q[2]);
    if (p[0] == 2 && q[0] == 2) return fp.nCovBeta(p[1], p[2], q[1], q[2]);
    return Double.NaN;
  }
}
