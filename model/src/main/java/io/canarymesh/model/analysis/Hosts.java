package io.canarymesh.model.analysis;

import io.canarymesh.model.IstioHosts;
import java.util.List;

/**
 * Host names as the mesh resolves them. A short host is resolved in the namespace of the resource
 * that names it: {@code micro-api} in {@code default} is {@code
 * micro-api.default.svc.cluster.local}, and so is {@code micro-api.default}. Since {@code
 * micro-api.default} could also be a real domain, a two- or three-label host yields both readings.
 */
final class Hosts {
  static final String CLUSTER_SUFFIX = ".svc.cluster.local";

  private Hosts() {}

  /**
   * The names {@code host} may stand for, the preferred one first. Examples in namespace {@code
   * ns}: {@code a} → [a.ns.svc.cluster.local]; {@code a.b} → [a.b.svc.cluster.local, a.b]; {@code
   * a.b.svc} → [a.b.svc.cluster.local, a.b.svc]; {@code a.b.c.d} → [a.b.c.d].
   */
  static List<String> candidates(String host, String namespace) {
    if (host.equals("*") || host.startsWith("*")) {
      return List.of(host);
    }
    long dots = host.chars().filter(c -> c == '.').count();
    if (dots == 0) {
      return List.of(host + "." + namespace + CLUSTER_SUFFIX);
    }
    if (dots == 1) {
      return List.of(host + CLUSTER_SUFFIX, host);
    }
    if (dots == 2 && host.endsWith(".svc")) {
      return List.of(host + ".cluster.local", host);
    }
    return List.of(host);
  }

  /** The preferred reading of {@code host}, for messages. */
  static String fqdn(String host, String namespace) {
    return candidates(host, namespace).get(0);
  }

  /** A Service's host: {@code micro-api.default.svc.cluster.local}. */
  static String ofService(String name, String namespace) {
    return name + "." + namespace + CLUSTER_SUFFIX;
  }

  /** Whether two hosts may denote the same service; see {@link IstioHosts#overlap}. */
  static boolean overlap(String a, String b) {
    return IstioHosts.overlap(a, b);
  }

  /** Whether any reading of one host overlaps any reading of the other. */
  static boolean anyOverlap(List<String> a, List<String> b) {
    return a.stream().anyMatch(x -> b.stream().anyMatch(y -> overlap(x, y)));
  }
}
