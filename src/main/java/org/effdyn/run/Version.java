package org.effdyn.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a run record says about the code: the EffDyn version (the jar manifest's Implementation-Version,
 * else Maven's pom.properties, else "dev"), the git commit the classes were built from, and the
 * versions of the libraries on the class path.
 *
 * <p>The commit comes from {@code META-INF/effdyn/build.properties}, which the build writes
 * ({@code generate-resources}, pom.xml) by asking git for {@code HEAD} and for uncommitted changes to
 * tracked files; it is absent or empty when the build ran outside a git checkout or without git, and
 * then {@link #gitCommit()} is null.
 */
public final class Version {
  private static final String VERSION = find();
  private static final Properties BUILD = load("/META-INF/effdyn/build.properties");

  /**
   * The libraries reported by {@link #dependencies()}: Maven coordinates and a class of each, used to
   * find the library (an optional one may be absent) and, without pom.properties, its package version.
   */
  private static final List<String[]> LIBRARIES = List.of(
      new String[] {"org.hipparchus", "hipparchus-core", "org.hipparchus.util.FastMath"},
      new String[] {"org.hipparchus", "hipparchus-ode", "org.hipparchus.ode.ODEIntegrator"},
      new String[] {"org.apache.commons", "commons-rng-core", "org.apache.commons.rng.core.BaseProvider"},
      new String[] {"org.apache.commons", "commons-rng-simple", "org.apache.commons.rng.simple.RandomSource"},
      new String[] {"org.apache.commons", "commons-rng-sampling", "org.apache.commons.rng.sampling.distribution.ZigguratSampler"},
      new String[] {"com.fasterxml.jackson.core", "jackson-core", "com.fasterxml.jackson.core.JsonFactory"},
      new String[] {"com.fasterxml.jackson.core", "jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper"},
      new String[] {"com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml", "com.fasterxml.jackson.dataformat.yaml.YAMLFactory"},
      new String[] {"com.fasterxml.jackson.dataformat", "jackson-dataformat-csv", "com.fasterxml.jackson.dataformat.csv.CsvMapper"},
      new String[] {"org.knowm.xchart", "xchart", "org.knowm.xchart.XYChart"},
      new String[] {"info.picocli", "picocli", "picocli.CommandLine"});

  private Version() {}

  /** The EffDyn version, e.g. {@code 0.1.0-SNAPSHOT}; "dev" when neither the manifest nor pom.properties give one. */
  public static String current() {
    return VERSION;
  }

  /** The git commit (40 hex digits) the classes were built from, or null when the build could not tell. */
  public static String gitCommit() {
    String c = BUILD.getProperty("git.commit", "").trim();
    return c.matches("[0-9a-f]{40}") ? c : null;
  }

  /**
   * True if tracked files differed from {@link #gitCommit()} when the classes were built (so the commit
   * alone does not reproduce them), false if not, null when the commit is unknown.
   */
  public static Boolean gitDirty() {
    if (gitCommit() == null) return null;
    String d = BUILD.getProperty("git.dirty", "").trim();
    return d.equals("true") ? Boolean.TRUE : d.equals("false") ? Boolean.FALSE : null;
  }

  /**
   * Versions of the libraries EffDyn runs on, keyed {@code groupId:artifactId}, in a fixed order:
   * Hipparchus, Commons RNG, Jackson, XChart and picocli. Each is read from the library's own jar: its
   * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}, else its package's Implementation-Version
   * (picocli, whose jar has no pom.properties, last from its {@code CommandLine.VERSION}, since the
   * bundled CLI jar keeps one manifest only). The value is null for a library that is not on the class
   * path (XChart and picocli are optional) or whose version cannot be read.
   */
  public static Map<String, String> dependencies() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String[] lib : LIBRARIES) m.put(lib[0] + ":" + lib[1], version(lib[0], lib[1], lib[2]));
    return Collections.unmodifiableMap(m);
  }

  private static String version(String group, String artifact, String probe) {
    Class<?> c;
    try {
      c = Class.forName(probe, false, Version.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader() : Version.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) return v.trim();
      }
    } catch (IOException ignored) {
      // try the manifest
    }
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) return v.trim();
    try {
      Object field = c.getField("VERSION").get(null);
      return field instanceof String s && !s.isBlank() ? s.trim() : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(resource)) {
      if (in != null) p.load(in);
    } catch (IOException ignored) {
      // no build information: gitCommit() is null
    }
    return p;
  }

  private static String find() {
    String v = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) return v;
    Properties p = load("/META-INF/maven/org.effdyn/effdyn/pom.properties");
    String pv = p.getProperty("version");
    if (pv != null && !pv.isBlank()) return pv;
    return "dev";
  }
}
