package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServicePrinterTest {

  /** The article's Service (micro-api.yaml) once the server assigned it a cluster IP. */
  @Test
  void microApiService() {
    String service =
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: micro-api
          creationTimestamp: "2025-05-29T08:00:00Z"
        spec:
          type: ClusterIP
          clusterIP: 10.110.169.161
          clusterIPs: [10.110.169.161]
          ports:
            - {name: http, port: 19090, targetPort: 9090, protocol: TCP}
          selector: {app: micro-api}
        status: {loadBalancer: {}}
        """;

    assertThat(cells("services", service))
        .isEqualTo(
            """
            ["micro-api","ClusterIP","10.110.169.161","<none>","19090/TCP","3d4h","app=micro-api"]""");
  }

  /** The platform's ingress gateway: a LoadBalancer whose ingress IP is 127.0.0.1. */
  @Test
  void istioIngressGateway() {
    String service =
        """
        metadata:
          name: istio-ingressgateway
          namespace: istio-system
          creationTimestamp: "2025-05-01T12:00:00Z"
          labels: {app: istio-ingressgateway, istio: ingressgateway}
        spec:
          type: LoadBalancer
          clusterIP: 127.96.0.10
          clusterIPs: [127.96.0.10]
          ports:
            - {name: status-port, port: 15021, targetPort: 15021, nodePort: 30521, protocol: TCP}
            - {name: http2, port: 80, targetPort: 8080, nodePort: 32113, protocol: TCP}
            - {name: https, port: 443, targetPort: 8443, nodePort: 31390, protocol: TCP}
          selector: {app: istio-ingressgateway, istio: ingressgateway}
        status:
          loadBalancer:
            ingress: [{ip: 127.0.0.1}]
        """;

    assertThat(cells("services", service))
        .isEqualTo(
            """
            ["istio-ingressgateway","LoadBalancer","127.96.0.10","127.0.0.1",\
            "15021:30521/TCP,80:32113/TCP,443:31390/TCP","31d",\
            "app=istio-ingressgateway,istio=ingressgateway"]""");
  }

  /** TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S) of other shapes of service. */
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void otherServices(String name, String spec, String expected) {
    String service = "metadata: {name: s}\n" + spec;
    String cells = cells("services", service);

    assertThat(cells.substring(cells.indexOf(',') + 1, cells.lastIndexOf(",\"<unknown>\"")))
        .isEqualTo(expected);
  }

  static Stream<Arguments> otherServices() {
    return Stream.of(
        Arguments.of(
            "load balancer still pending",
            "spec: {type: LoadBalancer, clusterIPs: [10.0.0.5], ports: [{port: 80, nodePort: 30080, protocol: TCP}]}",
            """
            "LoadBalancer","10.0.0.5","<pending>","80:30080/TCP\""""),
        Arguments.of(
            "load balancer with host names, IPs (sorted, deduplicated) and external IPs",
            """
            spec: {type: LoadBalancer, clusterIPs: [10.0.0.5], externalIPs: [192.0.2.9], ports: [{port: 80, protocol: TCP}]}
            status: {loadBalancer: {ingress: [{ip: 203.0.113.7}, {hostname: lb.example.com}, {ip: 198.51.100.1}, {ip: 203.0.113.7}]}}
            """,
            """
            "LoadBalancer","10.0.0.5","198.51.100.1,203.0.113.7,lb.example.com,192.0.2.9","80/TCP\""""),
        Arguments.of(
            "node port with external IPs",
            "spec: {type: NodePort, clusterIPs: [10.0.0.6], externalIPs: [192.0.2.1, 192.0.2.2], ports: [{port: 53, nodePort: 30053, protocol: UDP}]}",
            """
            "NodePort","10.0.0.6","192.0.2.1,192.0.2.2","53:30053/UDP\""""),
        Arguments.of(
            "external name",
            "spec: {type: ExternalName, externalName: api.example.com}",
            """
            "ExternalName","<none>","api.example.com","<none>\""""),
        Arguments.of(
            "headless",
            "spec: {type: ClusterIP, clusterIP: None, clusterIPs: [None], ports: [{port: 9090, protocol: TCP}]}",
            """
            "ClusterIP","None","<none>","9090/TCP\""""),
        Arguments.of(
            "only spec.clusterIP, no protocol, no type",
            "spec: {clusterIP: 10.0.0.7, ports: [{port: 8080}, {port: 8443}]}",
            """
            "ClusterIP","10.0.0.7","<none>","8080/TCP,8443/TCP\""""));
  }
}
