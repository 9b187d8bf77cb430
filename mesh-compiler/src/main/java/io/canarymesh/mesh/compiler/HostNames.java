package io.canarymesh.mesh.compiler;

import io.canarymesh.model.IstioHosts;
import java.util.List;

/** Host names as the mesh resolves and compares them. */
final class HostNames {
  static final String CLUSTER_DOMAIN = "svc.cluster.local";

  private HostNames() {}

  /**
   * A host as written in a resource of {@code namespace}, made fully qualified as Istio's {@code
   * ResolveShortnameToFQDN} does: only a name without a dot is short. Examples in {@code default}:
   * {@code micro-api} → {@code micro-api.default.svc.cluster.local}; {@code micro-api.bench},
   * {@code *.example.com} and {@code *} stay as they are.
   */
  static String resolve(String host, String namespace) {
    if (host.equals("*") || host.contains(".") || host.contains(":")) {
      return host;
    }
    return host + "." + namespace + "." + CLUSTER_DOMAIN;
  }

  /** A Service's host: {@code micro-api.default.svc.cluster.local}. */
  static String ofService(String name, String namespace) {
    return name + "." + namespace + "." + CLUSTER_DOMAIN;
  }

  /**
   * The names a client in the cluster may use for a Service: {@code micro-api}, {@code
   * micro-api.default}, {@code micro-api.default.svc} and the FQDN.
   */
  static List<String> serviceAliases(String name, String namespace) {
    return List.of(
        ofService(name, namespace), name, name + "." + namespace, name + "." + namespace + ".svc");
  }

  /**
   * Whether {@code pattern} stands for every host {@code host} stands for: {@code *} covers
   * everything, {@code *.example.com} covers {@code a.example.com} and {@code *.b.example.com}, an
   * exact name only itself.
   */
  static boolean covers(String pattern, String host) {
    if (pattern.equals(host)) {
      return true;
    }
    return IstioHosts.isWildcarded(pattern) && host.endsWith(pattern.substring(1));
  }

  /**
   * The hosts both name, when one covers the other: the more specific of the two. A VirtualService
   * host {@code *} on a server for {@code *.example.com} serves {@code *.example.com}; {@code
   * a.example.com} on a server for {@code *} serves {@code a.example.com}.
   */
  static java.util.Optional<String> intersection(String a, String b) {
    if (covers(a, b)) {
      return java.util.Optional.of(b);
    }
    if (covers(b, a)) {
      return java.util.Optional.of(a);
    }
    return java.util.Optional.empty();
  }
}
