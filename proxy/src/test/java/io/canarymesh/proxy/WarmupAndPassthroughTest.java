package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Slow start of a newly added endpoint, and PASSTHROUGH, against two real backends. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class WarmupAndPassthroughTest {
  private Backend old;
  private Backend fresh;

  @BeforeEach
  void start() throws Exception {
    old = new Backend("old");
    fresh = new Backend("new");
  }

  @AfterEach
  void stop() {
    old.close();
    fresh.close();
  }

  private String both(String loadBalancer) {
    return Tables.loadBalancedYaml(List.of(old.port(), fresh.port()), loadBalancer);
  }

  /** How many of {@code n} requests the new backend served. */
  private int toFresh(ProxyFixture proxy, int n) throws Exception {
    int before = fresh.requests.get();
    for (int i = 0; i < n; i++) {
      assertThat(proxy.get("/w").statusCode()).isEqualTo(200);
    }
    return fresh.requests.get() - before;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ROUND_ROBIN", "LEAST_REQUEST"})
  void anEndpointAddedLaterWarmsUpAcrossTableSwaps(String algorithm) throws Exception {
    String lb = "{simple: " + algorithm + ", warmup: {duration: 60s, minimumPercent: 10}}";
    try (ProxyFixture proxy =
        new ProxyFixture(Tables.compile(1, Tables.loadBalancedYaml(List.of(old.port()), lb)))) {
      assertThat(toFresh(proxy, 5)).isZero();
      proxy.proxy.update(Tables.compile(2, both(lb)));
      // weights 1 and 0.1 for the first 6 s: about 1 in 11, where a fair split would give 30
      assertThat(toFresh(proxy, 60)).isBetween(2, 12);
      proxy.proxy.update(Tables.compile(3, both(lb.replace("60s", "61s"))));
      assertThat(toFresh(proxy, 60)).as("still warming after a swap").isBetween(2, 12);
    }
  }

  @Test
  void endpointsPresentAtStartDoNotWarm() throws Exception {
    String lb = "{simple: ROUND_ROBIN, warmup: {duration: 60s}}";
    try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, both(lb)))) {
      assertThat(toFresh(proxy, 40)).isEqualTo(20);
    }
  }

  @Test
  void afterTheWindowTheNewEndpointGetsItsFullShare() throws Exception {
    String lb = "{simple: ROUND_ROBIN, warmupDurationSecs: 2s}";
    try (ProxyFixture proxy =
        new ProxyFixture(Tables.compile(1, Tables.loadBalancedYaml(List.of(old.port()), lb)))) {
      proxy.proxy.update(Tables.compile(2, both(lb)));
      // within the first second its weight is max(0.1, 1 s / 2 s) = 0.5: a third, not half
      assertThat(toFresh(proxy, 30)).isLessThanOrEqualTo(13);
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> toFresh(proxy, 40) == 20); // plain round robin again
    }
  }

  @Test
  void passthroughBalancesRandomlyAsKubeProxyWouldBehindTheClusterIp() throws Exception {
    try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, both("{simple: PASSTHROUGH}")))) {
      StringBuilder sequence = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        sequence.append(proxy.get("/p").headers().firstValue("x-backend").orElseThrow().charAt(0));
      }
      long toNew = sequence.chars().filter(c -> c == 'n').count();
      assertThat(toNew).isBetween(60L, 140L);
      // round robin would alternate exactly; random draws repeat
      assertThat(sequence.toString()).containsAnyOf("nnn", "ooo");
    }
  }
}
