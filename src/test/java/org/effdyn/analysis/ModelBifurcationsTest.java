package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.core.TimeGrid;
import org.effdyn.model.committee.Committee;
import org.effdyn.model.xor.XorGmm;
import org.effdyn.solve.OdeOptions;
import org.effdyn.solve.OdeSolver;
import org.effdyn.model.pca.PcaOracles;
import org.junit.jupiter.api.Test;

/** Bifurcations of the models' limits against their closed forms (docs/pca.md, docs/xor.md, docs/committee.md). */
class ModelBifurcationsTest {
  static Continuation.Family pca(int k, double c) {
    return ContinuationTest.pca(k, c);
  }

  /** Matrix PCA: the branch (0, c_δ) has a branch point at λ = c_δ; switching finds m² = λ − c_δ, r⊥² = c_δ, both signs of m. */
  @Test
  void matrixBranchPointAtCDeltaSwitchesOntoMSquaredEqualsLambdaMinusCDelta() {
    for (double c : new double[] {1.0, 0.6}) {
      Continuation cont = new Continuation(Continuation.Options.between(0.1, 3));
      List<Branch> all = cont.diagram(pca(2, c), "lambda", 0.2, List.of(new double[] {0, c}), true, 10);
      Branch trivial = all.get(0);
      Continuation.Special bp = trivial.specials(Continuation.SpecialKind.BRANCH_POINT).get(0);
      assertThat(bp.parameter()).isCloseTo(c, within(1e-9));
      List<Branch> switched = all.subList(2, all.size());
      assertThat(switched).hasSize(2);
      int positive = 0;
      for (Branch b : switched) {
        Continuation.Point last = b.points().get(b.points().size() - 1);
        assertThat(last.parameter()).isGreaterThan(2.99);
        for (Continuation.Point p : b.points()) {
          double m = p.state()[0];
          assertThat(m * m).isCloseTo(p.parameter() - c, within(1e-9));
          assertThat(p.state()[1]).isCloseTo(c, within(1e-9));
        }
        assertThat(last.stability().kind()).isEqualTo(Stability.Kind.STABLE_NODE);
        if (last.state()[0] > 0) positive++;
      }
      assertThat(positive).isEqualTo(1);
    }
  }

  /**
   * Spiked tensor, k = 3: the fold of the recovered branch at the closed form of docs/pca.md,
   * λ_c = (2c_δ(k−1)/k)^{k−1} / ((k−2)c_δ/k)^{(k−2)/2} = (16√3/9) c_δ^{3/2}, at m² = (k−2)c_δ/k = c_δ/3.
   */
  @Test
  void tensorFoldFollowsItsClosedFormInCDelta() {
    for (double c : new double[] {0.2, 1.0, 3.0}) {
      double lc = 16 * Math.sqrt(3) / 9 * Math.pow(c, 1.5);
      assertThat(PcaOracles.threshold(3, c)).isCloseTo(lc, within(1e-12 * lc));
      FixedPoint start = FixedPointFinder.defaults().from(pca(3, c).at(2 * lc), new double[] {2 * Math.sqrt(c), c}).orElseThrow();
      Branch b = new Continuation(Continuation.Options.between(0.5 * lc, 3 * lc)).trace(pca(3, c), "lambda", 2 * lc, start.state(), -1);
      List<Continuation.Special> folds = b.specials(Continuation.SpecialKind.FOLD);
      assertThat(folds).hasSize(1);
      assertThat(folds.get(0).parameter()).isCloseTo(lc, within(1e-9 * Math.max(1, lc)));
      assertThat(folds.get(0).state()[0]).isCloseTo(Math.sqrt(c / 3), within(1e-5));
    }
  }

  /**
   * XOR GMM at λ = ∞, K = 1: the fixed point v = m^μ = √L_β, m^ν = 0, R⊥ = 0 (docs/xor.md,
   * L_β = log((1 − 4β)/(4β))) traced in β shrinks to the origin as β → 1/8 and is 0 beyond: the collapse.
   */
  @Test
  void xorInfiniteCollapsesAtBetaOneEighth() {
    Continuation.Family f = beta -> new XorGmm(1, Double.POSITIVE_INFINITY, beta, 1.0).limit(Regime.BALLISTIC);
    double b0 = 0.05, l0 = Math.log((1 - 4 * b0) / (4 * b0));
    Branch b = new Continuation(Continuation.Options.between(0.01, 0.2)).trace(f, "beta", b0, new double[] {Math.sqrt(l0), Math.sqrt(l0), 0, 0}, +1);
    Continuation.Point before = null, after = null;
    for (Continuation.Point p : b.points()) {
      double beta = p.parameter(), v2 = p.state()[0] * p.state()[0];
      if (beta < 0.125) {
        assertThat(v2).isCloseTo(Math.log((1 - 4 * beta) / (4 * beta)), within(1e-8)); // Filippov drift: corrector tolerance near the kink at v = 0
        assertThat(p.state()[1]).isCloseTo(p.state()[0], within(1e-9));
        before = p;
      } else if (beta > 0.126) { // at the collapse itself the corrector meets the kink of the Filippov drift
        assertThat(Math.abs(p.state()[0])).isLessThan(1e-9);
        if (after == null) after = p;
      }
      assertThat(p.stability().kind()).isEqualTo(Stability.Kind.STABLE_NODE);
    }
    assertThat(after).isNotNull();
    // v² = L_β has slope dL/dβ = −16 at β = 1/8: extrapolate the last point before the collapse
    double beta0 = before.parameter() + before.state()[0] * before.state()[0] / 16;
    assertThat(beta0).isCloseTo(0.125, within(1e-5));
  }

