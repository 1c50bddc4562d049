package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.effdyn.card.Scenario;
import org.effdyn.model.pca.SpikedPca;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  static final String BBP = String.join("\n",
      "model: pca",
      "params: {k: 2, lambda: 0.5, c_delta: 1.0}",
      "regime: diffusive",
      "time: {start: 0, end: 0.5, samples: 11}",
      "sde: {dt: 1e-3, paths: 50, seed: 3}",
      "");

  @TempDir Path tmp;

  @Test
  void axisValuesByIndex() {
    Sweep.Axis a = Sweep.Axis.parse("lambda=0.1:0.3:3");
    assertThat(a.value(0)).isEqualTo(0.1);
    assertThat(a.value(1)).isCloseTo(0.2, within(1e-15));
    assertThat(a.value(2)).isEqualTo(0.3);
    assertThat(Sweep.Axis.parse("k=2:2:1").value(0)).isEqualTo(2);
    assertThat(Sweep.point(List.of(Sweep.Axis.parse("a=0:1:2"), Sweep.Axis.parse("b=5:7:3")), 4))
        .isEqualTo(Map.of("a", 1.0, "b", 6.0)).containsOnlyKeys("a", "b");
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws Exception {
    Scenario s = Scenario.parse(BBP, "bbp.yaml");
    List<Sweep.Axis> axes = List.of(Sweep.Axis.parse("lambda=0.5:1.5:3"), Sweep.Axis.parse("c_delta=1:2:2"));
    Sweep.Result one = Sweep.run(s, axes, new Sweep.Options(tmp.resolve("t1"), 1, null));
    Sweep.Result two = Sweep.run(s, axes, new Sweep.Options(tmp.resolve("t2"), 2, null));
    assertThat(one.failures()).isZero();
    assertThat(one.outcomes()).hasSize(6);
    assertThat(Files.readString(one.summaryCsv())).isEqualTo(Files.readString(two.summaryCsv()));
    for (Sweep.Outcome o : one.outcomes()) {
      assertThat(Files.readString(o.file())).isEqualTo(Files.readString(two.outcomes().get(o.index()).file()));
    }
    assertThat(one.chart()).isRegularFile(); // two axes: one series per c_delta
    assertThat(Files.readAllLines(one.summaryCsv()).get(0))
        .isEqualTo("index,lambda,c_delta,t_end,end_mtilde,end_r2perp,std_mtilde,std_r2perp,status,error");
  }

  @Test
  void ballisticRowsCarryTheFixedPointReached() throws Exception {
    String card = String.join("\n", "model: pca", "params: {lambda: 2}", "init: {m: 0.3}", "time: {end: 4, samples: 5}",
        "events: [{statistic: m, level: 0.9, name: m90}]", "");
    Sweep.Result r = Sweep.run(Scenario.parse(card, "m.yaml"), List.of(Sweep.Axis.parse("lambda=1.5:2.5:2")),
        new Sweep.Options(tmp.resolve("b"), 2, null));
    List<String> lines = Files.readAllLines(r.summaryCsv());
    assertThat(lines.get(0)).isEqualTo("index,lambda,t_end,end_m,end_r2perp,event_m90,fp_m,fp_r2perp,fp_stability,fp_max_re,fp_residual,status,error");
    // lambda = 2.5: recovers m* = sqrt(1.5) (stable node, max Re mu = -8(lambda - c_delta) = -12)
    String[] row = lines.get(2).split(",");
    assertThat(Double.parseDouble(row[6])).isCloseTo(Math.sqrt(1.5), within(1e-9));
    assertThat(row[8]).isEqualTo("stable-node");
    assertThat(Double.parseDouble(row[9])).isCloseTo(-12, within(1e-9));
    assertThat(Double.parseDouble(row[5])).isGreaterThan(0); // m reached 0.9
  }

  @Test
  void overrideRebuildsTheModelAndChecksTheParameter() {
    Scenario s = Scenario.parse(BBP, "bbp.yaml");
    Scenario o = s.withParams(Map.of("lambda", 0.7), "x", false);
    assertThat(((SpikedPca) o.variants().get(0).model()).lambda()).isEqualTo(0.7);
    assertThat(o.variants().get(0).label()).isEqualTo("x");
    assertThatThrownBy(() -> s.withParams(Map.of("gamma", 1.0), null, false)).hasMessageContaining("params.gamma: unknown parameter");
    assertThatThrownBy(() -> s.withParams(Map.of("lambda", Double.NaN), null, false)).hasMessageContaining("params.lambda: must be > 0 and finite, got NaN");
  }
}
