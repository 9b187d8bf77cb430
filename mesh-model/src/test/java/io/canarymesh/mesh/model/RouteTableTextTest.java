package io.canarymesh.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTextTest {

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT0.025S, 25ms",
    "PT0.0000015S, 1500ns",
    "PT0.000002S, 2us",
    "PT1.5S, 1.5s",
    "PT10S, 10s",
    "PT1M30S, 1m30s",
    "PT1H, 1h",
    "PT24H, 24h",
  })
  void durationsAreWrittenAsIstioWritesThem(String iso, String text) {
    assertThat(RouteTableText.duration(Duration.parse(iso))).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void emptyTable() {
    assertThat(RouteTableText.render(RouteTable.empty())).isEqualTo("route table version 0\n");
  }

  @org.junit.jupiter.api.Test
  void clientWorkloadsFollowTheClustersOneALine() {
    RouteTable table =
        new RouteTable(
            3,
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of(
                new ClientWorkload(
                    "127.244.0.11", "web", java.util.Map.of("app", "frontend", "version", "v2")),
                new ClientWorkload("127.244.0.10", "default", java.util.Map.of())));
    assertThat(RouteTableText.render(table))
        .isEqualTo(
            """
            route table version 3

            client 127.244.0.10 namespace=default {}
            client 127.244.0.11 namespace=web {app=frontend, version=v2}
            """);
  }
}
