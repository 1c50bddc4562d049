package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PcaBallisticTest {
  @Test
  void matrixDriftIsTheClosedForm() {
    // k = 2: dm = 4m(lambda - R^2), dr2 = -8 R^2 (r2 - c) (docs/pca.md)
    double lambda = 2, c = 0.5;
    PcaBallistic h = new PcaBallistic(SpikedPca.matrix(lambda, c));
    double[] out = new double[2];
    for (double[] u : new double[][] {{0.3, 1.0}, {-0.7, 0.2}, {1.2, 0.0}, {0, 2}}) {
      h.drift(u, out);
      double r2 = u[0] * u[0] + u[1];
      assertThat(out[0]).isCloseTo(4 * u[0] * (lambda - r2), within(1e-14));
      assertThat(out[1]).isCloseTo(-8 * r2 * (u[1] - c), within(1e-14));
    }
  }

  @Test
  void tensorDriftIsTheClosedForm() {
    // k = 3: dm = 6 lambda m^2 - 6 R^4 m, dr2 = -12 R^4 (r2 - c)
    PcaBallistic h = new PcaBallistic(new SpikedPca(3, 4, 1));
    double[] out = new double[2];
    double m = -0.4, r2 = 0.8, big = m * m + r2;
    h.drift(new double[] {m, r2}, out);
    assertThat(out[0]).isCloseTo(6 * 4 * m * m - 6 * big * big * m, within(1e-13));
    assertThat(out[1]).isCloseTo(-12 * big * big * (r2 - 1), within(1e-13));
  }

  @Test
  void jacobianMatchesCentralDifferences() {
    // central differences with step 1e-6 have truncation error O(h^2 |h'''|) ~ 1e-11 here and
    // round-off ~ 1e-16/1e-6 = 1e-10: tolerance 1e-7 relative to the entry scale
    for (int k = 2; k <= 5; k++) {
      PcaBallistic h = new PcaBallistic(new SpikedPca(k, 3.0, 0.7));
      for (double[] u : new double[][] {{0.3, 1.0}, {-0.8, 0.4}, {1.1, 0.05}}) {
        double[][] jac = new double[2][2];
        h.jacobian(u, jac);
        for (int j = 0; j < 2; j++) {
          double[] up = u.clone(), dn = u.clone(), fp = new double[2], fd = new double[2];
          up[j] += 1e-6;
          dn[j] -= 1e-6;
          h.drift(up, fp);
          h.drift(dn, fd);
          for (int i = 0; i < 2; i++) {
            double fdv = (fp[i] - fd[i]) / 2e-6;
            assertThat(jac[i][j]).as("k=%d u=(%f,%f) J[%d][%d]", k, u[0], u[1], i, j)
                .isCloseTo(fdv, within(1e-7 * Math.max(1, Math.abs(fdv))));
          }
        }
      }
    }
  }
}
