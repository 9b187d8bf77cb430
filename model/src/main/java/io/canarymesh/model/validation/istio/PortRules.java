package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import java.util.List;
import java.util.Locale;

/** Port numbers, port names and protocol names, as Istio validates them. */
final class PortRules {
  /**
   * The protocols Istio's {@code protocol.Parse} knows, matched ignoring case; anything else is
   * {@code UnsupportedProtocol}.
   */
  static final List<String> PROTOCOLS =
      List.of(
          "HTTP",
          "HTTPS",
          "HTTP2",
          "GRPC",
          "GRPC-WEB",
          "HTTP_PROXY",
          "TCP",
          "TLS",
          "UDP",
          "MONGO",
          "REDIS",
          "MYSQL");

  private PortRules() {}

  static boolean inRange(long port) {
    return port >= 1 && port <= 65535;
  }

  /** A port number 1..65535; {@code null} (absent) counts as 0, as in proto3. */
  static void checkNumber(Long number, FieldPath path, List<FieldError> errors) {
    long port = number == null ? 0 : number;
    if (!inRange(port)) {
      errors.add(
          FieldError.invalid(path, port, "port number " + port + " must be in the range 1..65535"));
    }
  }

  /** A port name: a DNS-1123 label, {@code http} or {@code http-web}. */
  static void checkName(String name, FieldPath path, List<FieldError> errors) {
    String value = name == null ? "" : name;
    if (!HostSyntax.isDns1123Label(value)) {
      errors.add(FieldError.invalid(path, value, "invalid port name: " + value));
    }
  }

  static boolean isKnownProtocol(String protocol) {
    return PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT));
  }
}
