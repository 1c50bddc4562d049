package org.effdyn.model.generic;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.effdyn.core.RandomStreams;
import org.effdyn.model.common.Activation;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/**
 * The volatility Σ = κ c_δ Cov(X) of {@link GenericLimit#volatility} against a Monte Carlo estimate of Cov(X)
 * from explicit vectors: anchors ν_b and parameters x^a in R^d (d = p + q: the law of the projections
 * does not depend on d), Y = μ_c + Z, and X formed from ⟨x^a, Y⟩, ⟨ν_b, Y⟩ and ⟨P x^b, Z⟩ sample by sample.
 * This checks the reduction (both forms; the regression form's conditional-covariance term E[G K Gᵀ])
 * independently of it. Tolerance: 5 Monte Carlo standard errors per entry (each from the sample variance
 * of the centred products), plus the engine's quadrature error.
 */
class GenericVolatilityTest {
  static final int SAMPLES = 40_000;

  /** Monte Carlo Σ entries and their standard errors. */
  static double[][][] monteCarlo(GenericLimit e, double[] u, long seed) {
    AnchoredMixture law = e.law();
    StatisticsLayout st = e.statistics();
    int p = st.p();
    int q = st.q();
    int k0 = st.k0();
    int d = p + q;
    double[][] nbar = law.nbar();
    double[][] lnu = new CholeskyDecomposition(MatrixUtils.createRealMatrix(nbar), 1e-12, 1e-10).getL().getData();
    double[][] inv = MatrixUtils.inverse(MatrixUtils.createRealMatrix(nbar)).getData();
    double[][] m = new double[p][q];
    double[][] rp = new double[p][p];
    double[] theta = new double[k0];
    st.m(u, m);
    st.rperp(u, rp);
    st.theta(u, theta);
    double[][] lp = new CholeskyDecomposition(MatrixUtils.createRealMatrix(rp), 1e-12, 1e-12).getL().getData();
    double[][] nu = new double[q][d];
    double[][] x = new double[p][d];
    double[][] px = new double[p][d];
    for (int b = 0; b < q; b++) for (int j = 0; j < q; j++) nu[b][j] = lnu[b][j];
    for (int a = 0; a < p; a++) {
      for (int j = 0; j < q; j++) {
        double v = 0;
        for (int b = 0; b < q; b++) for (int c = 0; c < q; c++) v += m[a][b] * inv[b][c] * lnu[c][j];
        x[a][j] = v;
      }
      for (int k = 0; k < p; k++) x[a][q + k] = px[a][q + k] = lp[a][k];
    }
    UniformRandomProvider rng = RandomStreams.stream(seed, 0);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = st.size();
    double[][] xs = new double[SAMPLES][n];
    double[] probs = law.probs();
    double[][] means = law.means();
    double sc = 1 / Math.sqrt(law.lambda());
    double corr = e.options().cDelta() / law.lambda();
    double ratio = e.options().cTheta() / e.options().cDelta();
    MultiIndexLoss loss = e.loss();
    LabelModel lm = law.labels();
    double[] y = new double[lm.dimension()];
    double[] zeta = new double[lm.noiseDimension()];
    double[] z = new double[d];
    double[] yv = new double[d];
    double[] s = new double[p];
    double[] t = new double[q];
    double[] zp = new double[p];
    double[] gs = new double[p];
    double[] gt = new double[k0];
    for (int i = 0; i < SAMPLES; i++) {
      double uc = rng.nextDouble();
      int c = 0;
      while (c < probs.length - 1 && uc >= probs[c]) uc -= probs[c++];
      for (int j = 0; j < d; j++) {
        z[j] = sc * gauss.sample();
        double mu = 0;
        for (int b = 0; b < q; b++) mu += means[c][b] * nu[b][j];
        yv[j] = mu + z[j];
      }
      for (int a = 0; a < p; a++) {
        s[a] = dot(x[a], yv);
        zp[a] = dot(px[a], z);
      }
      for (int b = 0; b < q; b++) t[b] = dot(nu[b], yv);
      for (int j = 0; j < zeta.length; j++) zeta[j] = gauss.sample();
      lm.label(c, t, zeta, y);
      loss.gradient(s, y, theta, gs, gt);
      double[] xv = xs[i];
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < q; b++) xv[st.m(a, b)] = gs[a] * t[b];
        for (int b = a; b < p; b++) xv[st.rperp(a, b)] = gs[a] * zp[b] + gs[b] * zp[a] - corr * gs[a] * gs[b];
      }
      for (int j = 0; j < k0; j++) xv[st.theta(j)] = ratio * gt[j];
    }
    double[] mean = new double[n];
    for (double[] xv : xs) for (int i = 0; i < n; i++) mean[i] += xv[i] / SAMPLES;
    double f = e.options().timeFactor() * e.options().cDelta();
    double[][][] out = new double[2][n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s1 = 0;
        double s2 = 0;
        for (double[] xv : xs) {
          double pr = (xv[i] - mean[i]) * (xv[j] - mean[j]);
          s1 += pr;
          s2 += pr * pr;
        }
        double cov = s1 / (SAMPLES - 1);
        double var = (s2 / SAMPLES - (s1 / SAMPLES) * (s1 / SAMPLES)) / SAMPLES;
        out[0][i][j] = out[0][j][i] = f * cov;
        out[1][i][j] = out[1][j][i] = f * Math.sqrt(var);
      }
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  /** Largest |Σ_engine − Σ_MC| / s.e. over the entries, asserting each is within 5 s.e. + quadError. */
  static double check(GenericLimit e, double[] u, double[][][] mc, double quadError) {
    int n = u.length;
    double[][] sigma = new double[n][n];
    e.volatility(u, sigma);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double diff = Math.abs(sigma[i][j] - mc[0][i][j]);
        assertThat(diff).as("Sigma[%d][%d] = %s vs MC %s +- %s", i, j, sigma[i][j], mc[0][i][j], mc[1][i][j])
            .isLessThan(5 * mc[1][i][j] + quadError);
        worst = Math.max(worst, diff / Math.max(mc[1][i][j], 1e-300));
      }
    }
    return worst;
  }

  @Test
  void kgmmVolatilityMatchesMonteCarloInBothForms() {
    GenericOptions o = GenericOptions.of(0.8, 0.1);
    GenericLimit reg = new GenericLimit(GenericKgmmTest.law(2), Losses.softmaxCe(3, true), o);
    GenericLimit dir = new GenericLimit(GenericKgmmTest.law(2), Losses.softmaxCe(3, true),
        o.withForm(GenericOptions.Form.DIRECT).withQuadrature(Quadrature.gaussHermite(7)));
    double[] u = GenericKgmmTest.state(4);
    double[][][] mc = monteCarlo(reg, u, 1);
    double zr = check(reg, u, mc, 1e-6);
    double zd = check(dir, u, mc, 1e-4);
    System.out.printf("k-GMM lambda=2 volatility vs Monte Carlo (%d samples): max |diff|/s.e. regression %.2f,"
        + " direct %.2f%n", SAMPLES, zr, zd);
  }

  @Test
  void teacherStudentVolatilityWithHeadAndLabelNoise() {
    // committee-type: K = 2 erf units with a trained head, M = 1 teacher, label noise sigma0 = 0.4;
    // teacher-student time (kappa = c_delta), so Sigma = c_delta^2 Cov(X)
    double[][] t = {{1.2}};
    AnchoredMixture law = AnchoredMixture.teacherStudent(t, LabelModel.teacher(new double[] {1.0}, Activation.ERF::valueNoAlloc, 0.4));
    GenericOptions o = new GenericOptions(0.5, 0, 0.3, 0, GenericOptions.TimeConvention.TEACHER_STUDENT,
        GenericOptions.Form.REGRESSION, GenericOptions.Root.EQUALIZED, Quadrature.auto(), 3);
    GenericLimit e = new GenericLimit(law, Losses.committeeErf(2, true), o);
    double[] u = e.statistics().pack(new double[][] {{0.6}, {-0.3}}, new double[][] {{0.7, 0.2}, {0.2, 0.5}},
        new double[] {0.8, -0.6});
    double[][][] mc = monteCarlo(e, u, 2);
    double z = check(e, u, mc, 1e-6);
    System.out.printf("teacher-student (K=2, M=1, head, sigma0=0.4) volatility vs Monte Carlo: max |diff|/s.e. %.2f%n", z);
  }
}
