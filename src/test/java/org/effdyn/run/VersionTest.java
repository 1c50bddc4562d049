package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void everyLibraryOnTheTestClassPathHasItsVersion() {
    Map<String, String> d = Version.dependencies();
    assertThat(d.keySet()).startsWith("org.hipparchus:hipparchus-core").contains("org.apache.commons:commons-rng-simple",
        "com.fasterxml.jackson.core:jackson-databind", "org.knowm.xchart:xchart", "info.picocli:picocli");
    assertThat(d.values()).allSatisfy(v -> assertThat(v).matches("\\d+\\.\\d+(\\.\\d+)?([.-][A-Za-z0-9.]+)?"));
    assertThat(d.get("org.hipparchus:hipparchus-core")).startsWith("4.");
    assertThat(d.get("info.picocli:picocli")).isEqualTo(picocli.CommandLine.VERSION);
  }

  /** The build writes the commit when it runs in a git checkout; elsewhere both are null. */
  @Test
  void theCommitIsFortyHexDigitsOrNull() {
    String c = Version.gitCommit();
    if (c == null) {
      assertThat(Version.gitDirty()).isNull();
    } else {
      assertThat(c).matches("[0-9a-f]{40}");
      assertThat(Version.gitDirty()).isNotNull();
    }
    assertThat(Version.current()).isNotBlank();
  }
}
