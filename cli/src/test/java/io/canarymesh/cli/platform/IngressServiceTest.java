package io.canarymesh.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.apiserver.ControlPlane;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngressServiceTest {
  @TempDir Path dir;

  @Test
  void theIngressServiceIsALoadBalancerOnTheNodeAndSurvivesARestart() {
    Service first;
    try (ControlPlane controlPlane =
            ControlPlane.start(dir, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
        KubernetesClient client = PlatformClient.of(controlPlane)) {
      first = IngressService.ensure(client);
      Service stored =
          client.services().inNamespace("istio-system").withName("istio-ingressgateway").get();
      assertThat(stored.getSpec().getType()).isEqualTo("LoadBalancer");
      assertThat(stored.getSpec().getSelector()).containsEntry("istio", "ingressgateway");
      assertThat(stored.getSpec().getClusterIP()).startsWith("127.");
      assertThat(stored.getStatus().getLoadBalancer().getIngress().get(0).getIp())
          .isEqualTo("127.0.0.1");
      assertThat(IngressService.nodePort(stored, 80))
          .get()
          .satisfies(p -> assertThat(p).isBetween(30000, 32767));
      assertThat(IngressService.nodePort(stored, 443)).isPresent();
      assertThat(IngressService.nodePort(stored, 8080)).isEmpty();
    }
    try (ControlPlane controlPlane =
            ControlPlane.start(dir, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
        KubernetesClient client = PlatformClient.of(controlPlane)) {
      Service again = IngressService.ensure(client);
      assertThat(again.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
      assertThat(IngressService.nodePort(again, 80)).isEqualTo(IngressService.nodePort(first, 80));
    }
  }
}
