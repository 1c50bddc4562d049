package org.effdyn.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Mutation fuzzer of YAML cards, seeded: mutant i of a seed card depends only on (card text, i). One
 * to three mutations of keys, values, types, nesting, sizes and encodings are applied to a seed
 * card's text or bytes. java.util.Random is specified exactly (a 48-bit LCG), so the mutants are the
 * same on every JDK.
 */
final class CardMutator {
  /** Values a mutation puts in place of a scalar: wrong types, edge numbers, YAML oddities. */
  static final List<String> VALUES = List.of("", "-1", "0", "1", "-0.0", "1e309", "-1e309", "4.9e-324", ".nan", ".inf",
      "-.inf", "null", "~", "[]", "{}", "[1, [2, [3]]]", "{a: 1}", "true", "no", "\"x\"", "'λ'", "99999999999999999999",
      "2147483648", "-2147483649", "9223372036854775808", "0x1F", "0o17", "1_000", "1e-400", "1.0.0", "+", "-", "\"\"",
      "&anchor 3", "*anchor", "!!binary aGVsbG8=", "!!python/object:os.system x", "!foo 1", "<<: {a: 1}", "? complex",
      "|\n  block", ">\n  folded", "\"\\u0000\"", "\"\\uD800\"", "2001-12-14", "1:30", "'", "\"", "[", "{", "]", "}",
      "#", "@", "`", "%YAML 1.1", "---", "...", "- a", "a: b: c", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");

  /** Keys a mutation puts in place of a key: every section and field name the cards use, and junk. */
  static final List<String> KEYS = List.of("model", "params", "regime", "init", "time", "solver", "sde", "simulate",
      "events", "variants", "output", "spectrum", "start", "end", "samples", "method", "rtol", "atol", "step", "d",
      "seeds", "seed", "plant", "dir", "csv", "chart", "label", "k", "K", "M", "lambda", "c_delta", "beta", "m",
      "r2perp", "Q", "v", "m[1,1]", "Q[1,2]", "dims", "quick", "full", "metric", "oracles", "paths", "dt", "",
      "\"\"", "? x", "<<", "a b", "λ", "1", "null", "true", "[a]", "{a: 1}");

  private CardMutator() {}

  /** The i-th mutant of card (1 to 3 mutations). */
  static byte[] mutant(String card, long i) {
    Random r = new Random(0x5eed_0000L + i * 0x9E3779B97F4A7C15L + card.hashCode());
    String text = card;
    int n = 1 + r.nextInt(3);
    for (int k = 0; k < n - 1; k++) text = textMutation(text, r);
    // the last mutation may work on bytes (encodings)
    if (r.nextInt(8) == 0) return byteMutation(text.getBytes(StandardCharsets.UTF_8), r);
    return textMutation(text, r).getBytes(StandardCharsets.UTF_8);
  }

  private static String textMutation(String text, Random r) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int li = r.nextInt(lines.size());
    String line = lines.get(li);
    switch (r.nextInt(16)) {
      case 0 -> lines.remove(li);                                          // drop a line
      case 1 -> lines.add(li, line);                                       // duplicate a line (duplicate keys)
      case 2 -> Collections.swap(lines, li, r.nextInt(lines.size()));      // reorder
      case 3 -> lines.set(li, replaceValue(line, pick(VALUES, r), r));     // a value
      case 4 -> lines.set(li, replaceKey(line, pick(KEYS, r)));            // a key
      case 5 -> lines.set(li, replaceValue(line, "[" + valueOf(line) + "]", r)); // type: wrap in a list
      case 6 -> lines.set(li, replaceValue(line, "{x: " + valueOf(line) + "}", r)); // type: wrap in a mapping
      case 7 -> lines.set(li, "  ".repeat(1 + r.nextInt(3)) + line);      // nesting: indent
      case 8 -> lines.set(li, line.stripLeading());                       // nesting: dedent
      case 9 -> lines.set(li, replaceValue(line, deep(r), r));             // deep nesting
      case 10 -> lines.set(li, replaceValue(line, bigList(r), r));         // sizes: a long list
      case 11 -> lines.set(li, replaceValue(line, "\"" + "x".repeat(1 + r.nextInt(200_000)) + "\"", r)); // a long string
      case 12 -> lines.set(li, replaceValue(line, number(r), r));          // an extreme number
      case 13 -> lines.add(li, pick(KEYS, r) + ": " + pick(VALUES, r));    // an extra top-level key
      case 14 -> {                                                          // cut the card
        String all = String.join("\n", lines);
        return all.substring(0, r.nextInt(all.length() + 1));
      }
      default -> lines.set(li, line.replace(' ', r.nextBoolean() ? '\t' : '\u00a0')); // tabs, odd spaces
    }
    return String.join("\n", lines);
  }

