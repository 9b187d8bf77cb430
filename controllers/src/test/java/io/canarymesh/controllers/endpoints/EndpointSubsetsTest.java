package io.canarymesh.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSubsetsTest {
  @Test
  void theArticlesServiceTargetsPort9090OnEveryPodWhateverItsContainerPort() {
    Service service = service(new IntOrString(9090));
    List<EndpointSubset> subsets =
        EndpointSubsets.of(
            service,
            List.of(
                pod("b", "127.244.0.3", true, null),
                pod("a", "127.244.0.2", true, null),
                pod("c", "127.244.0.4", false, null)));
    assertThat(subsets)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getAddresses())
                  .extracting(a -> a.getIp())
                  .containsExactly("127.244.0.2", "127.244.0.3");
              assertThat(s.getNotReadyAddresses())
                  .extracting(a -> a.getIp())
                  .containsExactly("127.244.0.4");
              assertThat(s.getPorts())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.getPort()).isEqualTo(9090);
                        assertThat(p.getName()).isEqualTo("http");
                        assertThat(p.getProtocol()).isEqualTo("TCP");
                      });
              assertThat(s.getAddresses().getFirst().getTargetRef().getName()).isEqualTo("a");
            });
  }

  @Test
  void podsWithoutAnIpOrBeingDeletedAreLeftOut() {
    Pod noIp = pod("a", null, true, null);
    Pod deleting = pod("b", "127.244.0.3", true, null);
    deleting.getMetadata().setDeletionTimestamp("2026-01-02T10:00:00Z");
    assertThat(EndpointSubsets.of(service(new IntOrString(9090)), List.of(noIp, deleting)))
        .isEmpty();
  }

  @Test
  void aNamedTargetPortResolvesToEachPodsContainerPortOfThatName() {
    List<EndpointSubset> subsets =
        EndpointSubsets.of(
            service(new IntOrString("web")),
            List.of(pod("a", "127.244.0.2", true, "web"), pod("b", "127.244.0.3", true, null)));
    assertThat(subsets)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getAddresses())
                  .extracting(a -> a.getIp())
                  .containsExactly("127.244.0.2");
              assertThat(s.getPorts().getFirst().getPort()).isEqualTo(19090);
            });
  }

  @Test
  void publishNotReadyAddressesListsNotReadyPodsAsAddresses() {
    Service service = service(new IntOrString(9090));
    service.getSpec().setPublishNotReadyAddresses(true);
    List<EndpointSubset> subsets =
        EndpointSubsets.of(service, List.of(pod("a", "127.244.0.2", false, null)));
    assertThat(subsets)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getAddresses())
                  .extracting(a -> a.getIp())
                  .containsExactly("127.244.0.2");
              assertThat(s.getNotReadyAddresses()).isNull();
            });
  }

  static Service service(IntOrString targetPort) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("micro-api")
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app", "micro-api"))
        .addNewPort()
        .withName("http")
        .withPort(19090)
        .withTargetPort(targetPort)
        .endPort()
        .endSpec()
        .build();
  }

  static Pod pod(String name, String ip, boolean ready, String portName) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withUid("uid-" + name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .addNewPort()
        .withName(portName)
        .withContainerPort(19090)
        .endPort()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP(ip)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
