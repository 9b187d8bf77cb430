package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
  private static final String GATEWAY =
      """
      apiVersion: networking.istio.io/v1beta1
      kind: Gateway
      metadata: {name: gw, namespace: default}
      spec:
        selector: {istio: ingressgateway}
        servers:
          - port: {number: %d, name: http, protocol: HTTP}
            hosts: ["*"]
      """;

  @TempDir Path dir;

  @Test
  void loadsAtStartAndReloadsOnChange() throws Exception {
    Files.writeString(dir.resolve("gateway.yaml"), GATEWAY.formatted(8080));
    List<DirectorySource.Outcome> outcomes = new CopyOnWriteArrayList<>();
    try (DirectorySource source =
        DirectorySource.start(
            dir, IngressGateway.standalone(), outcomes::add, Duration.ofMillis(20))) {
      assertThat(outcomes).hasSize(1);
      assertThat(((DirectorySource.Loaded) outcomes.get(0)).table().listeners())
          .extracting(l -> l.port())
          .containsExactly(8080);
      Files.writeString(dir.resolve("gateway.yaml"), GATEWAY.formatted(8081));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  outcomes.getLast() instanceof DirectorySource.Loaded loaded
                      && loaded.table().listeners().getFirst().port() == 8081);
      assertThat(((DirectorySource.Loaded) outcomes.getLast()).table().version()).isGreaterThan(1);
    }
  }

  @Test
  void aBadFileIsRejectedNamingTheFileAndField() throws Exception {
    Files.writeString(dir.resolve("gateway.yaml"), GATEWAY.formatted(8080));
    Files.writeString(
        dir.resolve("broken.yaml"),
        """
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: vs, namespace: default}
        spec:
          hostz: [x]
        """);
    DirectorySource.Outcome outcome = DirectorySource.load(dir, IngressGateway.standalone(), 7);
    assertThat(outcome).isInstanceOf(DirectorySource.Rejected.class);
    assertThat(((DirectorySource.Rejected) outcome).errors())
        .singleElement()
        .asString()
        .contains("broken.yaml")
        .contains("hostz");
    Files.delete(dir.resolve("broken.yaml"));
    assertThat(DirectorySource.load(dir, IngressGateway.standalone(), 8))
        .isInstanceOf(DirectorySource.Loaded.class);
  }
}