  private static byte[] byteMutation(byte[] b, Random r) {
    switch (r.nextInt(6)) {
      case 0: {                                                          // UTF-16 with a byte order mark
        byte[] t = new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
        return t;
      }
      case 1: {                                                          // a UTF-8 byte order mark
        byte[] t = new byte[b.length + 3];
        t[0] = (byte) 0xEF;
        t[1] = (byte) 0xBB;
        t[2] = (byte) 0xBF;
        System.arraycopy(b, 0, t, 3, b.length);
        return t;
      }
      case 2:                                                            // Latin-1 (invalid UTF-8) for a λ
        return new String(b, StandardCharsets.UTF_8).replace("lambda", "\u03bb").getBytes(StandardCharsets.ISO_8859_1);
      case 3: {                                                          // random bytes
        byte[] t = b.clone();
        for (int k = 0; k < 1 + r.nextInt(4) && t.length > 0; k++) t[r.nextInt(t.length)] = (byte) r.nextInt(256);
        return t;
      }
      case 4:                                                            // CRLF line ends
        return new String(b, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
      default: {                                                         // a NUL byte
        byte[] t = Arrays.copyOf(b, b.length + 1);
        int at = r.nextInt(t.length);
        System.arraycopy(t, at, t, at + 1, t.length - at - 1);
        t[at] = 0;
        return t;
      }
    }
  }

  private static String pick(List<String> l, Random r) {
    return l.get(r.nextInt(l.size()));
  }

  private static String valueOf(String line) {
    int c = line.indexOf(':');
    return c < 0 ? line.strip() : line.substring(c + 1).strip();
  }

  /** Replaces the value after the first ':' of the line (or of a random inline "key: value" pair). */
  private static String replaceValue(String line, String v, Random r) {
    List<Integer> colons = new ArrayList<>();
    for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ':') colons.add(i);
    if (colons.isEmpty()) return line + " " + v;
    int c = colons.get(r.nextInt(colons.size()));
    int end = line.length();
    for (int i = c + 1; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == ',' || ch == '}' || ch == ']') {
        end = i;
        break;
      }
    }
    return line.substring(0, c + 1) + " " + v + line.substring(end);
  }

  private static String replaceKey(String line, String k) {
    int start = 0;
    while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '-')) start++;
    int c = line.indexOf(':', start);
    return c < 0 ? line : line.substring(0, start) + k + line.substring(c);
  }

  private static String deep(Random r) {
    int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
    return r.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static String bigList(Random r) {
    int n = 1 + r.nextInt(100_000);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) b.append(i == 0 ? "" : ", ").append(1 + r.nextInt(1000));
    return b.append(']').toString();
  }

  private static String number(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> String.valueOf(r.nextLong());
      case 1 -> String.valueOf(Double.longBitsToDouble(r.nextLong()));
      case 2 -> "1e" + (r.nextInt(700) - 350);
      case 3 -> String.valueOf(Integer.MAX_VALUE);
      case 4 -> "-" + (1 + r.nextInt(1_000_000_000));
      default -> "0." + "0".repeat(r.nextInt(400)) + "1";
    };
  }
}
