package io.canarymesh.model.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.validation.istio.Manifests;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnalyzerTest {
  private static final String TARGET_PORT_WARNING =
      "Warning [CM0001] (Service default/micro-api) Service port \"http\" (port 19090) targets port"
          + " 9090, which is not a containerPort of Deployment default/%s (containerPorts: 19090)";

  @ParameterizedTest
  @MethodSource("articlePart3")
  void theArticlesMeshSetOnlyHasTheTargetPortMismatch(String virtualService) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String file :
        List.of(
            "micro-api-canary-istio-v1.yaml",
            "micro-api-canary-istio-v2.yaml",
            "micro-gateway.yaml",
            virtualService,
            "destination-rule-all.yaml")) {
      resources.addAll(Manifests.seed(file));
    }

    assertThat(printed(resources))
        .containsExactly(
            TARGET_PORT_WARNING.formatted("micro-api-v1"),
            TARGET_PORT_WARNING.formatted("micro-api-v2"));
  }

  static Stream<String> articlePart3() {
    return Stream.of("virtual-service-all.yaml", "virtual-service-v2.yaml");
  }

  @Test
  void theArticlesRollingUpdateSetHasTheSameMismatch() {
    assertThat(printed(Manifests.seed("micro-api.yaml")))
        .containsExactly(TARGET_PORT_WARNING.formatted("micro-api"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("minimalSets")
  void eachFindingFromAMinimalSet(String finding, String yaml, List<String> expected) {
    assertThat(printed(Manifests.decode(yaml))).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> minimalSets() {
    return Stream.of(
        Arguments.of(
            "missing gateway",
            SERVICE + vs("gateways: [micro-gateway]", "{host: micro-api}"),
            List.of(
                "Error [IST0101] (VirtualService default/micro-api-route) Referenced gateway not"
                    + " found: \"micro-gateway\"")),
        Arguments.of(
            "gateway in another namespace by namespace/name",
            SERVICE
                + GATEWAY_IN_ISTIO_SYSTEM
                + vs("gateways: [istio-system/micro-gateway, mesh]", "{host: micro-api}"),
            List.of()),
        Arguments.of(
            "gateway by legacy name.namespace",
            SERVICE
                + GATEWAY_IN_ISTIO_SYSTEM
                + vs("gateways: [micro-gateway.istio-system]", "{host: micro-api}"),
            List.of()),
        Arguments.of(
            "gateway named without namespace is looked up in the VirtualService's",
            SERVICE
                + GATEWAY_IN_ISTIO_SYSTEM
                + vs("gateways: [micro-gateway]", "{host: micro-api}"),
            List.of(
                "Error [IST0101] (VirtualService default/micro-api-route) Referenced gateway not"
                    + " found: \"micro-gateway\"")),
        Arguments.of(
            "subset no DestinationRule defines",
            SERVICE
                + DEPLOYMENT_V1
                + DESTINATION_RULE
                + vs("", "{host: micro-api.default.svc.cluster.local, subset: v3}"),
            List.of(
                "Error [IST0101] (VirtualService default/micro-api-route) Referenced host+subset in"
                    + " destinationrule not found: \"micro-api.default.svc.cluster.local+v3\"")),
        Arguments.of(
            "subset without any DestinationRule",
            SERVICE + vs("", "{host: micro-api, subset: v1}"),
            List.of(
                "Error [IST0101] (VirtualService default/micro-api-route) Referenced host+subset in"
                    + " destinationrule not found: \"micro-api.default.svc.cluster.local+v1\"")),
        Arguments.of(
            "subset defined, host written three ways",
            SERVICE
                + DEPLOYMENT_V1
                + DESTINATION_RULE
                + vs("", "{host: micro-api, subset: v1}")
                + vs("", "{host: micro-api.default, subset: v1}")
                + vs("", "{host: micro-api.default.svc.cluster.local, subset: v1}"),
            List.of()),
        Arguments.of(
            "destination host with no Service",
            SERVICE + vs("", "{host: payments}"),
            List.of(
                "Error [IST0101] (VirtualService default/micro-api-route) Referenced host not"
                    + " found: \"payments.default.svc.cluster.local\"")),
        Arguments.of(
            "short host resolves in the VirtualService's namespace",
            SERVICE
                + vs("", "{host: micro-api}")
                    .replace("name: micro-api-route", "name: r\n  namespace: shop"),
            List.of(
                "Error [IST0101] (VirtualService shop/r) Referenced host not found:"
                    + " \"micro-api.shop.svc.cluster.local\"")),
        Arguments.of(
            "destination host served by a ServiceEntry",
            SERVICE_ENTRY + vs("", "{host: api.example.com}"),
            List.of()),
        Arguments.of(
            "DestinationRule host with no Service",
            """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews}
            spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}
            """,
            List.of(
                "Warning [IST0174] (DestinationRule default/reviews) The host reviews defined in"
                    + " the DestinationRule does not match any services in the mesh.")),
        Arguments.of(
            "subset selecting no pod template",
            SERVICE
                + DEPLOYMENT_V1
                + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: micro-api-destination}
                spec:
                  host: micro-api
                  subsets:
                  - {name: v1, labels: {version: v1}}
                  - {name: v3, labels: {version: v3}}
                """,
            List.of(
                "Warning [IST0173] (DestinationRule default/micro-api-destination) The Subset v3"
                    + " defined in the DestinationRule does not select any pods. Which may lead to"
                    + " 503 UH (NoHealthyUpstream).")),
        Arguments.of(
            "subsets behind a ServiceEntry are not judged",
            SERVICE_ENTRY
                + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: api}
                spec: {host: api.example.com, subsets: [{name: v9, labels: {version: v9}}]}
                """,
            List.of()),
        Arguments.of(
            "targetPort no container declares",
            service("targetPort: 9090") + deployment("micro-api", "{app: micro-api}", "19090"),
            List.of(TARGET_PORT_WARNING.formatted("micro-api"))),
        Arguments.of(
            "targetPort defaults to port",
            service("") + deployment("micro-api", "{app: micro-api}", "19090"),
            List.of()),
        Arguments.of(
            "named targetPort matches a container port name",
            service("targetPort: http") + deployment("micro-api", "{app: micro-api}", "19090"),
            List.of()),
        Arguments.of(
            "named targetPort no container declares",
            service("targetPort: web") + deployment("micro-api", "{app: micro-api}", "19090"),
            List.of(
                "Warning [CM0001] (Service default/micro-api) Service port \"http\" (port 19090)"
                    + " targets port \"web\", which is not a containerPort of Deployment"
                    + " default/micro-api (containerPorts: 19090)")),
        Arguments.of(
            "pods that declare no ports are not judged",
            service("targetPort: 9090")
                + deployment("micro-api", "{app: micro-api}", "19090")
                    .replace("        ports: [{name: http, containerPort: 19090}]\n", ""),
            List.of()),
        Arguments.of(
            "Deployments the selector does not pick are not judged",
            service("targetPort: 9090") + deployment("other", "{app: other}", "19090"),
            List.of()),
        Arguments.of(
            "Gateway selecting no workload",
            gateway("{app: my-gateway}"),
            List.of(
                "Error [IST0101] (Gateway default/gw) Referenced selector not found:"
                    + " \"app=my-gateway\"")),
        Arguments.of(
            "Gateway selecting a workload in another namespace",
            gateway("{app: my-gateway}")
                + deployment("my-gateway", "{app: my-gateway}", "8080")
                    .replace("name: my-gateway\n", "name: my-gateway\n  namespace: gateways\n"),
            List.of()),
        Arguments.of(
            "Gateway selecting the platform's ingress gateway",
            gateway("{istio: ingressgateway}"),
            List.of()),
        Arguments.of(
            "Gateway selecting more than the platform's ingress gateway has",
            gateway("{istio: ingressgateway, app: custom}"),
            List.of(
                "Error [IST0101] (Gateway default/gw) Referenced selector not found:"
                    + " \"app=custom,istio=ingressgateway\"")));
  }

  @Test
  void neverThrowsOnEmptyObjects() {
    List<HasMetadata> empty =
        List.of(
            new VirtualService(),
            new DestinationRule(),
            new Gateway(),
            new Service(),
            new Deployment(),
            new Pod());
    assertThat(Analyzer.analyze(empty)).isEmpty();
    assertThat(Analyzer.analyze(List.of())).isEmpty();
  }

  @Test
  void aResourceThatBreaksACheckIsReportedAndTheRestStillAnalyzed() {
    VirtualService broken =
        new VirtualService() {
          @Override
          public io.fabric8.istio.api.api.networking.v1alpha3.VirtualService getSpec() {
            throw new IllegalStateException("boom");
          }
        };
    broken.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("bad").build());
    List<HasMetadata> resources = new ArrayList<>(List.of(broken));
    resources.addAll(Manifests.decode(gateway("{app: my-gateway}")));

    assertThat(printed(resources))
        .containsExactly(
            "Error [IST0001] (VirtualService default/bad) Internal error:"
                + " java.lang.IllegalStateException: boom",
            "Error [IST0001] (VirtualService default/bad) Internal error:"
                + " java.lang.IllegalStateException: boom",
            "Error [IST0101] (Gateway default/gw) Referenced selector not found:"
                + " \"app=my-gateway\"");
  }

  @Test
  void findingPrintsLikeIstioctl() {
    Finding finding =
        new Finding(Finding.Level.ERROR, "IST0101", "VirtualService default/r", "Referenced x");
    assertThat(finding).hasToString("Error [IST0101] (VirtualService default/r) Referenced x");
  }

  private static List<String> printed(List<HasMetadata> resources) {
    return Analyzer.analyze(resources).stream().map(Finding::toString).toList();
  }

  private static final String SERVICE = service("targetPort: 19090");

  private static final String DEPLOYMENT_V1 =
      deployment("micro-api-v1", "{app: micro-api, version: v1}", "19090");

  private static final String DESTINATION_RULE =
      """
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: micro-api-destination}
      spec:
        host: micro-api
        subsets: [{name: v1, labels: {version: v1}}]
      """;

  private static final String GATEWAY_IN_ISTIO_SYSTEM =
      """
      ---
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: micro-gateway, namespace: istio-system}
      spec:
        selector: {istio: ingressgateway}
        servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
      """;

  private static final String SERVICE_ENTRY =
      """
      ---
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: api}
      spec:
        hosts: [api.example.com]
        ports: [{number: 443, name: https, protocol: TLS}]
        resolution: DNS
      """;

  private static String service(String targetPort) {
    return """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: micro-api}
        spec:
          selector: {app: micro-api}
          ports:
          - name: http
            port: 19090
            %s
        """
        .formatted(targetPort);
  }

  private static String deployment(String name, String labels, String containerPort) {
    return """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          selector: {matchLabels: %s}
          template:
            metadata: {labels: %s}
            spec:
              containers:
              - name: app
                image: app:1
                ports: [{name: http, containerPort: %s}]
        """
        .formatted(name, labels, labels, containerPort);
  }

  private static String vs(String gateways, String destination) {
    return """
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: micro-api-route
        spec:
          hosts: [micro-api.default.svc.cluster.local]
          %s
          http:
          - route:
            - destination: %s
        """
        .formatted(gateways, destination);
  }

  private static String gateway(String selector) {
    return """
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: %s
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
        """
        .formatted(selector);
  }
}
