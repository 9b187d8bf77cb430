package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway proxy we run: the workload Gateways select by labels.
 *
 * @param namespace where it runs ({@code istio-system}), for {@code sourceNamespace} matches
 * @param labels its labels ({@code istio: ingressgateway}), for Gateway selectors and {@code
 *     sourceLabels} matches
 * @param exposedPorts the ports its Service exposes; empty when every port is served (standalone
 *     mode). A Gateway server on another port still compiles, marked not exposed.
 */
public record IngressGateway(
    String namespace, Map<String, String> labels, Optional<Set<Integer>> exposedPorts) {
  public static final String NAMESPACE = "istio-system";
  public static final Map<String, String> LABELS = Map.of("istio", "ingressgateway");

  public IngressGateway {
    requireNonNull(namespace, "namespace");
    labels = Map.copyOf(labels);
    exposedPorts = exposedPorts.map(Set::copyOf);
  }

  /** The platform's gateway, exposing every port (standalone mode). */
  public static IngressGateway standalone() {
    return new IngressGateway(NAMESPACE, LABELS, Optional.empty());
  }

  /** The platform's gateway whose Service exposes {@code ports}. */
  public static IngressGateway exposing(Set<Integer> ports) {
    return new IngressGateway(NAMESPACE, LABELS, Optional.of(ports));
  }

  boolean exposes(int port) {
    return exposedPorts.map(ports -> ports.contains(port)).orElse(true);
  }

  /** True when every label of {@code selector} is on the gateway; an empty selector selects it. */
  boolean selectedBy(Map<String, String> selector) {
    return selector.entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
  }
}
