package org.effdyn.model.dmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * Reference table A and the oracles O1 (Marchenko–Pastur/Narayana), O2 (long-time limit) and O5
 * (Picard) of the exact affine DMF (docs/dmf.md, "Checks").
 */
class ExactSweepTest {
  static final double[] HALF = {0.5, 0.5};

  static DmfProblem linear(Algorithm a, double gamma, double[][] nu, int iterations) {
    return new DmfProblem(HALF, nu, 1 / gamma, Perceptron.linearSquare(), a, iterations);
  }

  static final int[] COLS = {0, 1, 2, 5, 10, 19};

  /**
   * Reference table A: the exact affine DMF (linear_sq, targets (−1, +1), reference ν, γ = 1/2,
   * GD η = 0.5) at l = 0, 1, 2, 5, 10, 19, 12 significant digits from an implementation independent
   * of this one; the tolerance 1e-10 covers the rounding. Column l = 1 by hand: α(0,·) = (1/2, −1/2)
   * and B_θ(0,0) = 1, so θ(1) = θ0/2 − (μ_0 − μ_1)/4 − noise/2, β(1,1) = (1/4)(1 + 1/2) = 0.375 and
   * |θ(1)|² = 0.0025 + |μ_0 − μ_1|²/16 + γη²V_ω(0,0) = 0.0025 + 0.1875 + 0.12625 = 0.31625.
   */
  @Test
  void tableAGd() {
    DmfSolution s = ExactSweep.solve(linear(new Algorithm.Gd(0.5), 0.5, DmfProblem.referenceNu(), 20));
    check(s.lossTrain(), 0.505, 0.2275, 0.183637695313, 0.156510230992, 0.147364311561, 0.143878150928);
    check(s.lossTest(), 0.505, 0.3534375, 0.366000976562, 0.412524717245, 0.467882934704, 0.519587425753);
    check(s.beta()[1], 0, 0.375, 0.328125, 0.394134521484, 0.412311290391, 0.422651400605);
    check(neg(s.beta()[0]), 0, 0.375, 0.328125, 0.394134521484, 0.412311290391, 0.422651400605);
    check(diag(s.vTheta()), 0.01, 0.31625, 0.2805859375, 0.457976456434, 0.590387850007, 0.705843446283);
    check(diag(s.vOmega()), 1.01, 0.455, 0.367275390625, 0.313020461984, 0.294728623123, 0.287756301857);
    check(s.bTheta()[0], 1, -0.25, -0.0625, -0.0205078125, -0.006157875061, -0.001647054403);
    check(s.lambdaTilde()[0], 0, 0.5, 0.25, 0.11328125, 0.049541473389, 0.017828365249);
    check(s.lambdaTildeInit(), 1, 0.5, 0.375, 0.185546875, 0.086767196655, 0.032362621692);
    assertThat(s.standardError()).isNull();
  }

  @Test
  void tableAHeavyBallAndNesterov() {
    DmfSolution hb = ExactSweep.solve(linear(new Algorithm.HeavyBall(0.5, 0.5), 0.5, DmfProblem.referenceNu(), 20));
    check(hb.lossTrain(), 0.505, 0.2275, 0.228051757812, 0.151885020826, 0.143765909943, 0.142903089530);
    check(hb.lossTest(), 0.505, 0.3534375, 0.433383789062, 0.491858466659, 0.536960364899, 0.562574677594);
    check(hb.beta()[1], 0, 0.375, 0.515625, 0.413177490234, 0.428783462383, 0.427976381239);
    check(diag(hb.vTheta()), 0.01, 0.31625, 0.6321484375, 0.639356275350, 0.747632396950, 0.797938334767);
    DmfSolution ne = ExactSweep.solve(linear(new Algorithm.Nesterov(0.5, 0.5), 0.5, DmfProblem.referenceNu(), 20));
    check(ne.lossTrain(), 0.505, 0.355, 0.254836730957, 0.190536816101, 0.160499828705, 0.146893464688);
    check(ne.lossTest(), 0.505, 0.448984375, 0.447142639160, 0.499029666360, 0.538142344531, 0.562191437250);
    check(ne.beta()[1], 0, 0.5625, 0.26953125, 0.495057106018, 0.382353583283, 0.445850331020);
    check(diag(ne.vTheta()), 0.01, 0.7065625, 0.360700683594, 0.743092006538, 0.694797592977, 0.817301018870);
  }

