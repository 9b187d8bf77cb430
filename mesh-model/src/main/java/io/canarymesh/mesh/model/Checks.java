package io.canarymesh.mesh.model;

import java.time.Duration;

/** The invariants the records share, each failing with a message that names the value. */
final class Checks {
  private Checks() {}

  static String nonBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, got " + quoted(value));
    }
    return value;
  }

  static int port(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " must be in 0..65535, got " + port);
    }
    return port;
  }

  static int nonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return value;
  }

  static int positive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }

  static double percentage(double value, String what) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(what + " must be in 0..100, got " + value);
    }
    return value;
  }

  static Duration nonNegative(Duration value, String what) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(what + " must be a non-negative duration, got " + value);
    }
    return value;
  }

  static int httpStatus(int status, String what) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException(
          what + " must be an HTTP status in 100..599, got " + status);
    }
    return status;
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
