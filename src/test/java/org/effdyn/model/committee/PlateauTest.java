package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.effdyn.core.TimeGrid;
import org.effdyn.core.Trajectory;
import org.effdyn.solve.OdeSolver;
import org.junit.jupiter.api.Test;

class PlateauTest {
  @Test
  void findsAFlatStretchAndIgnoresTheConvergedTail() {
    // eps = 0.5 e^{-t} + 0.02 until t = 50, then 0.02 e^{-(t-50)/5}; a flat floor 1e-3 after t = 80
    int n = 1001;
    double[] t = new double[n], e = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 0.1 * i;
      e[i] = t[i] < 50 ? 0.5 * Math.exp(-t[i]) + 0.02 : Math.max(1e-3, 0.02 * Math.exp(-(t[i] - 50) / 5));
    }
    Plateau p = Plateau.detect(t, e, 0.01, 1, 5).orElseThrow();
    // entry where 0.5 e^{-t} / 0.02 ~ 0.01 (relative rate), i.e. t ~ ln(2500) = 7.8; exit near 50
    assertThat(p.entry()).isBetween(7.0, 9.0);
    assertThat(p.exit()).isBetween(49.0, 50.0);
    assertThat(p.level()).isCloseTo(0.02, within(1e-6));
    assertThat(p.length()).isCloseTo(p.exit() - p.entry(), within(1e-12));
  }

  @Test
  void noPlateauInAPureExponential() {
    double[] t = new double[101], e = new double[101];
    for (int i = 0; i < 101; i++) {
      t[i] = i;
      e[i] = Math.exp(-0.1 * t[i]);
    }
    assertThat(Plateau.detect(t, e, 0.01, 2, 1)).isEqualTo(Optional.empty());
  }

  @Test
  void erfCommitteePlateauFromAFiniteNStart() {
    // K = M = 2, eta = 0.5 from a fresh student at N = 2000: the plateau at eps_g ~ 0.0147, then specialization
    Committee c = Committee.erf(2, 2, 0.5).withInit(1, 2000);
    double[] u0 = new double[c.layout().size()];
    c.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(3, 0), u0);
    Trajectory t = c.derivedColumns().get().appendTo(OdeSolver.defaults().solve(c.limit(Regime.BALLISTIC), u0, TimeGrid.of(600, 601)));
    Plateau p = Plateau.detect(t, 0.01, 10, 20).orElseThrow();
    assertThat(p.level()).isBetween(0.014, 0.016);
    assertThat(p.entry()).isBetween(10.0, 40.0);
    assertThat(p.exit()).isBetween(100.0, 400.0);
    assertThat(t.column("eps_g")[600]).isLessThan(1e-6);
    assertThat(p.events(t)).extracting(Trajectory.EventRecord::name).containsExactly("plateau-entry", "plateau-exit");
  }
}
