package org.effdyn.card;

/** A model parameter as a card spells it: name, meaning, and default (null: required). */
public record ParamSpec(String name, String description, String defaultValue) {
  /** True if the card must give it. */
  public boolean required() {
    return defaultValue == null;
  }
}
