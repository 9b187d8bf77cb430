package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.compiler.IngressGateway;
import io.canarymesh.mesh.compiler.MeshCompiler;
import io.canarymesh.mesh.compiler.MeshInputs;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code sourceLabels} and {@code sourceNamespace} with real clients bound to pod addresses: on a
 * mesh listener the caller is the workload whose pod IP the connection comes from; on a gateway
 * listener the gateway's own labels and namespace decide, whoever connects.
 */
@ExtendWith(LeakCheck.class)
class SourceRoutingTest {
  private static final String FRONTEND_IN_SHOP = "127.244.9.10";
  private static final String FRONTEND_IN_WEB = "127.244.9.11";
  private static final String BATCH_IN_SHOP = "127.244.9.12";
  private static final String ADMIN_IN_SHOP = "127.244.9.13";

  private final List<Backend> backends = new ArrayList<>();
  private Backend v1;
  private Backend v2;
  private Backend v3;
  private MeshProxy proxy;

  @BeforeEach
  void backends() throws Exception {
    v1 = backend("v1", "127.244.9.1");
    v2 = backend("v2", "127.244.9.2");
    v3 = backend("v3", "127.244.9.3");
  }

  @AfterEach
  void close() {
    if (proxy != null) {
      proxy.close();
    }
    backends.forEach(Backend::close);
  }

  @Test
  void meshListenerRoutesEachCallerByItsPodsLabelsAndNamespace() throws Exception {
    proxy = start(table(meshYaml(SOURCE_ROUTES)), true);
    InetSocketAddress service = proxy.address("127.96.9.1_80");

    assertThat(backendsSeenFrom(FRONTEND_IN_SHOP, service, "/items")).containsOnly("v2");
    assertThat(backendsSeenFrom(FRONTEND_IN_WEB, service, "/items")).containsOnly("v3");
    assertThat(backendsSeenFrom(BATCH_IN_SHOP, service, "/items")).containsOnly("v1");
    // 127.0.0.1 is no workload's address: its source-conditioned matches fail
    assertThat(backendsSeenFrom("127.0.0.1", service, "/items")).containsOnly("v1");
    assertThat(v2.requests.get()).isEqualTo(3);
    assertThat(v3.requests.get()).isEqualTo(3);
    assertThat(v1.requests.get()).isEqualTo(6);
  }

  @Test
  void aNewTableChangesWhoIsWhoOnAKeptConnection() throws Exception {
    proxy = start(table(meshYaml(SOURCE_ROUTES)), true);
    InetSocketAddress service = proxy.address("127.96.9.1_80");
    try (KeepAliveClient client =
        new KeepAliveClient(service, InetAddress.getByName(BATCH_IN_SHOP))) {
      assertThat(RawHttp.body(client.get("/items"))).startsWith("v1|");
      // the batch pod is relabelled app=frontend: the next table knows it as a frontend
      proxy.update(table(meshYaml(SOURCE_ROUTES).replace("{app: batch}", "{app: frontend}"), 2));
      assertThat(RawHttp.body(client.get("/items"))).startsWith("v2|");
    }
  }

  @Test
  void aCallerNoRouteAppliesToGetsTheWholeServiceOneWithARouteGets404() throws Exception {
    String frontendsOnly =
        """
        - match:
            - sourceLabels: {app: frontend}
              uri: {prefix: /canary}
          route:
            - destination: {host: reviews, subset: v2}
        """;
    proxy = start(table(meshYaml(frontendsOnly)), true);
    InetSocketAddress service = proxy.address("127.96.9.1_80");
    try (KeepAliveClient frontend =
            new KeepAliveClient(service, InetAddress.getByName(FRONTEND_IN_SHOP));
        KeepAliveClient batch = new KeepAliveClient(service, InetAddress.getByName(BATCH_IN_SHOP));
        KeepAliveClient host = new KeepAliveClient(service)) {
      assertThat(RawHttp.body(frontend.get("/canary/items"))).startsWith("v2|");
      // the frontend has a route; this request matches none of it: 404, as its sidecar would say
      assertThat(RawHttp.status(frontend.get("/items"))).isEqualTo(404);
      // Istio gives the batch pod's sidecar no route from this VirtualService: the whole service
      for (int i = 0; i < 6; i++) {
        assertThat(RawHttp.status(batch.get("/canary/items"))).isEqualTo(200);
        assertThat(RawHttp.status(host.get("/items"))).isEqualTo(200);
      }
    }
    assertThat(v1.requests.get() + v3.requests.get()).isPositive();
  }

