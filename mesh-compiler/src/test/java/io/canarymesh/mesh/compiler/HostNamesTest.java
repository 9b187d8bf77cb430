package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostNamesTest {

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
    "micro-api, default, micro-api.default.svc.cluster.local",
    "micro-api, shop, micro-api.shop.svc.cluster.local",
    // only a name without a dot is short, as in Istio's ResolveShortnameToFQDN
    "micro-api.default, default, micro-api.default",
    "micro-api.bench, default, micro-api.bench",
    "micro-api.default.svc.cluster.local, shop, micro-api.default.svc.cluster.local",
    "*, default, *",
    "*.example.com, default, *.example.com",
    "127.0.1.1, default, 127.0.1.1",
  })
  void resolvesShortNamesInTheResourceNamespace(String host, String namespace, String expected) {
    assertThat(HostNames.resolve(host, namespace)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "*, a.example.com, true",
    "*, *, true",
    "*, *.example.com, true",
    "*.example.com, a.example.com, true",
    "*.example.com, a.b.example.com, true",
    "*.example.com, *.b.example.com, true",
    "*.example.com, example.com, false",
    "*.example.com, *, false",
    "*.example.com, a.example.org, false",
    "a.example.com, a.example.com, true",
    "a.example.com, *.example.com, false",
    "a.example.com, b.example.com, false",
  })
  void covers(String pattern, String host, boolean expected) {
    assertThat(HostNames.covers(pattern, host)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ∩ {1} = {2}")
  @CsvSource({
    "*, a.example.com, a.example.com",
    "a.example.com, *, a.example.com",
    "*.example.com, *, *.example.com",
    "*.example.com, a.example.com, a.example.com",
    "*.example.com, a.example.org, ''",
  })
  void intersectionIsTheMoreSpecificName(String a, String b, String expected) {
    assertThat(HostNames.intersection(a, b).orElse("")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "server {0} in {1}, VirtualService in {2} for {3} -> {4}")
  @CsvSource({
    "*, istio-system, prod, api.example.com, api.example.com",
    "*/*.example.com, istio-system, prod, api.example.com, api.example.com",
    "prod/*.example.com, istio-system, prod, api.example.com, api.example.com",
    "dev/*.example.com, istio-system, prod, api.example.com, ''",
    "./status.local, istio-system, istio-system, status.local, status.local",
    "./status.local, istio-system, prod, status.local, ''",
    "*.example.com, istio-system, prod, *, *.example.com",
  })
  void gatewayServerHostsAdmitVirtualServiceHosts(
      String serverHost, String gatewayNs, String vsNs, String vsHost, String expected) {
    assertThat(GatewayListenerCompiler.admitted(serverHost, gatewayNs, vsNs, vsHost).orElse(""))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} from {1} -> {2}")
  @CsvSource({
    "mesh, default, mesh",
    "micro-gateway, default, default/micro-gateway",
    "istio-system/edge, default, istio-system/edge",
    "edge.istio-system.svc.cluster.local, default, istio-system/edge",
  })
  void gatewayReferences(String ref, String namespace, String expected) {
    assertThat(GatewayRefs.resolve(ref, namespace)).isEqualTo(expected);
  }
}
