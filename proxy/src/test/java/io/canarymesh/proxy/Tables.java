package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.compiler.CompileResult;
import io.canarymesh.mesh.compiler.MeshCompiler;
import io.canarymesh.mesh.compiler.MeshInputs;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;

/** Route tables the real way: Istio YAML decoded and compiled by the mesh compiler. */
final class Tables {
  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  private Tables() {}

  static RouteTable compile(long version, String yaml) {
    DecodeResult decoded = DECODER.decode(yaml);
    assertThat(decoded.errors()).extracting(DecodeError::describe).isEmpty();
    CompileResult result =
        MeshCompiler.compile(
            MeshInputs.builder()
                .version(version)
                .addAll(decoded.resources().stream().map(DecodedResource::object).toList())
                .build());
    assertThat(result.diagnostics())
        .filteredOn(d -> d.severity() != io.canarymesh.mesh.compiler.Diagnostic.Severity.INFO)
        .isEmpty();
    return result.table();
  }

  /**
   * A gateway on port 8080 for every host, a ServiceEntry {@code api.test} whose endpoints are
   * {@code v1Port} (version v1) and {@code v2Port} (version v2), subsets v1 and v2, and {@code
   * http} as the VirtualService's http routes.
   */
  static String gatewayYaml(int v1Port, int v2Port, String http, String trafficPolicy) {
    return """
        apiVersion: networking.istio.io/v1beta1
        kind: ServiceEntry
        metadata: {name: api, namespace: default}
        spec:
          hosts: [api.test]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 9090, name: http, protocol: HTTP}]
          endpoints:
            - {address: 127.0.0.1, ports: {http: %d}, labels: {version: v1}}
            - {address: 127.0.0.1, ports: {http: %d}, labels: {version: v2}}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 8080, name: http, protocol: HTTP}
              hosts: ["*"]
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: api, namespace: default}
        spec:
          hosts: ["*"]
          gateways: [gw]
          http:
        %s
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: api, namespace: default}
        spec:
          host: api.test
        %s
          subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
        """
        .formatted(
            v1Port,
            v2Port,
            http.indent(4).stripTrailing(),
            trafficPolicy.indent(2).stripTrailing());
  }

  static final String SPLIT_70_30 =
      """
      - route:
          - destination: {host: api.test, subset: v1, port: {number: 9090}}
            weight: 70
          - destination: {host: api.test, subset: v2, port: {number: 9090}}
            weight: 30
      """;

  static final String ALL_TO_V1 =
      "- route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]";

  /**
   * A gateway on port 8080 routing everything to the ServiceEntry {@code api.test}, whose endpoints
   * are 127.0.0.1 on {@code ports}, with {@code loadBalancer} as its DestinationRule's {@code
   * trafficPolicy.loadBalancer} (a YAML flow map).
   */
  static String loadBalancedYaml(java.util.List<Integer> ports, String loadBalancer) {
    StringBuilder endpoints = new StringBuilder();
    for (int port : ports) {
      endpoints.append("    - {address: 127.0.0.1, ports: {http: %d}}\n".formatted(port));
    }
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: default}
        spec:
          hosts: [api.test]
          resolution: STATIC
          ports: [{number: 9090, name: http, protocol: HTTP}]
          endpoints:
        %s---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*"]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: default}
        spec:
          hosts: ["*"]
          gateways: [gw]
          http: [{route: [{destination: {host: api.test, port: {number: 9090}}}]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api, namespace: default}
        spec:
          host: api.test
          trafficPolicy:
            loadBalancer: %s
        """
        .formatted(endpoints, loadBalancer);
  }
}
