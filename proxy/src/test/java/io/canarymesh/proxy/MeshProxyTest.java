package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class MeshProxyTest {
  private Backend v1;
  private Backend v2;

  @BeforeEach
  void backends() throws Exception {
    v1 = new Backend("v1");
    v2 = new Backend("v2");
  }

  @AfterEach
  void stop() {
    v1.close();
    v2.close();
  }

  private ProxyFixture proxy(String http) {
    return new ProxyFixture(Tables.compile(1, Tables.gatewayYaml(v1.port(), v2.port(), http, "")));
  }

  @Test
  void splits70to30ExactlyOver100ConsecutiveRequests() throws Exception {
    try (ProxyFixture proxy = proxy(Tables.SPLIT_70_30)) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < 100; i++) {
        HttpResponse<String> response = proxy.get("/test/test?i=" + i);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("|GET|/test/test?i=" + i + "|0");
        counts.merge(response.headers().firstValue("x-backend").orElseThrow(), 1, Integer::sum);
      }
      assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 70, "v2", 30));
      proxy.metricsContaining(
          "istio_requests_total{destination_service=\"api.test\",destination_version=\"v1\","
              + "destination_workload=\"unknown\",reporter=\"source\",response_code=\"200\","
              + "response_flags=\"-\",source_workload=\"istio-ingressgateway\"} 70.0",
          "istio_request_duration_milliseconds_bucket{");
    }
  }

  @Test
  void routesInOrderByHeaderAndPathAndAnswers404WithoutRoute() throws Exception {
    String http =
        """
        - match: [{uri: {prefix: /direct}}]
          directResponse: {status: 418, body: {string: teapot}}
        - match: [{headers: {x-canary: {exact: "yes"}}}]
          route: [{destination: {host: api.test, subset: v2, port: {number: 9090}}}]
        - match: [{uri: {exact: /only}}, {uri: {regex: "/re/[0-9]+"}}]
          route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
        """;
    try (ProxyFixture proxy = proxy(http)) {
      HttpResponse<String> direct = proxy.get("/direct/x");
      assertThat(direct.statusCode()).isEqualTo(418);
      assertThat(direct.body()).isEqualTo("teapot");
      assertThat(proxy.get("/only", "x-canary", "yes").body()).startsWith("v2|");
      assertThat(proxy.get("/only").body()).startsWith("v1|");
      assertThat(proxy.get("/re/42?q=1").body()).startsWith("v1|GET|/re/42?q=1");
      assertThat(proxy.get("/re/x").statusCode()).isEqualTo(404);
      assertThat(proxy.get("/only/more").statusCode()).isEqualTo(404);
      proxy.metricsContaining("response_code=\"404\",response_flags=\"NR\"");
    }
  }

  @Test
  void addsForwardingHeadersAndKeepsAGivenRequestId() throws Exception {
    try (ProxyFixture proxy = proxy(Tables.ALL_TO_V1)) {
      proxy.get("/echo-headers", "x-forwarded-for", "10.0.0.1");
      assertThat(v1.lastHeaders).containsEntry("x-forwarded-for", "10.0.0.1, 127.0.0.1");
      assertThat(v1.lastHeaders).containsEntry("x-forwarded-proto", "http");
      assertThat(v1.lastHeaders.get("x-request-id")).matches("[0-9a-f-]{36}");
      proxy.get("/echo-headers", "x-request-id", "abc");
      assertThat(v1.lastHeaders).containsEntry("x-request-id", "abc");
    }
  }

  @Test
  void answers503NoHealthyUpstreamForAnEmptySubset() throws Exception {
    String yaml =
        Tables.gatewayYaml(
                v1.port(),
                v2.port(),
                "- route: [{destination: {host: api.test, subset: v3, port: {number: 9090}}}]",
                "")
            .replace(
                "- {name: v2, labels: {version: v2}}",
                "- {name: v2, labels: {version: v2}}\n    - {name: v3, labels: {version: v3}}");
    try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml))) {
      HttpResponse<String> response = proxy.get("/x");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("no healthy upstream");
      proxy.metricsContaining("response_flags=\"UH\"");
    }
  }

  @Test
  void answers503ConnectFailureAfterRetriesAndOthersKeepWorking() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String http =
        """
        - match: [{uri: {prefix: /dead}}]
          route: [{destination: {host: api.test, subset: v2, port: {number: 9090}}}]
        - route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
        """;
    try (ProxyFixture proxy =
        new ProxyFixture(Tables.compile(1, Tables.gatewayYaml(v1.port(), closedPort, http, "")))) {
      HttpResponse<String> dead = proxy.get("/dead");
      assertThat(dead.statusCode()).isEqualTo(503);
      assertThat(dead.body()).contains("connection failure");
      assertThat(proxy.get("/alive").body()).startsWith("v1|");
      proxy.metricsContaining("response_flags=\"UF,URX\"");
    }
  }

  @Test
  void answersPipelinedRequestsInOrderAndHttp10() throws Exception {
    try (ProxyFixture proxy = proxy(Tables.ALL_TO_V1)) {
      String both =
          RawHttp.exchange(
              proxy.address(),
              "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                  + "GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(both).containsSubsequence("v1|GET|/first|0", "v1|GET|/second|0");
      String old = RawHttp.exchange(proxy.address(), "GET /old HTTP/1.0\r\n\r\n");
      assertThat(old).startsWith("HTTP/1.0 200").endsWith("v1|GET|/old|0");
    }
  }

  @Test
  void httpsRedirectServerAnswers301ToHttps() throws Exception {
    String yaml =
        Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")
            .replace(
                "      hosts: [\"*\"]\n---",
                "      hosts: [\"*\"]\n      tls: {httpsRedirect: true}\n---");
    try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml))) {
      String response = RawHttp.get(proxy.address(), "shop.test:8080", "/cart?x=1");
      assertThat(RawHttp.status(response)).isEqualTo(301);
      assertThat(response).containsIgnoringCase("location: https://shop.test/cart?x=1");
      assertThat(v1.requests).hasValue(0);
    }
  }
}
