package org.effdyn.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.effdyn.card.ScenarioException;

/**
 * An exclusive lock on an output directory, held while a run, sweep or validation writes there:
 * {@code DIR/.effdyn.lock}, locked with the operating system's file lock (released by the system when
 * the process dies, even by SIGKILL, so a lock is never stale) and holding the owner's process id for
 * the message. A second process (or a second run in this one) writing the same directory stops at
 * once, before computing, with a one-line error. The file is deleted when the lock is released.
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name in the directory. */
  public static final String NAME = ".effdyn.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks dir (which exists); {@code shown} names it in the error, a {@link ScenarioException}
   * (exit 2) when another process holds it.
   */
  public static OutputLock acquire(Path dir, String shown) {
    Path file = dir.resolve(NAME);
    FileChannel ch = null;
    try {
      Cleanup.add(file);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;   // held by this process
      }
      if (l == null) {
        String owner = owner(ch);
        ch.close();
        Cleanup.remove(file);
        throw new ScenarioException(null, 0, null, "output directory '" + shown + "' is in use by another effdyn process"
            + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; wait for it to finish, or write elsewhere (--out)");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
      return new OutputLock(file, ch, l);
    } catch (IOException e) {
      try {
        if (ch != null) ch.close();
      } catch (IOException ignored) {
        // the original error matters more
      }
      Cleanup.remove(file);
      throw new ScenarioException(null, 0, null, "cannot lock output directory '" + shown + "': " + e.getMessage(), e);
    }
  }

  private static String owner(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    ch.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
  }

  /** Deletes the lock file, then releases the lock. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the system releases the lock when the process ends
    } finally {
      Cleanup.remove(file);
    }
  }
}