  /** The committee limit with the second layer frozen (η_v = 0: v' = 0, v = 1), restricted to (Q, R). */
  static Dynamics committeeQR(double eta) {
    Dynamics full = Committee.erf(2, 2, eta).limit(Regime.BALLISTIC);
    StateLayout fl = full.layout();
    int n = fl.size() - 2;
    StateLayout qr = StateLayout.builder().symmetric("Q", 2).matrix("R", 2, 2).build();
    return new Dynamics() {
      @Override public StateLayout layout() { return qr; }
      @Override public void drift(double[] u, double[] out) {
        double[] x = java.util.Arrays.copyOf(u, n + 2);
        x[fl.indexOf("v[1]")] = 1;
        x[fl.indexOf("v[2]")] = 1;
        double[] h = new double[n + 2];
        full.drift(x, h);
        System.arraycopy(h, 0, out, 0, n);
      }
    };
  }

  static final double[] SPECIALISED = {1, 0, 1, 1, 0, 0, 1}; // Q = I, R = I: the student is the teacher

  /**
   * Committee machine, K = M = 2, erf, T = I, v = v* = 1 (docs/committee.md): the specialised fixed point
   * Q = R = I is a fixed point for every η (Δ = 0 there, so even the η² term vanishes); continued in η it
   * loses stability where an eigenvalue crosses 0, located by the bracketing solver; the symmetric
   * plateau (Q_11 = Q_22, all R_kn equal) is a saddle over the same range. Checked by solving the ODE from
   * the specialised point plus 1e-4 on either side of the located η.
   */
  @Test
  void committeeSpecialisedPointLosesStabilityAtACriticalEta() {
    Continuation c = new Continuation(Continuation.Options.between(0.5, 4).withSteps(0.05, 0.2));
    Branch b = c.trace(ModelBifurcationsTest::committeeQR, "eta", 1, SPECIALISED, +1);
    for (Continuation.Point p : b.points()) assertThat(p.state()).containsExactly(SPECIALISED, within(1e-9));
    List<Continuation.Special> bp = b.specials(Continuation.SpecialKind.BRANCH_POINT);
    assertThat(bp).hasSize(1);
    double etaC = bp.get(0).parameter();
    assertThat(etaC).isBetween(2.0, 3.0);
    assertThat(b.stabilityChanges()).hasSize(1);
    // the eigenvalue through 0 is zero there to the locating tolerance
    double[][] j = Jacobians.at(committeeQR(etaC), SPECIALISED);
    assertThat(Stability.of(j).maxRealPart()).isCloseTo(0, within(1e-7));
    // the ODE: a perturbation decays below etaC, grows above it
    double[] u0 = SPECIALISED.clone();
    u0[1] += 1e-4;
    u0[4] += 1e-4;
    u0[5] -= 1e-4;
    OdeSolver ode = new OdeSolver(OdeOptions.defaults());
    for (double eta : new double[] {etaC - 0.2, etaC + 0.2}) {
      double[] end = ode.solve(committeeQR(eta), u0, TimeGrid.of(60, 2)).finalState();
      double dist = 0;
      for (int i = 0; i < end.length; i++) dist = Math.max(dist, Math.abs(end[i] - SPECIALISED[i]));
      if (eta < etaC) assertThat(dist).isLessThan(1e-5);
      else assertThat(dist).isGreaterThan(1e-3);
    }
    // the symmetric plateau: a saddle with one unstable direction, on both sides of etaC
    for (double eta : new double[] {etaC - 0.2, etaC + 0.2}) {
      FixedPoint plateau = FixedPointFinder.defaults().from(committeeQR(eta), new double[] {0.5, 0.3, 0.5, 0.4, 0.4, 0.4, 0.4}).orElseThrow();
      double[] q = plateau.state();
      assertThat(q[0]).isCloseTo(q[2], within(1e-9));
      assertThat(q[3]).isCloseTo(q[6], within(1e-9));
      assertThat(q[3]).isCloseTo(q[4], within(1e-9));
      assertThat(plateau.kind()).isEqualTo(Stability.Kind.SADDLE);
    }
  }
}
