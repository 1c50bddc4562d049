package org.effdyn.model.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.effdyn.card.ModelRegistry;
import org.effdyn.core.Regime;
import org.effdyn.model.common.Activation;
import org.junit.jupiter.api.Test;

class CommitteeTest {
  @Test
  void factoryReadsTheCardParameters() {
    Committee c = (Committee) ModelRegistry.get("committee").create(Map.of("K", 2, "M", 3, "eta", 0.5,
        "T", List.of(List.of(1, 0.1, 0), List.of(0.1, 1, 0), List.of(0, 0, 2)), "vstar", List.of(1, 2, 3),
        "activation", "relu", "eta_v", 0.25, "normalize", true, "init_n", 100));
    assertThat(c.hiddenUnits()).isEqualTo(2);
    assertThat(c.teacherUnits()).isEqualTo(3);
    assertThat(c.activation()).isEqualTo(Activation.RELU);
    assertThat(c.teacherGram()[2][2]).isEqualTo(2);
    assertThat(c.vstar()).containsExactly(1, 2, 3);
    assertThat(c.v0()).containsExactly(1, 1);
    assertThat(c.normalize()).isTrue();
    assertThat(c.trainsSecondLayer()).isTrue();
    assertThat(c.layout().names()).containsExactly("Q[1,1]", "Q[1,2]", "Q[2,2]", "R[1,1]", "R[1,2]", "R[1,3]",
        "R[2,1]", "R[2,2]", "R[2,3]", "v[1]", "v[2]");
    assertThat(c.chartColumns(Regime.BALLISTIC)).containsExactly("eps_g", "R[1,1]", "R[1,2]", "Q[1,1]", "Q[1,2]", "v[1]", "R[2,1]", "R[2,2]", "v[2]");
    assertThat(Committee.erf(2, 2, 0.5).chartColumns(Regime.BALLISTIC)).containsExactly("eps_g", "R[1,1]", "R[1,2]", "Q[1,1]", "Q[1,2]", "R[2,1]", "R[2,2]");
    assertThat(c.derivedColumns().get().names()).containsExactly("eps_g");
    assertThat(c.initialLaw(Regime.BALLISTIC).deterministic()).isFalse();
    Committee d = (Committee) ModelRegistry.get("committee").create(Map.of("K", 1, "M", 1, "eta", 1));
    assertThat(d).isEqualTo(Committee.erf(1, 1, 1));
    assertThat(d.initialLaw(Regime.BALLISTIC).deterministic()).isTrue();
  }

  @Test
  void badInputIsRejectedWithTheFieldName() {
    assertThatThrownBy(() -> Committee.erf(0, 1, 0.5)).hasMessageContaining("K: must be >= 1, got 0");
    assertThatThrownBy(() -> Committee.erf(1, 0, 0.5)).hasMessageContaining("M: must be >= 1, got 0");
    assertThatThrownBy(() -> Committee.erf(1, 1, -0.5)).hasMessageContaining("eta").hasMessageContaining("-0.5");
    assertThatThrownBy(() -> Committee.erf(1, 1, 0.5).withNoise(-1)).hasMessageContaining("sigma0").hasMessageContaining("-1");
    assertThatThrownBy(() -> Committee.erf(1, 1, 0.5).withSecondLayer(null, -0.1)).hasMessageContaining("eta_v");
    assertThatThrownBy(() -> Committee.erf(2, 2, 0.5).withTeacher(new double[][] {{1, 2}, {2, 1}}, null))
        .hasMessageContaining("T: must be positive definite");
    assertThatThrownBy(() -> Committee.erf(2, 2, 0.5).withTeacher(new double[][] {{1, 0.2}, {0.1, 1}}, null))
        .hasMessageContaining("T: must be symmetric");
    assertThatThrownBy(() -> Committee.erf(2, 2, 0.5).withTeacher(new double[][] {{1, 0}}, null))
        .hasMessageContaining("T: must be 2x2");
    assertThatThrownBy(() -> Committee.erf(2, 2, 0.5).withTeacher(null, new double[] {1}))
        .hasMessageContaining("vstar: must have length 2");
    assertThatThrownBy(() -> Committee.erf(2, 2, 0.5).withInit(1, 2)).hasMessageContaining("init_n");
    assertThatThrownBy(() -> ModelRegistry.get("committee").create(Map.of("K", 2, "M", 2, "eta", 0.5, "normalize", "yes")))
        .hasMessageContaining("params.normalize");
    assertThatThrownBy(() -> ModelRegistry.get("committee").create(Map.of("K", 2, "M", 2)))
        .hasMessageContaining("params.eta");
    assertThatThrownBy(() -> Committee.erf(2, 2, 0.5).limit(Regime.DIFFUSIVE)).hasMessageContaining("regime");
  }
}