  /**
   * O1: pure noise (ν = 0, θ0 = 0), targets ±1: train loss(l) = ½ ∫ P_l(s)² dμ_γ(s) with
   * P_l(s) = 1 − s Σ_{μ<l} Λ(μ,l) P_μ(s) and the Marchenko–Pastur moments
   * m_k = γ Σ_j γ^j/(j+1) C(k,j) C(k−1,j). The oracle is computed here independently of the sweep.
   * Tolerance 1e-11 relative: the sweep is O(L³) double operations; where the loss decays 10^4-fold
   * (heavy ball, γ = 2) rounding of the O(1) terms reaches 1.2e-12 relative.
   */
  @Test
  void o1MarchenkoPasturAllAlgorithms() {
    int n = 16;
    Algorithm[] algs = {new Algorithm.Gd(0.4), new Algorithm.HeavyBall(0.4, 0.5),
        new Algorithm.Nesterov(0.4, 0.5), new Algorithm.EmaMomentum(0.4, 0.5)};
    for (Algorithm alg : algs) {
      for (BigFraction g : new BigFraction[] {new BigFraction(1, 2), BigFraction.ONE, BigFraction.TWO}) {
        double gamma = g.doubleValue();
        DmfSolution s = ExactSweep.solve(linear(alg, gamma, new double[3][3], n));
        double[] oracle = mpOracle(alg, n, g);
        double rel = 0;
        for (int l = 0; l < n; l++) rel = Math.max(rel, Math.abs(s.lossTrain()[l] - oracle[l]) / oracle[l]);
        System.out.printf("O1 %-10s gamma=%.1f  max rel err %.1e  loss(1,2,3,5) = %.10f %.10f %.10f %.10f%n",
            alg.name(), gamma, rel, s.lossTrain()[1], s.lossTrain()[2], s.lossTrain()[3], s.lossTrain()[5]);
        assertThat(rel).as(alg.name() + " gamma=" + gamma).isLessThan(1e-11);
      }
    }
    // Two exact rationals of the oracle at l = 3 (η = 2/5, s = 1/2): GD at γ = 1/2, heavy ball at γ = 2
    DmfSolution gd = ExactSweep.solve(linear(new Algorithm.Gd(0.4), 0.5, new double[3][3], 6));
    assertThat(gd.lossTrain()[3]).isCloseTo(4684.0 / 15625, org.assertj.core.data.Offset.offset(1e-14));
    DmfSolution hb = ExactSweep.solve(linear(new Algorithm.HeavyBall(0.4, 0.5), 2, new double[3][3], 6));
    assertThat(hb.lossTrain()[3]).isCloseTo(3153.0 / 62500, org.assertj.core.data.Offset.offset(1e-14));
    assertThat(hb.lossTrain()[5]).isCloseTo(0.0128580144, org.assertj.core.data.Offset.offset(1e-10));
    DmfSolution ne = ExactSweep.solve(linear(new Algorithm.Nesterov(0.4, 0.5), 1, new double[3][3], 6));
    assertThat(ne.lossTrain()[3]).isCloseTo(36149.0 / 250000, org.assertj.core.data.Offset.offset(1e-14));
    DmfSolution ema = ExactSweep.solve(linear(new Algorithm.EmaMomentum(0.4, 0.5), 0.5, new double[3][3], 6));
    assertThat(ema.lossTrain()[2]).isCloseTo(697.0 / 2000, org.assertj.core.data.Offset.offset(1e-14));
    assertThat(ema.lossTrain()[5]).isCloseTo(0.2854651912, org.assertj.core.data.Offset.offset(1e-10));
  }

