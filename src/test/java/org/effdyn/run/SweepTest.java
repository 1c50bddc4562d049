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

  static final String TOL = String.join("\n", "model: pca", "params: {lambda: 2}", "init: {m: 0.3}",
      "time: {end: 4, samples: 5}", "solver: {rtol: 1e-9, atol: 1e-12}", "");

  /** Runs a sweep of card over lambda = 1.5:3:4 into dir, the card read from a file as the CLI does. */
  private Sweep.Result sweep(String card, Path dir) throws Exception {
    Path f = tmp.resolve("tol.yaml");
    Files.writeString(f, card);
    return Sweep.run(Scenario.load(f), List.of(Sweep.Axis.parse("lambda=1.5:3:4")), new Sweep.Options(dir, 2, null));
  }

  private static Map<String, String> files(Path dir) throws Exception {
    Map<String, String> m = new java.util.TreeMap<>();
    try (var s = Files.list(dir.resolve("variants"))) {
      for (Path p : s.toList()) m.put(p.getFileName().toString(), Files.readString(p));
    }
    return m;
  }

  @Test
  void resumeKeepsExactlyThePointsWhoseKeyMatches() throws Exception {
    Path dir = tmp.resolve("resume");
    Sweep.Result fresh = sweep(TOL, dir);
    assertThat(List.of(fresh.computed(), fresh.recomputed(), fresh.skipped(), fresh.failures())).containsExactly(4, 0, 0, 0);
    Map<String, String> first = files(dir);
    assertThat(first).containsKeys("000_lambda=1.5.csv", "000_lambda=1.5.json", "003_lambda=3.csv", "003_lambda=3.json").hasSize(8);
    String summary = Files.readString(fresh.summaryCsv());

    // unchanged: none recomputes, the files are untouched, the summary says kept
    Sweep.Result again = sweep(TOL, dir);
    assertThat(List.of(again.computed(), again.recomputed(), again.skipped())).containsExactly(0, 0, 4);
    assertThat(files(dir)).isEqualTo(first);
    assertThat(Files.readString(again.summaryCsv())).isEqualTo(summary.replace(",ok,", ",kept,"));

    // one point deleted: exactly that one is computed, to the same bytes
    Files.delete(dir.resolve("variants/002_lambda=2.5.csv"));
    Sweep.Result one = sweep(TOL, dir);
    assertThat(List.of(one.computed(), one.recomputed(), one.skipped())).containsExactly(1, 0, 3);
    assertThat(one.outcomes().get(2).skipped()).isFalse();
    assertThat(files(dir)).isEqualTo(first);

    // a key file deleted, or not this sweep's: that point is recomputed
    Files.delete(dir.resolve("variants/001_lambda=2.json"));
    Files.writeString(dir.resolve("variants/003_lambda=3.json"), "{\"key\":\"0\"}\n");
    Sweep.Result keys = sweep(TOL, dir);
    assertThat(List.of(keys.computed(), keys.recomputed(), keys.skipped())).containsExactly(0, 2, 2);
    assertThat(files(dir)).isEqualTo(first);

    // the solver tolerance changed: every point is recomputed, and gives other numbers
    Sweep.Result loose = sweep(TOL.replace("rtol: 1e-9", "rtol: 1e-4"), dir);
    assertThat(List.of(loose.computed(), loose.recomputed(), loose.skipped(), loose.failures())).containsExactly(0, 4, 0, 0);
    Map<String, String> changed = files(dir);
    assertThat(changed.keySet()).isEqualTo(first.keySet());
    for (String f : first.keySet()) assertThat(changed.get(f)).as(f).isNotEqualTo(first.get(f));

    // and back: every point again, to the first bytes
    Sweep.Result back = sweep(TOL, dir);
    assertThat(back.recomputed()).isEqualTo(4);
    assertThat(files(dir)).isEqualTo(first);
  }

  @Test
  void aFreshSweepWritesTheSameVariantFilesAsAResumedOne() throws Exception {
    Sweep.Result a = sweep(TOL, tmp.resolve("a"));
    Files.delete(tmp.resolve("a/variants/000_lambda=1.5.csv"));
    sweep(TOL, tmp.resolve("a"));
    sweep(TOL, tmp.resolve("b"));
    assertThat(files(tmp.resolve("a"))).isEqualTo(files(tmp.resolve("b")));
    assertThat(Files.readString(a.outcomes().get(0).file()))
        .startsWith("index,lambda,t_end,end_m,end_r2perp,fp_m,fp_r2perp,fp_stability,fp_max_re,fp_residual\n0,1.5,4.0,");
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
