package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.effdyn.card.Scenario;
import org.effdyn.core.StateLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {
  @TempDir Path tmp;

  /** FIPS 180-2, appendix B.1: SHA-256("abc"). */
  @Test
  void theCardHashIsTheSha256OfItsBytes() throws IOException {
    Path card = Files.write(tmp.resolve("c.yaml"), "abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(RunRecord.sha256(card)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(RunRecord.sha256(tmp.resolve("missing.yaml"))).isNull();
    assertThat(RunRecord.sha256(null)).isNull();
  }

  @Test
  void theHeaderSaysWhatRanOnWhat() {
    Scenario s = Scenario.parse("model: pca\nparams: {lambda: 2}\ntime: {end: 1}\n", "small.yaml");
    Map<String, Object> h = RunRecord.header(s, Instant.EPOCH, "f00");
    assertThat(h.keySet()).containsExactly("effdyn_version", "git_commit", "git_dirty", "java_version", "dependencies",
        "started", "card", "card_sha256", "model", "regime", "params", "output");
    assertThat(h.get("card_sha256")).isEqualTo("f00");
    assertThat(h.get("dependencies")).isEqualTo(Version.dependencies());
    assertThat(h.get("git_commit")).isEqualTo(Version.gitCommit());
  }

  @Test
  void theLayoutNamesEveryBlockWithItsShapeAndColumns() {
    StateLayout l = StateLayout.builder().scalar("m").vector("v", 2).matrix("R", 2, 3).symmetric("Q", 3).build();
    Map<String, Object> m = RunRecord.layout(l, List.of("eps_g"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> blocks = (List<Map<String, Object>>) m.get("blocks");
    assertThat(blocks).extracting(b -> b.get("name")).containsExactly("m", "v", "R", "Q");
    assertThat(blocks).extracting(b -> b.get("kind")).containsExactly("scalar", "vector", "matrix", "symmetric");
    assertThat(blocks).extracting(b -> b.get("shape")).containsExactly(List.of(), List.of(2), List.of(2, 3), List.of(3, 3));
    assertThat(blocks).extracting(b -> b.get("offset")).containsExactly(0, 1, 3, 9);
    assertThat(blocks.get(2).get("columns")).isEqualTo(List.of("R[1,1]", "R[1,2]", "R[1,3]", "R[2,1]", "R[2,2]", "R[2,3]"));
    assertThat(blocks.get(3).get("columns")).isEqualTo(List.of("Q[1,1]", "Q[1,2]", "Q[1,3]", "Q[2,2]", "Q[2,3]", "Q[3,3]"));
    List<Object> all = new ArrayList<>();
    for (Map<String, Object> b : blocks) all.addAll((List<?>) b.get("columns"));
    assertThat(all).isEqualTo(l.names());
    assertThat(m.get("derived_columns")).isEqualTo(List.of("eps_g"));
    assertThat((String) m.get("packing")).contains("upper triangle row by row").contains("1-based");
  }
}
