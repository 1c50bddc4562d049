package org.effdyn.cli;

import java.io.PrintWriter;

/** Shared failure printing of the commands: one line on stderr, the stack trace only with --verbose. */
final class Commands {
  private Commands() {}

  static int fail(PrintWriter err, Throwable e, boolean verbose, int code, String message) {
    err.println("effdyn: " + oneLine(message));
    if (verbose && e != null) e.printStackTrace(err);
    err.flush();
    return code;
  }

  /** The message of a run that ran out of memory (the launcher passes JAVA_OPTS, e.g. -Xmx8g, to java). */
  static String outOfMemory(OutOfMemoryError e) {
    return "out of memory (" + e.getMessage() + "); use smaller sizes, or a larger heap with JAVA_OPTS=-Xmx8g";
  }

  static String oneLine(String s) {
    return s == null ? "(no message)" : s.replaceAll("\\s*\\R\\s*", " ");
  }
}