  /** The oracle in exact rationals (the moments grow like (1 + √γ)^{2k}: doubles would cancel). */
  static double[] mpOracle(Algorithm alg, int n, BigFraction gamma) {
    BigFraction eta = new BigFraction(2, 5);
    BigFraction s = new BigFraction(1, 2);
    BigFraction[] moment = new BigFraction[2 * n];
    moment[0] = BigFraction.ONE;
    for (int k = 1; k < 2 * n; k++) {
      BigFraction m = BigFraction.ZERO;
      for (int j = 0; j < k; j++) {
        m = m.add(gamma.pow(j).multiply(new BigFraction(binom(k, j).multiply(binom(k - 1, j)),
            java.math.BigInteger.valueOf(j + 1))));
      }
      moment[k] = gamma.multiply(m);
    }
    BigFraction[][] poly = new BigFraction[n][];
    double[] out = new double[n];
    for (int l = 0; l < n; l++) {
      BigFraction[] p = new BigFraction[l + 1];
      java.util.Arrays.fill(p, BigFraction.ZERO);
      p[0] = BigFraction.ONE;
      for (int mu = 0; mu < l; mu++) {
        int k = l - mu;
        BigFraction sk = s.pow(k);
        BigFraction big;
        if (alg instanceof Algorithm.Gd) big = eta;
        else if (alg instanceof Algorithm.HeavyBall) big = eta.multiply(BigFraction.ONE.subtract(sk)).divide(BigFraction.ONE.subtract(s));
        else if (alg instanceof Algorithm.Nesterov) big = eta.multiply(BigFraction.ONE.subtract(sk.multiply(s))).divide(BigFraction.ONE.subtract(s));
        else big = eta.multiply(BigFraction.ONE.subtract(sk));
        for (int i = 0; i < poly[mu].length; i++) p[i + 1] = p[i + 1].subtract(big.multiply(poly[mu][i]));
      }
      poly[l] = p;
      BigFraction v = BigFraction.ZERO;
      for (int i = 0; i <= l; i++) for (int j = 0; j <= l; j++) v = v.add(p[i].multiply(p[j]).multiply(moment[i + j]));
      out[l] = v.divide(2).doubleValue();
    }
    return out;
  }

  static java.math.BigInteger binom(int n, int k) {
    java.math.BigInteger b = java.math.BigInteger.ONE;
    for (int i = 1; i <= k; i++) b = b.multiply(java.math.BigInteger.valueOf(n - k + i)).divide(java.math.BigInteger.valueOf(i));
    return b;
  }

  /** O2: convergent GD in O1 has train loss → (1 − γ)_+/2 (the residual survives in ker K). */
  @Test
  void o2LongTimeLimit() {
    double[][] cases = {{0.25, 0.6}, {0.5, 0.6}, {2, 0.3}, {4, 0.2}};
    for (double[] cs : cases) {
      DmfSolution s = ExactSweep.solve(linear(new Algorithm.Gd(cs[1]), cs[0], new double[3][3], 300));
      double limit = Math.max(1 - cs[0], 0) / 2;
      System.out.printf("O2 gamma=%.2f eta=%.1f: loss(299) = %.3e vs %.3e%n", cs[0], cs[1],
          s.lossTrain()[299], limit);
      // Distance after 299 steps is (1 − η(1 ± √γ)²)^598 ≤ 1e-40 of the start: only rounding left.
      assertThat(Math.abs(s.lossTrain()[299] - limit)).isLessThan(1e-12);
    }
  }

