package org.effdyn.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.effdyn.card.Scenario;

/**
 * The key of one sweep point: SHA-256 (lower-case hex) of everything that determines the point's
 * result, so that a resumed sweep reuses a point's file only when it would compute the same one:
 * <ul>
 *   <li>the card after the point's overrides: {@link Scenario#source()} (the card's YAML tree as
 *       JSON, so comments and layout do not count) with {@code params.NAME} set to the point's value
 *       for every swept parameter;</li>
 *   <li>the point's parameters (name and value, exactly);</li>
 *   <li>the seeds: {@code init.seed} and, diffusive, {@code sde.seed} (also when the card leaves them
 *       to their defaults);</li>
 *   <li>the code: the EffDyn version, the git commit the classes were built from (none when the jar
 *       does not have one) and whether the build had uncommitted changes ({@link Version}).</li>
 * </ul>
 * The thread count is not part of it: results do not depend on it. A build from uncommitted changes
 * has the key of its commit, so code changed without a commit is not seen; delete {@code variants/}
 * after such a change.
 */
final class PointKey {
  /** Changes when what goes into a key changes, so that older keys no longer match. */
  private static final String FORMAT = "effdyn sweep point key 1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scenario card;
  private final ObjectNode tree;
  private final String code;

  /** Keys of the points of a sweep of {@code card}, by this build's code version. */
  PointKey(Scenario card) {
    this(card, code());
  }

  /** As {@link #PointKey(Scenario)} with the code version given (tests). */
  PointKey(Scenario card, String code) {
    this.card = card;
    this.code = code;
    try {
      JsonNode t = JSON.readTree(card.source());
      this.tree = t instanceof ObjectNode o ? o : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read the card tree back: " + e.getMessage(), e);
    }
  }

  /** The key of the point with these parameters (thread-safe: works on a copy of the tree). */
  String of(Map<String, Double> params) {
    ObjectNode t = tree.deepCopy();
    JsonNode p = t.get("params");
    ObjectNode ps = p instanceof ObjectNode o ? o : t.putObject("params");
    for (Map.Entry<String, Double> e : params.entrySet()) ps.put(e.getKey(), e.getValue());
    StringBuilder b = new StringBuilder(FORMAT).append('\n');
    b.append(code);
    try {
      b.append("card=").append(JSON.writeValueAsString(t)).append('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the card tree: " + e.getMessage(), e);
    }
    for (Map.Entry<String, Double> e : params.entrySet()) {
      b.append("param ").append(e.getKey()).append('=').append(Double.toHexString(e.getValue())).append('\n');
    }
    b.append("init_seed=").append(card.initSeed()).append('\n');
    b.append("sde_seed=").append(card.sde() == null ? "none" : Long.toString(card.sde().seed())).append('\n');
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);   // every JDK has it
    }
  }

  /** This build's code version: the EffDyn version, the git commit (or none) and whether it was dirty. */
  static String code() {
    return "effdyn_version=" + Version.current() + "\n"
        + "git_commit=" + (Version.gitCommit() == null ? "none" : Version.gitCommit()) + "\n"
        + "git_dirty=" + Version.gitDirty() + "\n";
  }

  /**
   * The sidecar of a point's CSV: its key and the code version, as JSON on one line. The version
   * fields are there for the reader; only {@code key} is compared.
   */
  static String sidecar(String key) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("effdyn_version", Version.current());
    m.put("git_commit", Version.gitCommit());
    m.put("git_dirty", Version.gitDirty());
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key a sidecar holds, or null if it is not a sidecar (unreadable, not JSON, no key). */
  static String read(String sidecar) {
    try {
      JsonNode k = JSON.readTree(sidecar).get("key");
      return k != null && k.isTextual() ? k.asText() : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}
