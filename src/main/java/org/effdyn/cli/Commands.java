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

  static String oneLine(String s) {
    return s == null ? "(no message)" : s.replaceAll("\\s*\\R\\s*", " ");
  }
}
