package org.effdyn.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFiles}: a reader sees the old file or the new one, never a part; no temporary file stays. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesCreatingParents() throws IOException {
    Path f = dir.resolve("a/b/c.txt");
    AtomicFiles.writeString(f, "héllo");
    assertThat(Files.readString(f)).isEqualTo("héllo");
  }

  @Test
  void failingBodyKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
    Path f = dir.resolve("data.csv");
    AtomicFiles.writeString(f, "old");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half of the new".getBytes());
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("data.csv");
    }
  }

  @Test
  void replacesAnExistingFile() throws IOException {
    Path f = dir.resolve("x.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).hasSize(1);
    }
  }
}
