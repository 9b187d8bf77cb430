package io.canarymesh.model;

import static java.util.Objects.requireNonNull;

/**
 * How Istio compares hosts ({@code host.Name.Matches} in istio/istio): a host whose first label is
 * {@code *} stands for every host ending in the rest. Shared by validation, analysis and, later,
 * the mesh compiler, so they cannot disagree.
 */
public final class IstioHosts {
  private IstioHosts() {}

  /** True when the host's first label is a wildcard: {@code *}, {@code *.example.com}. */
  public static boolean isWildcarded(String host) {
    requireNonNull(host, "host");
    return host.startsWith("*");
  }

  /**
   * Whether two hosts may denote the same service: {@code *.foo.com} overlaps {@code bar.foo.com}
   * and {@code *.com}; {@code *} overlaps everything; {@code a.com} only itself.
   */
  public static boolean overlap(String a, String b) {
    boolean aWild = isWildcarded(a);
    boolean bWild = isWildcarded(b);
    if (aWild && bWild) {
      return a.length() < b.length()
          ? b.substring(1).endsWith(a.substring(1))
          : a.substring(1).endsWith(b.substring(1));
    }
    if (aWild) {
      return b.endsWith(a.substring(1));
    }
    if (bWild) {
      return a.endsWith(b.substring(1));
    }
    return a.equals(b);
  }
}
