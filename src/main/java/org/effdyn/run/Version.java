package org.effdyn.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The EffDyn version: the jar manifest's Implementation-Version, else Maven's pom.properties, else "dev". */
public final class Version {
  private static final String VERSION = find();

  private Version() {}

  public static String current() {
    return VERSION;
  }

  private static String find() {
    String v = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) return v;
    try (InputStream in = Version.class.getResourceAsStream("/META-INF/maven/org.effdyn/effdyn/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String pv = p.getProperty("version");
        if (pv != null && !pv.isBlank()) return pv;
      }
    } catch (IOException ignored) {
      // fall back to "dev"
    }
    return "dev";
  }
}