  /**
   * O5: the whole-trajectory Picard iteration of the affine DMF map (all times at once, from zero
   * kernels, written here with dense Hipparchus solves) reaches the sweep after exactly L
   * iterations and not before: column l of every kernel needs the others only at times &lt; l.
   */
  @Test
  void o5PicardReachesTheSweepInLIterations() {
    int n = 12;
    double gamma = 0.5;
    double[][] nu = DmfProblem.referenceNu();
    Coefficients c = Coefficients.of(new Algorithm.Gd(0.5), n);
    DmfSolution sweep = ExactSweep.solve(linear(new Algorithm.Gd(0.5), gamma, nu, n));
    RealMatrix bigL = MatrixUtils.createRealMatrix(c.bigLambda());
    RealVector lam = MatrixUtils.createRealVector(c.lambda());
    RealMatrix id = MatrixUtils.createRealIdentityMatrix(n);
    RealMatrix nuM = MatrixUtils.createRealMatrix(nu);
    double[] tgt = {-1, 1};
    RealMatrix b = MatrixUtils.createRealMatrix(n, n);
    RealMatrix vw = MatrixUtils.createRealMatrix(n, n);
    RealMatrix al = MatrixUtils.createRealMatrix(2, n);
    double[] dist = new double[n + 2];
    for (int it = 0; it < n + 2; it++) {
      RealMatrix lt = MatrixUtils.inverse(id.add(bigL.multiply(b))).multiply(bigL);
      RealVector ltS = MatrixUtils.inverse(id.add(b.multiply(bigL))).transpose().operate(lam);
      RealMatrix at = MatrixUtils.createRealMatrix(3, n);
      at.setSubMatrix(al.multiply(lt).getData(), 0, 0);
      at.setRowVector(2, ltS.mapMultiply(-1));
      RealMatrix beta = nuM.getSubMatrix(0, 1, 0, 2).multiply(at).scalarMultiply(-1);
      RealMatrix vt = at.transpose().multiply(nuM).multiply(at)
          .add(lt.transpose().multiply(vw).multiply(lt).scalarMultiply(gamma));
      RealMatrix bw = lt.scalarMultiply(-gamma);
      RealMatrix t = MatrixUtils.inverse(id.subtract(bw.transpose()));
      RealVector ones = MatrixUtils.createRealVector(new double[n]).mapAdd(1);
      RealMatrix cp = t.multiply(vt).multiply(t.transpose());
      RealMatrix vw2 = cp.copy();
      RealMatrix al2 = MatrixUtils.createRealMatrix(2, n);
      for (int y = 0; y < 2; y++) {
        RealVector mean = t.operate(beta.getRowVector(y).subtract(bw.transpose().operate(ones).mapMultiply(tgt[y])));
        RealVector r = mean.mapSubtract(tgt[y]);
        vw2 = vw2.add(r.outerProduct(r).scalarMultiply(HALF[y]));
        al2.setRowVector(y, r.mapMultiply(HALF[y]));
      }
      b = t.transpose();
      vw = vw2;
      al = al2;
      dist[it] = vt.subtract(MatrixUtils.createRealMatrix(sweep.vTheta())).getNorm1();
    }
    System.out.printf("O5 Picard |V_theta - sweep| after iterations 1..%d: %s%n", n + 2,
        java.util.Arrays.toString(java.util.Arrays.stream(dist).mapToObj(x -> String.format("%.0e", x)).toArray()));
    // Iteration i (1-based) makes times < i exact; V_θ(l,l) needs columns < l of B: L + 1 maps.
    assertThat(dist[n - 2]).isGreaterThan(1e-8);
    assertThat(dist[n]).isLessThan(1e-12);
    assertThat(dist[n + 1]).isLessThan(1e-12);
  }

  @Test
  void rejectsNonAffineAndReportsDivergence() {
    DmfProblem soft = new DmfProblem(HALF, DmfProblem.referenceNu(), 2, Perceptron.softplusSquare(),
        new Algorithm.Gd(0.5), 5);
    assertThatThrownBy(() -> ExactSweep.solve(soft)).hasMessageContaining("softplus_sq");
    // η (1 + √γ)² = 3 · 2.9 ≫ 2: the iterates grow like 7^l and overflow within ~400 steps.
    DmfProblem wild = linear(new Algorithm.Gd(3), 0.5, DmfProblem.referenceNu(), 600);
    assertThatThrownBy(() -> ExactSweep.solve(wild)).isInstanceOf(DmfException.class)
        .hasMessageContaining("iteration").hasMessageContaining("diverges");
  }

  static void check(double[] got, double... want) {
    for (int i = 0; i < COLS.length; i++) {
      assertThat(got[COLS[i]]).as("l=" + COLS[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-10));
    }
  }

  static double[] diag(double[][] m) {
    double[] d = new double[m.length];
    for (int i = 0; i < d.length; i++) d[i] = m[i][i];
    return d;
  }

  static double[] neg(double[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < d.length; i++) d[i] = -v[i];
    return d;
  }
}
