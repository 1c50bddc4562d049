package org.effdyn.model.spectral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.xor.XorGmm;
import org.effdyn.model.xor.XorOracles;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

/** XOR blocks of {@link XorSpectrum}: matrix-free products, the vv-outlier count oracle, empirical vs population. */
class XorSpectrumTest {

  /** W (K × d) with the statistics of u: W_i = m_i^μ e_0 + m_i^ν e_1 + (R⊥^{1/2})_i· in coordinates 2..K+1. */
  static double[][] weights(StateLayout l, double[] u, int d) {
    int k = l.block("v").size();
    double[][] root = new double[k][k];
    new org.effdyn.gauss.CovarianceRoot(k).compute(l.matrix("Rperp", u), "Rperp", root);
    double[][] w = new double[k][d];
    for (int i = 0; i < k; i++) {
      w[i][0] = u[k + i];
      w[i][1] = u[2 * k + i];
      for (int j = 0; j < k; j++) w[i][2 + j] = root[i][j];
    }
    return w;
  }

  static double[] v(double[] u, int k) {
    return java.util.Arrays.copyOf(u, k);
  }

  static double[] sortedDesc(double[][] a) {
    double[] ev = new org.hipparchus.linear.EigenDecompositionSymmetric(new org.hipparchus.linear.Array2DRowRealMatrix(a)).getEigenvalues();
    double[] s = ev.clone();
    java.util.Arrays.sort(s);
    for (int i = 0; i < s.length / 2; i++) {
      double t = s[i];
      s[i] = s[s.length - 1 - i];
      s[s.length - 1 - i] = t;
    }
    return s;
  }

