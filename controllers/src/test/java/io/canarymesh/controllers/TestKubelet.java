package io.canarymesh.controllers;

import io.canarymesh.controllers.runtime.ControllerLoop;
import io.canarymesh.controllers.runtime.Keys;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Stands in for the node runtime in tests: every pod it sees is made Running with an IP from
 * 127.244.0.0/16 and, unless a test holds it back, Ready. A pod being deleted (deletionTimestamp
 * set, when the API server deletes gracefully) is removed at once, as a runtime does once the
 * process stopped.
 */
public final class TestKubelet implements AutoCloseable {
  private final KubernetesClient client;
  private final Clock clock;
  private final SharedIndexInformer<Pod> pods;
  private final ControllerLoop loop;
  private final AtomicInteger nextIp = new AtomicInteger(2);
  private final Map<String, Boolean> readiness = new ConcurrentHashMap<>();
  private volatile Predicate<Pod> startsNotReady = pod -> false;

  private TestKubelet(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.pods = client.pods().inAnyNamespace().runnableInformer(0);
    this.loop = new ControllerLoop("test-kubelet", this::sync);
  }

  public static TestKubelet start(KubernetesClient client, Clock clock) {
    TestKubelet kubelet = new TestKubelet(client, clock);
    kubelet.pods.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            kubelet.loop.enqueue(Keys.of(pod));
          }

          @Override
          public void onUpdate(Pod old, Pod pod) {
            kubelet.loop.enqueue(Keys.of(pod));
          }

          @Override
          public void onDelete(Pod pod, boolean unknown) {}
        });
    try {
      kubelet.pods.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    kubelet.loop.start(2);
    return kubelet;
  }

  /** New pods matching {@code predicate} start Running but not Ready until {@link #setReady}. */
  public void startNotReady(Predicate<Pod> predicate) {
    startsNotReady = predicate;
  }

  /** Flips the Ready condition of pod {@code namespace/name}. */
  public void setReady(String key, boolean ready) {
    readiness.put(key, ready);
    loop.enqueue(key);
  }

  public List<Pod> pods() {
    return pods.getStore().list();
  }

  private Optional<Duration> sync(String key) {
    Pod pod = pods.getStore().getByKey(key);
    if (pod == null) {
      readiness.remove(key);
      return Optional.empty();
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      try {
        client
            .pods()
            .inNamespace(Keys.namespace(key))
            .withName(Keys.name(key))
            .withGracePeriod(0)
            .delete();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
      return Optional.empty();
    }
    boolean ready = readiness.computeIfAbsent(key, k -> !startsNotReady.test(pod));
    PodStatus current = pod.getStatus();
    boolean running = current != null && "Running".equals(current.getPhase());
    boolean isReady =
        running
            && current.getConditions() != null
            && current.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (running && isReady == ready) {
      return Optional.empty();
    }
    Pod copy = client.getKubernetesSerialization().clone(pod);
    copy.setStatus(status(pod, running ? current.getPodIP() : nextIp(), ready));
    client.pods().inNamespace(Keys.namespace(key)).resource(copy).updateStatus();
    return Optional.empty();
  }

  private String nextIp() {
    int n = nextIp.getAndIncrement();
    return "127.244." + (n / 256) + "." + (n % 256);
  }

  private PodStatus status(Pod pod, String ip, boolean ready) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String flag = ready ? "True" : "False";
    PodCondition readyCondition =
        new PodConditionBuilder()
            .withType("Ready")
            .withStatus(flag)
            .withLastTransitionTime(now)
            .build();
    return new PodStatusBuilder()
        .withPhase("Running")
        .withPodIP(ip)
        .withHostIP("127.0.0.1")
        .withStartTime(now)
        .withConditions(
            new PodConditionBuilder()
                .withType("PodScheduled")
                .withStatus("True")
                .withLastTransitionTime(now)
                .build(),
            new PodConditionBuilder()
                .withType("Initialized")
                .withStatus("True")
                .withLastTransitionTime(now)
                .build(),
            new PodConditionBuilder()
                .withType("ContainersReady")
                .withStatus(flag)
                .withLastTransitionTime(now)
                .build(),
            readyCondition)
        .withContainerStatuses(
            pod.getSpec().getContainers().stream()
                .map(
                    c ->
                        new ContainerStatusBuilder()
                            .withName(c.getName())
                            .withImage(c.getImage())
                            .withReady(ready)
                            .withStarted(true)
                            .withRestartCount(0)
                            .withNewState()
                            .withNewRunning()
                            .withStartedAt(now)
                            .endRunning()
                            .endState()
                            .build())
                .toList())
        .build();
  }

  @Override
  public void close() {
    loop.close();
    pods.stop();
  }
}
