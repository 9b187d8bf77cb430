package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

/**
 * Something the compiler noticed about one resource.
 *
 * @param severity how bad it is
 * @param resource {@code VirtualService default/micro-api-route}
 * @param message what, where ({@code spec.http[0]...}) and what happens to the traffic
 */
public record Diagnostic(Severity severity, String resource, String message) {

  /** What became of the resource. */
  public enum Severity {
    /** The resource was skipped entirely. */
    ERROR,
    /** The resource compiled, but part of it answers 503 or was left out. */
    WARNING,
    /** Worth knowing; traffic is as configured. */
    INFO
  }

  public Diagnostic {
    requireNonNull(severity, "severity");
    requireNonNull(resource, "resource");
    requireNonNull(message, "message");
  }

  /** {@code WARNING VirtualService default/x: spec.http[0]...: subset "v3" not found}. */
  @Override
  public String toString() {
    return severity + " " + resource + ": " + message;
  }
}
