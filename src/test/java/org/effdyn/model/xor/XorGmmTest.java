package org.effdyn.model.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.InitialLaw;
import org.effdyn.core.RandomStreams;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

class XorGmmTest {
  static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void layoutUsesTheDesignNames() {
    XorGmm g = new XorGmm(3, 4, 0.05, 1);
    assertThat(g.layout().size()).isEqualTo(4 * 3 + 3); // 4K + C(K,2)
    assertThat(g.layout().names()).startsWith("v[1]", "v[2]", "v[3]", "mmu[1]", "mmu[2]", "mmu[3]", "mnu[1]")
        .endsWith("Rperp[1,1]", "Rperp[1,2]", "Rperp[1,3]", "Rperp[2,2]", "Rperp[2,3]", "Rperp[3,3]");
    assertThat(g.name()).isEqualTo("xor-gmm");
    assertThat(ModelRegistry.get("xor-gmm")).isSameAs(ModelRegistry.get("xor-gmm"));
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new XorGmm(0, 4, 0.05, 1)).hasMessage("K: must be >= 1, got 0");
    assertThatThrownBy(() -> new XorGmm(4, 0, 0.05, 1)).hasMessageStartingWith("lambda: must be > 0");
    assertThatThrownBy(() -> new XorGmm(4, -1, 0.05, 1)).hasMessageStartingWith("lambda: must be > 0");
    assertThatThrownBy(() -> new XorGmm(4, Double.NaN, 0.05, 1)).hasMessageStartingWith("lambda: must be > 0");
    assertThatThrownBy(() -> new XorGmm(4, 4, 0, 1)).hasMessageStartingWith("beta: must be > 0 and finite");
    assertThatThrownBy(() -> new XorGmm(4, 4, INF, 1)).hasMessageStartingWith("beta: must be > 0 and finite");
    assertThatThrownBy(() -> new XorGmm(4, 4, Double.NaN, 1)).hasMessageStartingWith("beta: must be > 0 and finite");
    assertThatThrownBy(() -> new XorGmm(4, 4, 0.05, 0)).hasMessageStartingWith("c_delta: must be > 0");
    assertThatThrownBy(() -> new XorGmm(4, INF, 0.05, 1).soft()).hasMessageStartingWith("drift: soft needs a finite lambda");
    assertThatThrownBy(() -> new XorGmm(4, 4, 0.05, 1).withQuadratureNodes(10)).hasMessageStartingWith("quadrature_nodes: must be >= 64");
    assertThatThrownBy(() -> new XorGmm(4, 4, 0.05, 1).limit(Regime.DIFFUSIVE)).hasMessageStartingWith("regime:");
    assertThatThrownBy(() -> ModelRegistry.get("xor-gmm").create(Map.of("K", 4, "lambda", 4, "beta", 0.05, "drift", "hard")))
        .hasMessageStartingWith("params.drift: must be one of integral, soft");
    assertThatThrownBy(() -> ModelRegistry.get("xor-gmm").create(Map.of("lambda", 4, "beta", 0.05))).hasMessageStartingWith("params.K");
  }

  @Test
  void factoryReadsCardParameters() {
    Map<String, Object> p = new HashMap<>(Map.of("K", 5, "lambda", ".inf", "beta", 0.1));
    XorGmm g = (XorGmm) ModelRegistry.get("xor-gmm").create(p);
    assertThat(g).isEqualTo(new XorGmm(5, INF, 0.1, 1));
    assertThat(g.limit(Regime.BALLISTIC)).isInstanceOf(XorInfinite.class);
    p.put("lambda", 100);
    p.put("drift", "soft");
    assertThat(ModelRegistry.get("xor-gmm").create(p).limit(Regime.BALLISTIC)).isInstanceOf(XorSoft.class);
    p.put("drift", "integral");
    assertThat(ModelRegistry.get("xor-gmm").create(p).limit(Regime.BALLISTIC)).isInstanceOf(XorFinite.class);
  }

  @Test
  void lbetaIsPositiveExactlyBelowOneEighth() {
    assertThat(new XorGmm(4, INF, 0.05, 1).lbeta()).isEqualTo(Math.log(4.0));
    assertThat(new XorGmm(4, INF, 0.125, 1).lbeta()).isEqualTo(0.0);
    assertThat(new XorGmm(4, INF, 0.2, 1).lbeta()).isNegative();
  }

  @Test
  void initialLawFiniteLambdaHasZeroOverlapsAndUnitRperp() {
    XorGmm g = new XorGmm(4, 4, 0.05, 1);
    InitialLaw law = g.initialLaw(Regime.BALLISTIC);
    double[] u = new double[g.layout().size()];
    law.sample(RandomStreams.stream(1, 0), u);
    for (int i = 4; i < 12; i++) assertThat(Double.doubleToRawLongBits(u[i])).isZero(); // +0.0
    assertThat(u[g.layout().indexOf("Rperp[2,2]")]).isEqualTo(1.0);
    assertThat(u[g.layout().indexOf("Rperp[1,2]")]).isEqualTo(0.0);
    assertThat(law.deterministic()).isFalse();
  }

  @Test
  void initialLawAtInfinityChoosesOrthantsBySignedZeros() {
    XorGmm g = new XorGmm(20, INF, 0.05, 1);
    double[] u = new double[g.layout().size()];
    g.initialLaw(Regime.BALLISTIC).sample(RandomStreams.stream(2, 0), u);
    int negative = 0;
    for (int i = 20; i < 60; i++) {
      assertThat(u[i]).isEqualTo(0.0);
      if (Math.copySign(1, u[i]) < 0) negative++;
    }
    // 40 fair coins: P(outside [8, 32]) < 1e-4
    assertThat(negative).isBetween(8, 32);
  }
}
