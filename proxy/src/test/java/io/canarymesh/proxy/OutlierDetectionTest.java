package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class OutlierDetectionTest {
  private Backend good;
  private Backend bad;

  @BeforeEach
  void backends() throws Exception {
    good = new Backend("good");
    bad = new Backend("bad");
    bad.failing = true;
  }

  @AfterEach
  void stop() {
    good.close();
    bad.close();
  }

  @Test
  void anEndpointFailingInARowIsEjectedAndTheRestServe() throws Exception {
    String policy =
        """
        trafficPolicy:
          loadBalancer: {simple: ROUND_ROBIN}
          outlierDetection:
            consecutive5xxErrors: 2
            interval: 1s
            baseEjectionTime: 60s
            maxEjectionPercent: 50
        """;
    String route = "- route: [{destination: {host: api.test, port: {number: 9090}}}]";
    try (ProxyFixture proxy =
        new ProxyFixture(
            Tables.compile(1, Tables.gatewayYaml(good.port(), bad.port(), route, policy)))) {
      int failures = 0;
      for (int i = 0; i < 20; i++) {
        if (proxy.get("/o").statusCode() == 500) {
          failures++;
        }
      }
      assertThat(failures).isEqualTo(2);
      assertThat(bad.requests).hasValue(2);
      assertThat(good.requests).hasValue(18);
      proxy.metricsContaining(
          "canary_outlier_ejections_total{cluster=\"outbound|9090||api.test\"} 1.0");
    }
  }
}
