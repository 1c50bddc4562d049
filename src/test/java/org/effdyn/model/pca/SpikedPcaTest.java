package org.effdyn.model.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Regime;
import org.junit.jupiter.api.Test;

class SpikedPcaTest {
  @Test
  void rejectsBadParametersNamingFieldAndValue() {
    assertThatThrownBy(() -> new SpikedPca(1, 2, 1)).hasMessageContaining("k").hasMessageContaining("1");
    assertThatThrownBy(() -> new SpikedPca(2, Double.NaN, 1)).hasMessageContaining("lambda").hasMessageContaining("NaN");
    assertThatThrownBy(() -> new SpikedPca(2, -1, 1)).hasMessageContaining("lambda").hasMessageContaining("-1.0");
    assertThatThrownBy(() -> new SpikedPca(2, 1, -0.5)).hasMessageContaining("c_delta").hasMessageContaining("-0.5");
    assertThatThrownBy(() -> new SpikedPca(2, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("c_delta");
    assertThatThrownBy(() -> new SpikedPca(3, 1, 1, 0.5)).hasMessageContaining("N");
  }

  @Test
  void factoryReadsCardParametersWithDefaults() {
    SpikedPca p = (SpikedPca) ModelRegistry.get("pca").create(Map.of("lambda", 2.5));
    assertThat(p).isEqualTo(new SpikedPca(2, 2.5, 1.0));
    SpikedPca t = (SpikedPca) ModelRegistry.get("pca").create(Map.of("lambda", 4, "k", 3, "c_delta", 0.5, "N", 1000));
    assertThat(t).isEqualTo(new SpikedPca(3, 4.0, 0.5, 1000));
    assertThat(((SpikedPca) ModelRegistry.get("pca").create(Map.of("lambda", 1, "N", ".inf"))).n()).isInfinite();
  }

  @Test
  void factoryRejectsUnknownMissingAndMistypedParameters() {
    assertThatThrownBy(() -> ModelRegistry.get("pca").create(Map.of("lambda", 1, "beta", 0.1)))
        .hasMessageContaining("params.beta").hasMessageContaining("known: N, c_delta, k, lambda");
    assertThatThrownBy(() -> ModelRegistry.get("pca").create(Map.of())).hasMessageContaining("params.lambda");
    assertThatThrownBy(() -> ModelRegistry.get("pca").create(Map.of("lambda", "big")))
        .hasMessageContaining("params.lambda").hasMessageContaining("big");
    assertThatThrownBy(() -> ModelRegistry.get("pca").create(Map.of("lambda", 1, "k", 2.5)))
        .hasMessageContaining("params.k").hasMessageContaining("2.5");
  }

  @Test
  void initialLawsMatchTheDocumentedLaws() {
    SpikedPca p = SpikedPca.matrix(2, 1);
    double[] u = new double[2];
    p.initialLaw(Regime.BALLISTIC).sample(null, u);
    assertThat(u).containsExactly(0.0, 1.0);
    assertThat(p.initialLaw(Regime.BALLISTIC).deterministic()).isTrue();
    assertThat(p.initialLaw(Regime.DIFFUSIVE).deterministic()).isFalse();
    // diffusive: mtilde ~ N(0,1), r2perp = 1; 20000 draws: the sample variance has s.e. sqrt(2/20000) = 0.01
    var rng = org.effdyn.core.RandomStreams.stream(3, 0);
    double s = 0, s2 = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      p.initialLaw(Regime.DIFFUSIVE).sample(rng, u);
      assertThat(u[1]).isEqualTo(1.0);
      s += u[0];
      s2 += u[0] * u[0];
    }
    assertThat(s / n).isCloseTo(0, org.assertj.core.data.Offset.offset(0.03)); // 4 s.e. = 4/sqrt(n) ≈ 0.028
    assertThat(s2 / n).isCloseTo(1, org.assertj.core.data.Offset.offset(0.04)); // 4 s.e.
  }

  @Test
  void layoutsUseDesignNames() {
    assertThat(SpikedPca.BALLISTIC.names()).containsExactly("m", "r2perp");
    assertThat(SpikedPca.DIFFUSIVE.names()).containsExactly("mtilde", "r2perp");
  }
}
