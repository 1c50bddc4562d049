package org.effdyn.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a file through a temporary sibling and a rename, so a reader never sees half a file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Body of a write into a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes target atomically; creates parent directories; names target in any error. */
  public static void write(Path target, Writer body) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    Path registered = null;
    try {
      Files.createDirectories(dir);
      // a plain create-new (not createTempFile, which makes the file 0600) so the result gets the
      // usual umask permissions
      tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
      Cleanup.add(tmp);   // before it exists: an interrupt from now on removes it
      registered = tmp;
      try (OutputStream out = new java.io.BufferedOutputStream(
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        body.write(out);
      }
      try {
        Cleanup.checkRunning();
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (registered != null) Cleanup.remove(registered);
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original error matters more
        }
      }
    }
  }

  /** Writes a string atomically (UTF-8). */
  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
