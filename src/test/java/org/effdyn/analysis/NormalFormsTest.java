package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.effdyn.core.Dynamics;
import org.effdyn.core.StateLayout;
import org.junit.jupiter.api.Test;

/**
 * Normal forms with known answers (Kuznetsov, Elements of Applied Bifurcation Theory, 2004, ch. 3):
 * saddle-node x' = p − x², transcritical x' = px − x², pitchfork x' = px − x³ (each with a stable y' = −y),
 * and Hopf z' = (α + iω)z + σz|z|² with l₁ = 2σ/ω (normalization ⟨q, q⟩ = 1, {@link HopfNormalForm}).
 */
class NormalFormsTest {
  static final StateLayout XY = StateLayout.scalars("x", "y");

  interface Field {
    void apply(double p, double[] u, double[] o);
  }

  static Continuation.Family family(Field f) {
    return p -> new Dynamics() {
      @Override public StateLayout layout() { return XY; }
      @Override public void drift(double[] u, double[] out) { f.apply(p, u, out); }
    };
  }

  static Continuation cont(double a, double b) {
    return new Continuation(Continuation.Options.between(a, b));
  }

  @Test
  void saddleNodeIsAFoldAtTheOrigin() {
    Continuation.Family f = family((p, u, o) -> { o[0] = p - u[0] * u[0]; o[1] = -u[1]; });
    Branch b = cont(-1, 1).trace(f, "p", 1, new double[] {1, 0}, -1);
    assertThat(b.specials(Continuation.SpecialKind.FOLD)).hasSize(1);
    Continuation.Special fold = b.specials().get(0);
    assertThat(fold.parameter()).isCloseTo(0, within(1e-10));
    assertThat(fold.state()[0]).isCloseTo(0, within(1e-5));
    // stable node x = +√p, then the saddle x = −√p: one stability change
    assertThat(b.stabilityChanges()).hasSize(1);
    assertThat(b.points().get(b.points().size() - 1).stability().kind()).isEqualTo(Stability.Kind.SADDLE);
  }

  @Test
  void transcriticalSwitchFindsTheBranchXEqualsP() {
    Continuation.Family f = family((p, u, o) -> { o[0] = p * u[0] - u[0] * u[0]; o[1] = -u[1]; });
    Continuation c = cont(-1, 1);
    Branch trivial = c.trace(f, "p", -1, new double[] {0, 0}, +1);
    List<Continuation.Special> bp = trivial.specials(Continuation.SpecialKind.BRANCH_POINT);
    assertThat(bp).hasSize(1);
    assertThat(bp.get(0).parameter()).isCloseTo(0, within(1e-10));
    List<Branch> switched = c.switchAt(f, "p", bp.get(0));
    assertThat(switched).hasSize(2);
    double pMin = 0, pMax = 0;
    for (Branch b : switched) {
      for (Continuation.Point pt : b.points()) {
        assertThat(pt.state()[0]).isCloseTo(pt.parameter(), within(1e-9));
        pMin = Math.min(pMin, pt.parameter());
        pMax = Math.max(pMax, pt.parameter());
      }
    }
    assertThat(pMin).isLessThan(-0.99); // both sides of the point
    assertThat(pMax).isGreaterThan(0.99);
  }

  @Test
  void pitchforkSwitchFindsBothNewBranchesAndTheDiagramHasFour() {
    Continuation.Family f = family((p, u, o) -> { o[0] = p * u[0] - u[0] * u[0] * u[0]; o[1] = -u[1]; });
    Continuation c = cont(-1, 1);
    List<Branch> all = c.diagram(f, "p", -1, List.of(new double[] {0, 0}), true, 10);
    // the trivial branch both ways from p = -1, then the two halves x = +√p and x = −√p
    assertThat(all).hasSize(4);
    int up = 0, down = 0;
    for (Branch b : all.subList(2, 4)) {
      Continuation.Point last = b.points().get(b.points().size() - 1);
      for (Continuation.Point pt : b.points()) assertThat(pt.state()[0] * pt.state()[0]).isCloseTo(pt.parameter(), within(1e-9));
      assertThat(last.parameter()).isGreaterThan(0.99);
      assertThat(last.stability().kind()).isEqualTo(Stability.Kind.STABLE_NODE);
      if (last.state()[0] > 0) up++; else down++;
    }
    assertThat(up).isEqualTo(1);
    assertThat(down).isEqualTo(1);
  }