  @Test
  void rewriteUsesTheEntryThatMatchedForThisCaller() throws Exception {
    String routes =
        """
        - match:
            - sourceLabels: {app: admin}
              uri: {prefix: /api/}
            - uri: {prefix: /}
          rewrite: {uri: /x/}
          route:
            - destination: {host: reviews, subset: v1}
        """;
    proxy = start(table(meshYaml(routes)), true);
    InetSocketAddress service = proxy.address("127.96.9.1_80");
    try (KeepAliveClient admin =
            new KeepAliveClient(service, InetAddress.getByName(ADMIN_IN_SHOP));
        KeepAliveClient other =
            new KeepAliveClient(service, InetAddress.getByName(FRONTEND_IN_SHOP))) {
      assertThat(RawHttp.body(admin.get("/api/items"))).isEqualTo("v1|GET|/x/items|0");
      assertThat(RawHttp.body(other.get("/api/items"))).isEqualTo("v1|GET|/x/api/items|0");
    }
  }

  @Test
  void gatewayListenerMatchesTheGatewaysOwnLabelsWhoeverConnects() throws Exception {
    proxy = start(table(gatewayYaml()), false);
    InetSocketAddress gateway = proxy.address("0.0.0.0_8080");
    // a frontend pod calling the gateway is not the source: the gateway is
    assertThat(backendsSeenFrom(FRONTEND_IN_SHOP, gateway, "/in/items")).containsOnly("v2");
    assertThat(backendsSeenFrom("127.0.0.1", gateway, "/in/items")).containsOnly("v2");
    assertThat(backendsSeenFrom(FRONTEND_IN_SHOP, gateway, "/items")).containsOnly("v1");
    assertThat(v3.requests.get()).isZero();
  }

  @Test
  void theGatewaysLabelsComeFromConfiguration() throws Exception {
    IngressGateway custom =
        new IngressGateway("edge-system", Map.of("app", "edge"), Optional.empty());
    String yaml =
        gatewayYaml().replace("selector: {istio: ingressgateway}", "selector: {app: edge}");
    proxy = start(table(yaml, custom));
    InetSocketAddress gateway = proxy.address("0.0.0.0_8080");
    // {istio: ingressgateway} is not this gateway; {app: edge} in edge-system is
    assertThat(backendsSeenFrom("127.0.0.1", gateway, "/in/items")).containsOnly("v1");
    assertThat(backendsSeenFrom("127.0.0.1", gateway, "/edge/items")).containsOnly("v3");
  }

  @Test
  void selectingASourceConditionedRouteAllocatesNothing() {
    RouteSnapshot snapshot = RouteSelectionTest.snapshot(table(meshYaml(SOURCE_ROUTES)));
    ListenerRoutes listener = snapshot.listener("127.96.9.1_80");
    InetSocketAddress remote = new InetSocketAddress(FRONTEND_IN_WEB, 40000);
    RequestView view =
        new RequestView(
            new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/items"),
            "reviews",
            "http",
            80,
            remote,
            listener.clients());
    VirtualHostRoutes host = listener.hosts().select(view.host);
    assertThat(host.select(view).route().name()).contains("from-web");

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < 200_000; i++) {
      sink += selectAfresh(listener, host, view, remote);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      sink += selectAfresh(listener, host, view, remote);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(sink).isPositive();
    assertThat(allocated).as("bytes allocated by 1M look-ups and selections").isLessThan(1024);
  }

  /** The caller's look-up and the two source conditions, as a request's first selection does. */
  private static int selectAfresh(
      ListenerRoutes listener, VirtualHostRoutes host, RequestView view, InetSocketAddress remote) {
    int found = listener.clients().find(remote) == null ? 0 : 1;
    RouteEntry route = host.select(view);
    return found + route.route().matches().size();
  }

  private static final String SOURCE_ROUTES =
      """
      - name: frontend-in-shop
        match:
          - sourceLabels: {app: frontend}
            sourceNamespace: shop
        route:
          - destination: {host: reviews, subset: v2}
      - name: from-web
        match:
          - sourceNamespace: web
        route:
          - destination: {host: reviews, subset: v3}
      - route:
          - destination: {host: reviews, subset: v1}
      """;

