package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service proxy in front of a Kubernetes Service (a mesh listener, as `canary up` binds on the
 * ClusterIP), compiled from the article's kind of resources: pods with version labels, a
 * VirtualService bound to {@code mesh} splitting 70/30 between DestinationRule subsets.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class MeshListenerTest {
  private static String yaml(int v1Port, int v2Port) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: micro-api, namespace: default}
        spec:
          clusterIP: 127.96.0.10
          selector: {app: micro-api}
          ports: [{name: http, port: 19090, targetPort: 9090}]
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: micro-api, namespace: default}
        subsets:
          - addresses: [{ip: 127.0.0.2}]
            ports: [{name: http, port: %d}]
          - addresses: [{ip: 127.0.0.3}]
            ports: [{name: http, port: %d}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: v1, namespace: default, labels: {app: micro-api, version: v1}}
        spec: {containers: [{name: c, image: x}]}
        status: {podIP: 127.0.0.2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: v2, namespace: default, labels: {app: micro-api, version: v2}}
        spec: {containers: [{name: c, image: x}]}
        status: {podIP: 127.0.0.3}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: micro-api, namespace: default}
        spec:
          hosts: [micro-api]
          http:
            - route:
                - {destination: {host: micro-api, subset: v1}, weight: 70}
                - {destination: {host: micro-api, subset: v2}, weight: 30}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: micro-api, namespace: default}
        spec:
          host: micro-api
          subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
        """
        .formatted(v1Port, v2Port);
  }

  @Test
  void splitsServiceTrafficOnTheMeshListener() throws Exception {
    try (Backend v1 = new Backend("v1", "127.0.0.2");
        Backend v2 = new Backend("v2", "127.0.0.3")) {
      RouteTable table = Tables.compile(1, yaml(v1.port(), v2.port()));
      assertThat(table.listeners()).extracting(Listener::name).contains("127.96.0.10_19090");
      MeshProxy proxy =
          MeshProxy.start(
              ProxyConfig.builder(
                      listener ->
                          listener.isMesh()
                              ? List.of(new InetSocketAddress("127.0.0.1", 0))
                              : List.of())
                  .eventLoops(1)
                  .accessLog(false)
                  .build());
      try {
        proxy.update(table);
        InetSocketAddress address = proxy.address("127.96.0.10_19090");
        Map<String, Integer> counts = new HashMap<>();
        try (KeepAliveClient client = new KeepAliveClient(address)) {
          for (int i = 0; i < 100; i++) {
            String response = client.get("/test/test");
            counts.merge(RawHttp.body(response).substring(0, 2), 1, Integer::sum);
          }
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 70, "v2", 30));
      } finally {
        proxy.close();
      }
    }
  }
}