  static Continuation.Family hopf(double omega, double sigma) {
    return family((a, u, o) -> {
      double r2 = u[0] * u[0] + u[1] * u[1];
      o[0] = a * u[0] - omega * u[1] + sigma * u[0] * r2;
      o[1] = omega * u[0] + a * u[1] + sigma * u[1] * r2;
    });
  }

  @Test
  void supercriticalAndSubcriticalHopfWithTheirLyapunovCoefficients() {
    for (double[] c : new double[][] {{2, -1}, {2, 0.7}, {0.5, -0.3}}) {
      double omega = c[0], sigma = c[1];
      Branch b = cont(-1, 1).trace(hopf(omega, sigma), "alpha", -0.5, new double[] {0, 0}, +1);
      List<Continuation.Special> h = b.specials(Continuation.SpecialKind.HOPF);
      assertThat(h).hasSize(1);
      assertThat(h.get(0).parameter()).isCloseTo(0, within(1e-10));
      assertThat(h.get(0).frequency()).isCloseTo(omega, within(1e-8));
      // finite-difference multilinear forms: about 1e-7 relative (HopfNormalForm)
      assertThat(h.get(0).firstLyapunov()).isCloseTo(2 * sigma / omega, within(1e-6));
      assertThat(h.get(0).criticality()).isEqualTo(sigma < 0 ? "supercritical" : "subcritical");
      assertThat(b.specials(Continuation.SpecialKind.FOLD)).isEmpty();
      assertThat(b.specials(Continuation.SpecialKind.BRANCH_POINT)).isEmpty();
      // the focus loses stability by a pair: from 0 to 2 unstable eigenvalues
      assertThat(b.stabilityChanges()).hasSize(1);
      int i = b.stabilityChanges().get(0);
      assertThat(b.points().get(i).stability().unstableCount() - b.points().get(i - 1).stability().unstableCount()).isEqualTo(2);
    }
  }

  /**
   * l₁ under x = M z (non-orthogonal M, a third stable direction with a quadratic term): its sign is kept
   * and its value divided by |M q_z|², q_z = (1, −i, 0)/√2, i.e. by Σ_i (M_i1² + M_i2²)/2.
   */
  @Test
  void lyapunovCoefficientIsInvariantUnderALinearChangeOfCoordinates() {
    double omega = 1.5, sigma = -0.8;
    double[][] m = {{1, 0.5, 0.2}, {0.3, 1, -0.4}, {0, 0.2, 1}};
    double[][] mi = new org.hipparchus.linear.LUDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(m))
        .getSolver().getInverse().getData();
    StateLayout xyz = StateLayout.scalars("x", "y", "z");
    Dynamics d = new Dynamics() {
      @Override public StateLayout layout() { return xyz; }
      @Override public void drift(double[] x, double[] out) {
        double[] z = new double[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) z[i] += mi[i][j] * x[j];
        double r2 = z[0] * z[0] + z[1] * z[1];
        // z3 is slaved: z3' = -z3 + (z1² + z2²) adds no cubic term to the (z1, z2) normal form at order 3
        // through B, since z1, z2 do not depend on z3
        double[] f = {-omega * z[1] + sigma * z[0] * r2, omega * z[0] + sigma * z[1] * r2, -z[2] + r2};
        for (int i = 0; i < 3; i++) {
          out[i] = 0;
          for (int j = 0; j < 3; j++) out[i] += m[i][j] * f[j];
        }
      }
    };
    HopfNormalForm.Result r = HopfNormalForm.at(d, new double[3]);
    assertThat(r.frequency()).isCloseTo(omega, within(1e-8));
    double mq2 = 0;
    for (int i = 0; i < 3; i++) mq2 += (m[i][0] * m[i][0] + m[i][1] * m[i][1]) / 2;
    assertThat(r.firstLyapunov()).isCloseTo(2 * sigma / omega / mq2, within(1e-6));
  }
}
