package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Listener;
import java.util.List;
import java.util.Objects;

/**
 * Gateway references in a VirtualService, made absolute: {@code mesh} stays, {@code name} is in the
 * VirtualService's namespace, {@code ns/name} is as given, and the legacy FQDN {@code
 * name.ns.svc.cluster.local} becomes {@code ns/name}.
 */
final class GatewayRefs {
  private GatewayRefs() {}

  static String resolve(String ref, String namespace) {
    if (ref.equals(Listener.MESH) || ref.contains("/")) {
      return ref;
    }
    int dot = ref.indexOf('.');
    if (dot < 0) {
      return namespace + "/" + ref;
    }
    String rest = ref.substring(dot + 1);
    int nextDot = rest.indexOf('.');
    return (nextDot < 0 ? rest : rest.substring(0, nextDot)) + "/" + ref.substring(0, dot);
  }

  /** A VirtualService's gateways, absolute; none given means {@code mesh}. */
  static List<String> bindings(List<String> gateways, String namespace) {
    List<String> given = Objects.requireNonNullElse(gateways, List.<String>of());
    if (given.isEmpty()) {
      return List.of(Listener.MESH);
    }
    return given.stream()
        .filter(Objects::nonNull)
        .map(g -> resolve(g, namespace))
        .distinct()
        .toList();
  }
}