  /**
   * The matrix-free W_iW_j product and the vv block equal the sums of {@link XorSpectrum} written out,
   * small d, finite λ.
   */
  @Test
  void blocksAreTheFormulas() {
    int k = 3, d = 6, mt = 13;
    var rng = RandomStreams.stream(11, 0);
    double[][] w = new double[k][d];
    double[] v = new double[k];
    for (int i = 0; i < k; i++) {
      v[i] = rng.nextDouble() - 0.5;
      for (int t = 0; t < d; t++) w[i][t] = rng.nextDouble() - 0.5;
    }
    XorSpectrum.TestSet test = XorSpectrum.TestSet.draw(3.0, d, mt, RandomStreams.stream(11, 1));
    XorSpectrum.Empirical e = new XorSpectrum.Empirical(w, v, test);
    double[] u = new double[d];
    for (int t = 0; t < d; t++) u[t] = Math.cos(1 + t);
    for (boolean hess : new boolean[] {true, false}) {
      double[][] vvWant = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double[] want = new double[d];
          for (int l = 0; l < mt; l++) {
            double[] y = test.y()[l];
            double[] h = new double[k];
            double s = 0;
            for (int a = 0; a < k; a++) {
              for (int t = 0; t < d; t++) h[a] += w[a][t] * y[t];
              s += v[a] * Math.max(h[a], 0);
            }
            double yh = 1 / (1 + Math.exp(-s));
            double lab = test.cls()[l] < 2 ? 1 : 0;
            double c = hess ? yh * (1 - yh) : (lab - yh) * (lab - yh);
            vvWant[i][j] += c * Math.max(h[i], 0) * Math.max(h[j], 0) / mt;
            double gate = (h[i] > 0 ? 1 : 0) * (h[j] > 0 ? 1 : 0);
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) want[a] += c * v[i] * v[j] * gate * y[a] * y[b] * u[b] / mt;
          }
          double[] got = new double[d];
          e.ww(i, j, hess).apply(u, got);
          for (int a = 0; a < d; a++) assertThat(got[a]).isCloseTo(want[a], offset(1e-13));
        }
      }
      double[][] vv = e.vv(hess);
      for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) assertThat(vv[i][j]).isCloseTo(vvWant[i][j], offset(1e-14));
    }
  }

  /**
   * Oracle (Ben Arous, Gheissari, Huang, Jagannath 2023, Thm 2.7): the number of vv outliers equals the
   * number of hidden classes the network found. λ = ∞ limit from random initializations (K = 4..6, several seeds, T = 150 ≫ 1/β), the
   * classes read from the final overlaps ({@link XorOracles#occupied}); the population vv block (λ = ∞) and
   * the empirical vv block at d = 400 (W built from the final statistics, test data at λ = 10⁴) both show
   * exactly that many outliers. Different draws find 2, 3 and 4 classes; the fixed points of partitions
   * with 1 to 4 occupied classes cover every count (G block).
   */
  @Test
  void vvOutlierCountIsTheNumberOfClassesFound() {
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int k = 4; k <= 6; k++) {
      XorGmm model = new XorGmm(k, Double.POSITIVE_INFINITY, 0.05, 1.0);
      var dyn = model.limit(Regime.BALLISTIC);
      for (int seed = 0; seed < 4; seed++) {
        double[] u0 = new double[dyn.dimension()];
        model.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(100 + seed, k), u0);
        var traj = new OdeSolver(org.effdyn.solve.OdeOptions.defaults().withTolerances(1e-9, 1e-12)).solve(dyn, u0, TimeGrid.of(150, 2));
        double[] u = traj.finalState();
        int found = Integer.bitCount(XorOracles.occupied(u, k));
        seen.add(found);
        PopulationBlock pop = XorSpectrum.populationVv(model.layout(), u, Double.POSITIVE_INFINITY, true, null);
        assertThat(XorSpectrum.outlierCount(pop.values(), k - 1)).as("population, K=%d seed %d", k, seed).isEqualTo(found);
        int d = 400;
        XorSpectrum.Empirical e = new XorSpectrum.Empirical(weights(model.layout(), u, d), v(u, k),
            XorSpectrum.TestSet.draw(1e4, d, 2 * d, RandomStreams.stream(200 + seed, k)));
        double[] emp = sortedDesc(e.vv(true));
        assertThat(XorSpectrum.outlierCount(emp, k - 1)).as("empirical, K=%d seed %d", k, seed).isEqualTo(found);
        System.out.printf("XOR K=%d seed %d: classes found %d, population vv %s, empirical vv top %s%n", k, seed, found,
            java.util.Arrays.toString(java.util.Arrays.copyOf(pop.values(), found + 1)),
            java.util.Arrays.toString(java.util.Arrays.copyOf(emp, found + 1)));
      }
    }
    assertThat(seen).as("the draws cover several class counts").hasSizeGreaterThanOrEqualTo(2);
    // and every count 1..4 at the fixed points of the partitions (dead neurons in I_0), K = 5 (a gap needs
    // at least one value past the outliers)
    XorGmm model = new XorGmm(5, Double.POSITIVE_INFINITY, 0.05, 1.0);
    int[][] partitions = {{4, 1, 0, 0, 0}, {3, 1, 0, 1, 0}, {2, 1, 1, 0, 1}, {1, 1, 1, 1, 1}};
    for (int s = 0; s < 4; s++) {
      double[] u = XorOracles.fixedPoint(model, new XorOracles.Partition(partitions[s]));
      PopulationBlock pop = XorSpectrum.populationVv(model.layout(), u, Double.POSITIVE_INFINITY, false, null);
      assertThat(XorSpectrum.outlierCount(pop.values(), 4)).as("population, %d classes", s + 1).isEqualTo(s + 1);
      XorSpectrum.Empirical e = new XorSpectrum.Empirical(weights(model.layout(), u, 200), v(u, 5),
          XorSpectrum.TestSet.draw(1e4, 200, 400, RandomStreams.stream(500, s)));
      assertThat(XorSpectrum.outlierCount(sortedDesc(e.vv(false)), 4)).as("empirical G, %d classes", s + 1).isEqualTo(s + 1);
    }
  }

  /**
   * At initialization (v ~ N(0, I), W_i ~ N(0, I_d/d): m ≈ 0, R⊥ ≈ I) the vv block has one outlier, from
   * the positive mean of relu, with no class structure: population at λ = 10 (m = 0, R⊥ = I)
   * and empirical at d = 1000 with the simulator's initialization.
   */
  @Test
  void oneVvOutlierAtInitialization() {
    int k = 20, d = 1000;
    XorGmm model = new XorGmm(k, 10, 0.05, 1.0);
    StateLayout l = model.layout();
    double[] u = new double[l.size()];
    model.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(5, 0), u);
    PopulationBlock pop = XorSpectrum.populationVv(l, u, 10, true, XorSpectrum.populationRule(k));
    assertThat(XorSpectrum.outlierCount(pop.values(), 4)).isEqualTo(1);
    var rng = RandomStreams.stream(5, 1);
    var g = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] w = new double[k][d];
    for (double[] wi : w) for (int t = 0; t < d; t++) wi[t] = g.sample() / Math.sqrt(d);
    double[] emp = sortedDesc(new XorSpectrum.Empirical(w, v(u, k), XorSpectrum.TestSet.draw(10, d, 2 * d, RandomStreams.stream(5, 2))).vv(true));
    assertThat(XorSpectrum.outlierCount(emp, 4)).isEqualTo(1);
    System.out.printf("XOR init K=20: population vv top %.4g, %.4g; empirical %.4g, %.4g%n", pop.values()[0], pop.values()[1], emp[0], emp[1]);
  }

  /**
   * Empirical outliers converge to the population outliers computed from the statistics alone (exact,
   * finite λ = 400) as d grows with M̃ = 2d: the W_0W_0 block (top 2, Lanczos) and the vv block (top 3),
   * Hessian and G, at a non-fixed-point state with R⊥ ≠ 0. Mean relative error over 3 test sets at
   * d = 250 and 1000: the sampling error falls like M̃^{-1/2} (ratio 2 expected); the bias from the
   * noise bulk is O(d/(M̃ λ)) ≈ 0.1 %. Tolerances: the d = 1000 error below 5 % (measured about 1-2 %)
   * and below 0.8 × the d = 250 error.
   */
  @Test
  void empiricalOutliersConvergeToThePopulation() {
    int k = 4;
    double lambda = 400;
    XorGmm model = new XorGmm(k, lambda, 0.05, 1.0);
    StateLayout l = model.layout();
    double[] u = XorOracles.fixedPoint(new XorGmm(k, Double.POSITIVE_INFINITY, 0.05, 1.0),
        new XorOracles.Partition(new int[] {0, 1, 1, 1, 1}));
    // move off the fixed point: perturbed overlaps and a non-zero R_perp
    double[] shift = {0.3, -0.2, 0.25, -0.15};
    for (int i = 0; i < k; i++) {
      u[k + i] += 0.1 * shift[i];
      u[2 * k + i] -= 0.1 * shift[(i + 1) % k];
      u[l.block("Rperp").index(i, i)] = 0.2;
    }
    u[l.block("Rperp").index(0, 1)] = 0.05;
    var rule = XorSpectrum.populationRule(k);
    double[] err = new double[2];
    int[] dims = {250, 1000};
    for (int di = 0; di < 2; di++) {
      int d = dims[di];
      double[][] w = weights(l, u, d);
      double sum = 0;
      int count = 0;
      for (int rep = 0; rep < 3; rep++) {
        XorSpectrum.Empirical e = new XorSpectrum.Empirical(w, v(u, k), XorSpectrum.TestSet.draw(lambda, d, 2 * d, RandomStreams.stream(300 + di, rep)));
        for (boolean hess : new boolean[] {true, false}) {
          PopulationBlock pw = XorSpectrum.populationWw(l, u, lambda, 0, hess, rule);
          Lanczos.Eigenpairs ew = Lanczos.top(e.ww(0, 0, hess), 2, 1e-8, RandomStreams.stream(400 + di, rep));
          for (int j = 0; j < 2; j++) {
            sum += Math.abs(ew.values()[j] - pw.values()[j]) / Math.abs(pw.values()[j]);
            count++;
          }
          PopulationBlock pv = XorSpectrum.populationVv(l, u, lambda, hess, rule);
          double[] ev = sortedDesc(e.vv(hess));
          for (int j = 0; j < 3; j++) {
            sum += Math.abs(ev[j] - pv.values()[j]) / Math.abs(pv.values()[j]);
            count++;
          }
        }
      }
      err[di] = sum / count;
      System.out.printf("XOR empirical vs population outliers (lambda = %.0f): d = %d, M~ = %d: mean relative error %.4f%n", lambda, d, 2 * d, err[di]);
    }
    assertThat(err[1]).isLessThan(0.05).isLessThan(0.8 * err[0]);
  }

  /** At a fixed point with i in I_{+μ} the λ = ∞ W_iW_i block has exactly two outliers, on μ and on ν (F(0) = 1/2). */
  @Test
  void firstLayerBlockIsRankTwoAtAFixedPoint() {
    XorGmm model = new XorGmm(4, Double.POSITIVE_INFINITY, 0.05, 1.0);
    double[] u = XorOracles.fixedPoint(model, new XorOracles.Partition(new int[] {0, 1, 1, 1, 1}));
    PopulationBlock b = XorSpectrum.populationWw(model.layout(), u, Double.POSITIVE_INFINITY, 0, true, null);
    // neuron 0 detects +mu: v_0 = m_0^mu = sqrt(L_beta). Every class has one active neuron with
    // v.g(W theta) = ±L_beta, so sigma' = 4beta(1 - 4beta) for all four. On mu: F = 1 (+mu), 0 (-mu);
    // on nu: F(0) = 1/2 for both ±nu. Both entries are L_beta sigma'/4.
    double lb = model.lbeta();
    double sp = 4 * 0.05 * (1 - 4 * 0.05);
    double mu = 0.25 * lb * sp;
    double nu = 0.25 * lb * (0.5 * sp + 0.5 * sp);
    assertThat(b.values()).hasSize(2);
    assertThat(java.util.Arrays.stream(b.values()).sorted().toArray()).containsExactly(new double[] {Math.min(mu, nu), Math.max(mu, nu)}, offset(1e-12));
    assertThatThrownBy(() -> b.top(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k (eigen count)");
  }
}
