package io.canarymesh.proxy;

/**
 * SNI host matching as Envoy's filter-chain {@code server_names} do it: an exact name, or {@code
 * *.example.com} for any name with at least one more label in front ({@code a.example.com}, {@code
 * a.b.example.com}, not {@code example.com}); {@code *} takes any name. Names are compared ignoring
 * case (DNS names are case-insensitive; the compiler keeps what the VirtualService says).
 */
final class ServerNames {
  private ServerNames() {}

  /** Whether {@code pattern} matches the ClientHello's server name {@code host}. */
  static boolean matches(String pattern, String host) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.startsWith("*.")) {
      int suffix = pattern.length() - 1; // ".example.com"
      return host.length() > suffix
          && host.regionMatches(true, host.length() - suffix, pattern, 1, suffix);
    }
    return pattern.equalsIgnoreCase(host);
  }
}
