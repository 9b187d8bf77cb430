package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodDeletionOrderTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  /** Each pair: the first is deleted before the second. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unassigned before assigned | -,Running,ready@0,0,0 | node,Running,ready@0,0,0",
        "pending before unknown | node,Pending,-,0,0 | node,Unknown,-,0,0",
        "unknown before running | node,Unknown,-,0,0 | node,Running,-,0,0",
        "not ready before ready | node,Running,-,0,0 | node,Running,ready@0,0,0",
        "ready for less time first | node,Running,ready@30,0,0 | node,Running,ready@10,0,0",
        "unset ready time first | node,Running,ready@-,0,0 | node,Running,ready@10,0,0",
        "more restarts first | node,Running,ready@10,3,0 | node,Running,ready@10,1,0",
        "newer first | node,Running,ready@10,0,20 | node,Running,ready@10,0,5",
        "unset creation time first | node,Running,ready@10,0,- | node,Running,ready@10,0,5",
        "readiness outranks restarts | node,Running,-,0,0 | node,Running,ready@10,9,0",
      })
  void ranks(String rule, String first, String second) {
    Pod a = pod("a", first);
    Pod b = pod("b", second);

    assertThat(PodDeletionOrder.INSTANCE.compare(a, b)).as(rule).isNegative();
    assertThat(PodDeletionOrder.INSTANCE.compare(b, a)).as(rule).isPositive();
  }

  @Test
  void sortsAReplicaSetsPodsCheapestFirst() {
    List<Pod> pods =
        new ArrayList<>(
            List.of(
                pod("old-ready", "node,Running,ready@0,0,0"),
                pod("new-ready", "node,Running,ready@50,0,40"),
                pod("starting", "node,Running,-,0,60"),
                pod("pending", "-,Pending,-,0,70")));

    pods.sort(PodDeletionOrder.INSTANCE);

    assertThat(pods)
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("pending", "starting", "new-ready", "old-ready");
  }

  @ParameterizedTest
  @CsvSource({
    "ready@0, 0, 0, true",
    "ready@0, 5, 5, false",
    "ready@0, 5, 6, true",
    "-, 0, 100, false",
    "ready@-, 5, 100, false",
    "ready@-, 0, 100, true"
  })
  void availabilityNeedsReadinessForLongerThanMinReadySeconds(
      String ready, int minReadySeconds, int nowSecond, boolean expected) {
    Pod pod = pod("p", "node,Running," + ready + ",0,0");

    assertThat(PodAvailability.isAvailable(pod, minReadySeconds, T0.plusSeconds(nowSecond)))
        .isEqualTo(expected);
  }

  @Test
  void activePodsAreNeitherFinishedNorDeleted() {
    assertThat(PodAvailability.isActive(pod("p", "node,Running,-,0,0"))).isTrue();
    assertThat(PodAvailability.isActive(pod("p", "node,Succeeded,-,0,0"))).isFalse();
    assertThat(PodAvailability.isActive(pod("p", "node,Failed,-,0,0"))).isFalse();
    Pod deleting = pod("p", "node,Running,-,0,0");
    deleting.getMetadata().setDeletionTimestamp(T0.toString());
    assertThat(PodAvailability.isActive(deleting)).isFalse();
  }

  /**
   * {@code node,phase,ready,restarts,created}: "-" unset; ready "ready@S" (S "-" unset) or "-" not
   * ready.
   */
  static Pod pod(String name, String spec) {
    String[] f = spec.split(",");
    PodBuilder builder =
        new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
    if (!f[4].equals("-")) {
      builder
          .editMetadata()
          .withCreationTimestamp(T0.plusSeconds(Integer.parseInt(f[4])).toString())
          .endMetadata();
    }
    if (!f[0].equals("-")) {
      builder.editSpec().withNodeName(f[0]).endSpec();
    }
    boolean ready = f[2].startsWith("ready@");
    String since =
        ready && !f[2].equals("ready@-")
            ? T0.plusSeconds(Integer.parseInt(f[2].substring(6))).toString()
            : null;
    return builder
        .withNewStatus()
        .withPhase(f[1])
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(since)
        .endCondition()
        .addNewContainerStatus()
        .withName("c")
        .withRestartCount(Integer.parseInt(f[3]))
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
