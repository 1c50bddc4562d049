package org.effdyn.model.kgmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

class KgmmTest {
  @Test
  void rejectsBadParametersNamingFieldAndValue() {
    assertThatThrownBy(() -> new Kgmm(1, 1, 0.1, 1)).hasMessageContaining("k").hasMessageContaining("1");
    assertThatThrownBy(() -> new Kgmm(3, new double[] {0.5, 0.3, 0.3}, null, 1, 0.1, 1, 4096))
        .hasMessageContaining("p: must sum to 1").hasMessageContaining("1.1");
    assertThatThrownBy(() -> new Kgmm(3, new double[] {0.5, 0.5, 0.0}, null, 1, 0.1, 1, 4096))
        .hasMessageContaining("p[3]").hasMessageContaining("0.0");
    assertThatThrownBy(() -> new Kgmm(2, new double[] {0.5, 0.3, 0.2}, null, 1, 0.1, 1, 4096))
        .hasMessageContaining("p: must have length 2");
    assertThatThrownBy(() -> new Kgmm(2, null, new double[][] {{1, 1.2}, {1.2, 1}}, 1, 0.1, 1, 4096))
        .hasMessageContaining("mbar: must be positive definite").hasMessageContaining("1.2");
    assertThatThrownBy(() -> new Kgmm(2, null, new double[][] {{1, 0}, {0, 1}, {0, 0}}, 1, 0.1, 1, 4096))
        .hasMessageContaining("mbar: must be 2x2");
    assertThatThrownBy(() -> new Kgmm(2, null, new double[][] {{2, 0}, {0, 1}}, 1, 0.1, 1, 4096))
        .hasMessageContaining("mbar[1,1]: must be 1");
    assertThatThrownBy(() -> new Kgmm(2, null, new double[][] {{1, 0.1}, {0.2, 1}}, 1, 0.1, 1, 4096))
        .hasMessageContaining("symmetric");
    assertThatThrownBy(() -> new Kgmm(3, 0, 0.1, 1)).hasMessageContaining("lambda").hasMessageContaining("0.0");
    assertThatThrownBy(() -> new Kgmm(3, -2, 0.1, 1)).hasMessageContaining("lambda").hasMessageContaining("-2.0");
    assertThatThrownBy(() -> new Kgmm(3, 1, 0, 1)).hasMessageContaining("beta").hasMessageContaining("0.0");
    assertThatThrownBy(() -> new Kgmm(3, 1, Double.NaN, 1)).hasMessageContaining("beta").hasMessageContaining("NaN");
    assertThatThrownBy(() -> new Kgmm(3, 1, 0.1, -1)).hasMessageContaining("c_delta");
  }

  @Test
  void infiniteLambdaIsAllowed() {
    Kgmm g = new Kgmm(3, Double.POSITIVE_INFINITY, 0.1, 1);
    assertThat(g.limit(Regime.BALLISTIC)).isInstanceOf(KgmmInfinite.class);
    assertThat(new Kgmm(3, 1, 0.1, 1).limit(Regime.BALLISTIC)).isInstanceOf(KgmmFinite.class);
    assertThatThrownBy(() -> g.limit(Regime.DIFFUSIVE)).hasMessageContaining("regime");
  }

  @Test
  void factoryReadsListsAndDefaults() {
    Kgmm g = (Kgmm) ModelRegistry.get("kgmm").create(Map.of("k", 2, "lambda", ".inf", "beta", 0.1,
        "p", List.of(0.25, 0.75), "mbar", List.of(List.of(1, 0.5), List.of(0.5, 1))));
    assertThat(g.p()).containsExactly(0.25, 0.75);
    assertThat(g.mbar()[0][1]).isEqualTo(0.5);
    assertThat(g.lambda()).isInfinite();
    Kgmm d = (Kgmm) ModelRegistry.get("kgmm").create(Map.of("k", 3, "lambda", 1, "beta", 0.1));
    assertThat(d.p()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    assertThat(d.orthonormalMeans()).isTrue();
    assertThatThrownBy(() -> ModelRegistry.get("kgmm").create(Map.of("k", 3, "lambda", 1, "beta", 0.1, "p", "uniform2")))
        .hasMessageContaining("params.p");
    assertThatThrownBy(() -> ModelRegistry.get("kgmm").create(Map.of("k", 2, "lambda", 1, "beta", 0.1, "mbar", List.of(List.of(1, "x"), List.of(0, 1)))))
        .hasMessageContaining("params.mbar[0][1]");
  }

  @Test
  void layoutAndInitialLaw() {
    Kgmm g = new Kgmm(3, 1, 0.1, 1);
    assertThat(g.layout().names()).startsWith("m[1,1]", "m[1,2]", "m[1,3]", "m[2,1]").contains("Rperp[1,1]", "Rperp[2,3]");
    assertThat(g.layout().size()).isEqualTo(9 + 6);
    double[] u = new double[15];
    g.initialLaw(Regime.BALLISTIC).sample(null, u);
    assertThat(u[g.layout().indexOf("Rperp[2,2]")]).isEqualTo(1.0);
    assertThat(u[g.layout().indexOf("Rperp[1,2]")]).isZero();
    assertThat(u[g.layout().indexOf("m[1,1]")]).isZero();
  }
}
