package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTableText;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeshCompilerTest {
  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  private static final String GATEWAY_AND_VS =
      """
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: gw, namespace: default}
      spec:
        selector: {istio: ingressgateway}
        servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
          - port: {number: 8443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls: {mode: SIMPLE, credentialName: shop-cert}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: shop-cert, namespace: istio-system}
      stringData:
        tls.crt: "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n"
        tls.key: "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: a, namespace: default}
      spec:
        hosts: [a.example.com]
        gateways: [gw]
        http:
          - directResponse: {status: 200}
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: b, namespace: default}
      spec:
        hosts: [b.example.com]
        gateways: [gw]
        http:
          - directResponse: {status: 201}
      """;

  @Test
  void compilationIsPureAndIndependentOfInputOrder() {
    List<HasMetadata> resources = decode(GATEWAY_AND_VS);
    List<HasMetadata> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    String once = render(resources);
    assertThat(render(resources)).isEqualTo(once);
    assertThat(render(reversed)).isEqualTo(once);
  }

  @Test
  void portsTheGatewayServiceDoesNotExposeStillCompile() {
    MeshInputs inputs =
        MeshInputs.builder()
            .addAll(decode(GATEWAY_AND_VS))
            .ingressGateway(IngressGateway.exposing(Set.of(80)))
            .build();
    List<Listener> listeners = MeshCompiler.compile(inputs).table().listeners();
    assertThat(listeners)
        .extracting(Listener::name, Listener::exposed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("0.0.0.0_80", true),
            org.assertj.core.groups.Tuple.tuple("0.0.0.0_8443", false));
    assertThat(listeners.get(1).tls())
        .hasValueSatisfying(
            tls -> {
              assertThat(tls.credentialName()).contains("shop-cert");
              assertThat(tls.credential()).isPresent();
            });
    assertThat(listeners.get(1).virtualHosts()).hasSize(2);
  }

  @Test
  void aBadResourceIsSkippedAndTheRestCompiles() {
    List<HasMetadata> resources =
        decode(
            GATEWAY_AND_VS
                + """
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: c, namespace: default}
        spec:
          hosts: [c.example.com]
          gateways: [gw]
          http:
            - timeout: "5"
              directResponse: {status: 200}
        """);
    CompileResult result = MeshCompiler.compile(MeshInputs.builder().addAll(resources).build());
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            "ERROR VirtualService default/c: spec.http[0].timeout: Invalid value: \"5\": time:"
                + " missing unit in duration \"5\" (resource skipped)");
    assertThat(result.table().listeners().get(0).virtualHosts())
        .extracting(vh -> vh.name())
        .containsExactly("a.example.com:80", "b.example.com:80");
  }

  @ParameterizedTest(name = "weight {0} of {1} destinations -> {2}")
  @CsvSource({"70, 2, 70", "0, 2, 0", ", 2, 0", "0, 1, 100", "5, 1, 100", ", 1, 100"})
  void weightsAreRelativeAndALoneDestinationTakesEverything(
      Integer weight, int destinations, int expected) {
    assertThat(HttpRouteCompiler.weight(weight, destinations)).isEqualTo(expected);
  }

  @Test
  void ofTwoLivePodsOnOneIpTheFirstByNamespaceAndNameIsTheClientWhateverTheOrder() {
    List<HasMetadata> pods =
        decode(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: shop, labels: {app: b}}
            status: {phase: Running, podIP: 127.244.5.1, podIPs: [{ip: 127.244.5.1}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: shop, labels: {app: a}}
            status: {phase: Running, podIP: 127.244.5.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: batch, labels: {app: done}}
            status: {phase: Succeeded, podIP: 127.244.5.1}
            """);
    List<HasMetadata> reversed = new ArrayList<>(pods);
    Collections.reverse(reversed);
    for (List<HasMetadata> order : List.of(pods, reversed)) {
      assertThat(MeshCompiler.compile(MeshInputs.builder().addAll(order).build()).table().clients())
          .containsExactly(
              new io.canarymesh.mesh.model.ClientWorkload(
                  "127.244.5.1", "shop", java.util.Map.of("app", "a")));
    }
  }

  @Test
  void nullInputsAreRejected() {
    assertThatThrownBy(() -> MeshCompiler.compile(null)).hasMessage("inputs");
  }

  private static String render(List<HasMetadata> resources) {
    CompileResult result = MeshCompiler.compile(MeshInputs.builder().addAll(resources).build());
    return RouteTableText.render(result.table()) + result.diagnostics();
  }

  private static List<HasMetadata> decode(String yaml) {
    var decoded = DECODER.decode(yaml);
    assertThat(decoded.errors()).isEmpty();
    return decoded.resources().stream().map(DecodedResource::object).toList();
  }
}