  /** reviews (127.96.9.1:80) over three pods, four client pods, {@code http} on the mesh. */
  private String meshYaml(String http) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: shop}
        spec:
          clusterIP: 127.96.9.1
          selector: {app: reviews}
          ports: [{name: http, port: 80, targetPort: 9090}]
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: reviews, namespace: shop}
        subsets:
          - addresses: [{ip: 127.244.9.1}]
            ports: [{name: http, port: %d}]
          - addresses: [{ip: 127.244.9.2}]
            ports: [{name: http, port: %d}]
          - addresses: [{ip: 127.244.9.3}]
            ports: [{name: http, port: %d}]
        %s%s%s%s%s%s%s
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews
          subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
            - {name: v3, labels: {version: v3}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews]
          http:
        %s
        """
        .formatted(
            v1.port(),
            v2.port(),
            v3.port(),
            pod("reviews-v1", "shop", "{app: reviews, version: v1}", "127.244.9.1"),
            pod("reviews-v2", "shop", "{app: reviews, version: v2}", "127.244.9.2"),
            pod("reviews-v3", "shop", "{app: reviews, version: v3}", "127.244.9.3"),
            pod("frontend", "shop", "{app: frontend}", FRONTEND_IN_SHOP),
            pod("frontend", "web", "{app: frontend}", FRONTEND_IN_WEB),
            pod("batch", "shop", "{app: batch}", BATCH_IN_SHOP),
            pod("admin", "shop", "{app: admin}", ADMIN_IN_SHOP),
            http.indent(4).stripTrailing());
  }

  /**
   * A gateway on 8080 for reviews' pods as a ServiceEntry: {@code /in} for the platform's gateway
   * (v2), {@code /edge} for a gateway labelled app=edge in edge-system (v3), a frontend-only route
   * (v3, never for a gateway), else v1.
   */
  private String gatewayYaml() {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: reviews, namespace: shop}
        spec:
          hosts: [reviews.test]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 9090, name: http, protocol: HTTP}]
          endpoints:
            - {address: 127.244.9.1, ports: {http: %d}, labels: {version: v1}}
            - {address: 127.244.9.2, ports: {http: %d}, labels: {version: v2}}
            - {address: 127.244.9.3, ports: {http: %d}, labels: {version: v3}}
        %s
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 8080, name: http, protocol: HTTP}
              hosts: ["*"]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: shop}
        spec:
          host: reviews.test
          subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
            - {name: v3, labels: {version: v3}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge, namespace: shop}
        spec:
          hosts: ["*"]
          gateways: [gw]
          http:
            - match:
                - sourceLabels: {istio: ingressgateway}
                  sourceNamespace: istio-system
                  uri: {prefix: /in}
              route:
                - destination: {host: reviews.test, subset: v2, port: {number: 9090}}
            - match:
                - sourceLabels: {app: edge}
                  sourceNamespace: edge-system
                  uri: {prefix: /edge}
              route:
                - destination: {host: reviews.test, subset: v3, port: {number: 9090}}
            - match:
                - sourceLabels: {app: frontend}
              route:
                - destination: {host: reviews.test, subset: v3, port: {number: 9090}}
            - route:
                - destination: {host: reviews.test, subset: v1, port: {number: 9090}}
        """
        .formatted(
            v1.port(),
            v2.port(),
            v3.port(),
            pod("frontend", "shop", "{app: frontend}", FRONTEND_IN_SHOP));
  }

  private static String pod(String name, String namespace, String labels, String ip) {
    return """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: %s, labels: %s}
        spec: {containers: [{name: c, image: x}]}
        status: {phase: Running, podIP: %s}
        """
        .formatted(name, namespace, labels, ip)
        .stripTrailing()
        .concat("\n");
  }

  private Backend backend(String name, String address) throws Exception {
    Backend backend = new Backend(name, address);
    backends.add(backend);
    return backend;
  }

  private static RouteTable table(String yaml) {
    return table(yaml, 1);
  }

  private static RouteTable table(String yaml, long version) {
    return Tables.compile(version, yaml);
  }

  private static RouteTable table(String yaml, IngressGateway gateway) {
    return MeshCompiler.compile(
            MeshInputs.builder()
                .version(1)
                .ingressGateway(gateway)
                .addAll(
                    new ManifestDecoder(KindRegistry.standard())
                        .decode(yaml).resources().stream().map(DecodedResource::object).toList())
                .build())
        .table();
  }

  private static MeshProxy start(RouteTable table, boolean mesh) {
    MeshProxy started =
        MeshProxy.start(
            ProxyConfig.builder(
                    listener ->
                        listener.isMesh() == mesh
                            ? List.of(new InetSocketAddress("127.0.0.1", 0))
                            : List.of())
                .eventLoops(1)
                .accessLog(false)
                .build());
    started.update(table);
    return started;
  }

  private static MeshProxy start(RouteTable table) {
    return start(table, false);
  }

  /** Three requests on one connection from {@code from}: the backends that answered. */
  private static List<String> backendsSeenFrom(String from, InetSocketAddress to, String path)
      throws Exception {
    List<String> seen = new ArrayList<>();
    try (KeepAliveClient client = new KeepAliveClient(to, InetAddress.getByName(from))) {
      for (int i = 0; i < 3; i++) {
        String response = client.get(path);
        assertThat(RawHttp.status(response)).isEqualTo(200);
        seen.add(RawHttp.body(response).substring(0, 2));
      }
    }
    return seen;
  }
}
