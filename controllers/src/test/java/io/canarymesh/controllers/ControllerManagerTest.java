package io.canarymesh.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.apiserver.ControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ControllerManagerTest {
  static final List<String> OUR_THREADS =
      List.of("deployment-", "replicaset-", "endpoints-", "garbage-collector-");

  @TempDir Path dir;

  @Test
  void startPicksUpExistingObjectsAndCloseLeavesNoControllerThread() {
    try (ControlPlane cp =
            ControlPlane.start(dir, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
        KubernetesClient client = TestCluster.client(cp)) {
      // Written before the controllers start: the informers' initial list must bring it in.
      client.resource(Workloads.deployment("early", 2).build()).create();

      ControllerManager manager = ControllerManager.start(client, Clock.systemUTC());
      try {
        assertThat(controllerThreads()).isNotEmpty();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Workloads.pods(client, "early").size() == 2);
      } finally {
        manager.close();
      }
      assertThat(controllerThreads()).isEmpty();
    }
  }

  static List<String> controllerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> OUR_THREADS.stream().anyMatch(name::startsWith))
        .toList();
  }
}
