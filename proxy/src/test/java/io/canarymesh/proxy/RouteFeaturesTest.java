package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route actions and policies beyond plain forwarding, end to end through real sockets. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class RouteFeaturesTest {
  private static final String ROUTES =
      """
      - match: [{uri: {prefix: /old}}]
        redirect: {uri: /new, authority: example.com}
      - match: [{uri: {prefix: /api/}}]
        rewrite: {uri: /v1/}
        headers:
          request: {set: {x-set: a}, add: {x-add: b}, remove: [x-remove]}
          response: {set: {x-resp: c}}
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /slow}}]
        timeout: 0.2s
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /fault}}]
        fault: {abort: {httpStatus: 418, percentage: {value: 100}}}
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /cors}}]
        corsPolicy:
          allowOrigins: [{exact: "https://app.test"}]
          allowMethods: [GET, POST]
          allowHeaders: [x-token]
          exposeHeaders: [x-backend]
          maxAge: 24h
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /mirrored}}]
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
        mirror: {host: api.test, subset: v2, port: {number: 9090}}
        mirrorPercentage: {value: 100}
      - match: [{uri: {prefix: /retried}}]
        retries: {attempts: 3, retryOn: "5xx"}
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /per-try}}]
        retries: {attempts: 2, perTryTimeout: 0.3s, retryOn: "5xx"}
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /not-retried}}]
        retries: {attempts: 0}
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      - match: [{uri: {prefix: /delayed}}]
        fault: {delay: {fixedDelay: 0.3s, percentage: {value: 100}}}
        route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
      """;

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

  private ProxyFixture proxy(String http, String policy) {
    return new ProxyFixture(
        Tables.compile(1, Tables.gatewayYaml(v1.port(), v2.port(), http, policy)));
  }

  @Test
  void redirects() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      String response = RawHttp.get(proxy.address(), "shop.test", "/old/x?q=1");
      assertThat(RawHttp.status(response)).isEqualTo(301);
      assertThat(response).containsIgnoringCase("location: http://example.com/new?q=1");
      assertThat(v1.requests).hasValue(0);
    }
  }

  @Test
  void rewritesThePrefixAndEditsHeadersBothWays() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      HttpResponse<String> response =
          proxy.get("/api/items?x=1", "x-remove", "gone", "x-add", "first");
      assertThat(response.body()).isEqualTo("v1|GET|/v1/items?x=1|0");
      assertThat(response.headers().firstValue("x-resp")).hasValue("c");
      assertThat(v1.lastHeaders)
          .containsEntry("x-set", "a")
          .containsEntry("x-add", "first,b")
          .doesNotContainKey("x-remove");
    }
  }

  @Test
  void aRouteTimeoutAnswers504UT() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      long started = System.nanoTime();
      HttpResponse<String> response = proxy.get("/slow?delay=3000");
      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.body()).isEqualTo("upstream request timeout");
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2500);
      proxy.metricsContaining("response_flags=\"UT\"");
    }
  }

  @Test
  void faultsAbortAndDelay() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      HttpResponse<String> aborted = proxy.get("/fault");
      assertThat(aborted.statusCode()).isEqualTo(418);
      assertThat(v1.requests).hasValue(0);
      long started = System.nanoTime();
      HttpResponse<String> delayed = proxy.get("/delayed");
      assertThat(delayed.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void corsPreflightIsAnsweredAndAllowedOriginsAreMarked() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      String preflight =
          RawHttp.exchange(
              proxy.address(),
              "OPTIONS /cors HTTP/1.1\r\nHost: x\r\nOrigin: https://app.test\r\n"
                  + "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
      assertThat(RawHttp.status(preflight)).isEqualTo(200);
      assertThat(preflight.toLowerCase())
          .contains("access-control-allow-origin: https://app.test")
          .contains("access-control-allow-methods: get,post")
          .contains("access-control-max-age: 86400");
      assertThat(v1.requests).hasValue(0);
      HttpResponse<String> actual = proxy.get("/cors", "origin", "https://app.test");
      assertThat(actual.headers().firstValue("access-control-allow-origin"))
          .hasValue("https://app.test");
      assertThat(actual.headers().firstValue("access-control-expose-headers"))
          .hasValue("x-backend");
      HttpResponse<String> other = proxy.get("/cors", "origin", "https://evil.test");
      assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }

  @Test
  void mirrorsACopyWithItsBodyAndDropsTheAnswer() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> response =
            proxy.client.send(
                java.net.http.HttpRequest.newBuilder(proxy.uri("/mirrored/" + i))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("payload-" + i))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("v1|POST|/mirrored/" + i + "|9");
      }
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> v2.requests.get() == 5);
      assertThat(v2.lastHeaders.get("host")).endsWith("-shadow");
    }
  }

  @Test
  void retries5xxWithTheBodyAndStopsWhenTriesRunOut() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      v1.failNext.set(2);
      HttpResponse<String> retried =
          proxy.client.send(
              java.net.http.HttpRequest.newBuilder(proxy.uri("/retried"))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("abc"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(retried.statusCode()).isEqualTo(200);
      assertThat(retried.body()).isEqualTo("v1|POST|/retried|3");
      assertThat(v1.requests).hasValue(3);

      v1.failNext.set(10);
      assertThat(proxy.get("/retried").statusCode()).isEqualTo(503);
      assertThat(v1.requests).hasValue(7); // 1 try + 3 retries
      assertThat(proxy.get("/not-retried").statusCode()).isEqualTo(503);
      assertThat(v1.requests).hasValue(8);
    }
  }

  @Test
  void aSlowTryIsAbandonedAfterItsPerTryTimeoutAndRetried() throws Exception {
    try (ProxyFixture proxy = proxy(ROUTES, "")) {
      v1.slowNext.set(1);
      long started = System.nanoTime();
      HttpResponse<String> response = proxy.get("/per-try");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4000);
      assertThat(v1.requests).hasValue(2);
      v1.slowNext.set(5);
      assertThat(proxy.get("/per-try").statusCode()).isEqualTo(504); // 3 slow tries
    }
  }

  @Test
  void aMissingHashCookieIsGeneratedAndThenSticks() throws Exception {
    String cookie =
        "trafficPolicy:\n  loadBalancer:\n    consistentHash:\n"
            + "      httpCookie: {name: canary-user, path: /, ttl: 3600s}";
    try (ProxyFixture proxy = proxy(Tables.SPLIT_70_30, cookie)) {
      for (int user = 0; user < 20; user++) {
        HttpResponse<String> first = proxy.get("/c");
        String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).startsWith("canary-user=").contains("Max-Age=3600");
        String pair = setCookie.substring(0, setCookie.indexOf(';'));
        for (int again = 0; again < 3; again++) {
          HttpResponse<String> next = proxy.get("/c", "cookie", pair);
          assertThat(next.body().substring(0, 2)).isEqualTo(first.body().substring(0, 2));
          assertThat(next.headers().firstValue("set-cookie")).isEmpty();
        }
      }
    }
  }

  @Test
  void versionStickinessKeepsUsersAndOnlyMovesThemForward() throws Exception {
    String sticky = "trafficPolicy:\n  loadBalancer:\n    consistentHash: {httpHeaderName: x-user}";
    Map<String, String> before = new HashMap<>();
    try (ProxyFixture proxy = proxy(Tables.SPLIT_70_30, sticky)) {
      for (int user = 0; user < 200; user++) {
        String first = proxy.get("/s", "x-user", "user-" + user).body().substring(0, 2);
        String again = proxy.get("/s", "x-user", "user-" + user).body().substring(0, 2);
        assertThat(again).isEqualTo(first);
        before.put("user-" + user, first);
      }
      long onV2 = before.values().stream().filter("v2"::equals).count();
      assertThat(onV2).isBetween(40L, 80L); // about 30% of 200
      proxy.proxy.update(
          Tables.compile(
              2,
              Tables.gatewayYaml(
                  v1.port(),
                  v2.port(),
                  Tables.SPLIT_70_30.replace("70", "50").replace("30", "50"),
                  sticky)));
      for (Map.Entry<String, String> user : before.entrySet()) {
        String now = proxy.get("/s", "x-user", user.getKey()).body().substring(0, 2);
        if (user.getValue().equals("v2")) {
          assertThat(now).as(user.getKey()).isEqualTo("v2");
        }
      }
    }
  }
}
