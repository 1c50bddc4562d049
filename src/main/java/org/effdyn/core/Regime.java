package org.effdyn.core;

import java.util.Locale;

/**
 * Which limit of the SGD statistics a model yields (docs/theory.md): the ballistic ODE
 * (Sigma = 0), or the diffusive SDE for statistics rescaled near a fixed point (e.g. sqrt(d) m).
 */
public enum Regime {
  BALLISTIC, DIFFUSIVE;

  /** Card spelling, lower case. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the card spelling ({@code ballistic}, {@code diffusive}); names the bad value. */
  public static Regime parse(String s) {
    for (Regime r : values()) if (r.key().equals(s)) return r;
    throw new ParameterException("regime", s, "must be one of ballistic, diffusive; got '" + s + "'");
  }
}
