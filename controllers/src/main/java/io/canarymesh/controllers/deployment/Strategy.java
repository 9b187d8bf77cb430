package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

/** A Deployment's {@code spec.strategy.type}. */
public enum Strategy {
  ROLLING_UPDATE("RollingUpdate"),
  RECREATE("Recreate");

  private final String wireName;

  Strategy(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** An absent type is RollingUpdate, the API server's default. */
  public static Strategy of(String type) {
    if (type == null || type.isEmpty()) {
      return ROLLING_UPDATE;
    }
    for (Strategy strategy : values()) {
      if (strategy.wireName.equals(type)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException(
        "deployment type " + requireNonNull(type) + " isn't supported");
  }
}
