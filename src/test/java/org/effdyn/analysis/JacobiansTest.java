package org.effdyn.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.effdyn.core.Dynamics;
import org.effdyn.core.Regime;
import org.effdyn.core.StateLayout;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;

class JacobiansTest {
  /** Hides the analytic Jacobian of a dynamics, so the finite-difference path is taken. */
  static Dynamics withoutJacobian(Dynamics d) {
    return new Dynamics() {
      @Override public StateLayout layout() { return d.layout(); }
      @Override public void drift(double[] u, double[] out) { d.drift(u, out); }
    };
  }

  @Test
  void finiteDifferencesMatchTheAnalyticPcaJacobian() {
    for (int k : new int[] {2, 3, 4}) {
      Dynamics d = new SpikedPca(k, 2.5, 0.7).limit(Regime.BALLISTIC);
      assertThat(Jacobians.analytic(d)).isTrue();
      assertThat(Jacobians.analytic(withoutJacobian(d))).isFalse();
      double[] u = {0.43, 0.81};
      double[][] a = Jacobians.at(d, u);
      double[][] f = Jacobians.at(withoutJacobian(d), u);
      // central differences at step eps^(1/3): error ~ eps^(2/3) |h'''| ~ 1e-10 x (entries up to ~50)
      for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) assertThat(f[i][j]).isCloseTo(a[i][j], within(1e-7 * Math.max(1, Math.abs(a[i][j]))));
    }
  }
}
