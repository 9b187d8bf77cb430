package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's work for one pod, on its own (virtual) thread: bind it to the node, give it an IP,
 * run its containers, write its status when it changes, and on deletion leave endpoints, stop the
 * containers gracefully and remove the pod. Informer threads only hand it the newest pod object and
 * wake it; they never wait on it.
 */
final class PodWorker implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PodWorker.class);
  private static final String HOST_IP = "127.0.0.1";
  private static final Duration MAX_IDLE = Duration.ofSeconds(1);

  /** What the runtime shares with its workers. */
  record Shared(
      KubernetesClient client,
      NodeConfig config,
      PodIpAllocator ips,
      EndpointsView endpoints,
      Runnable onFinished) {}

  private enum Ending {
    NONE,
    GONE,
    NODE_STOPPING
  }

  private final Shared shared;
  private final String uid;
  private final AtomicReference<Pod> latest;
  private final LinkedBlockingQueue<Boolean> signals = new LinkedBlockingQueue<>();
  private final AtomicReference<Ending> ending = new AtomicReference<>(Ending.NONE);
  private final List<ContainerRunner> initRunners = new ArrayList<>();
  private final List<ContainerRunner> runners = new ArrayList<>();
  private final Map<String, PodCondition> conditions = new HashMap<>();
  private final PodEvents events;
  private String podIp;
  private Instant startTime;
  private String written;

  PodWorker(Shared shared, Pod pod) {
    this.shared = shared;
    this.uid = pod.getMetadata().getUid();
    this.latest = new AtomicReference<>(pod);
    this.events = new PodEvents(shared.client(), latest::get, shared.config().nodeName());
  }

  // ---- called from informer threads and the runtime

  void update(Pod pod) {
    latest.set(pod);
    wake();
  }

  /** The pod object is gone from the API (force-deleted): stop its containers, write nothing. */
  void gone() {
    ending.compareAndSet(Ending.NONE, Ending.GONE);
    wake();
  }

  /** The runtime is closing: stop the containers gracefully, keep the pod object. */
  void nodeStopping() {
    ending.set(Ending.NODE_STOPPING);
    wake();
  }

  private void wake() {
    signals.offer(Boolean.TRUE);
  }

  // ---- the worker thread

  @Override
  public void run() {
    try {
      if (!bind() || finished(latest.get())) {
        return;
      }
      prepare();
      loop();
    } catch (RuntimeException e) {
      log.error("pod {} failed in the runtime", name(), e);
      stopContainers(Instant.now());
    } finally {
      shared.ips().release(uid);
      shared.onFinished().run();
    }
  }

  private void loop() {
    while (true) {
      Pod pod = latest.get();
      Ending end = ending.get();
      if (end != Ending.NONE) {
        stopContainers(Instant.now().plus(grace(pod)));
        return;
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        terminate(pod);
        return;
      }
      Instant now = Instant.now();
      Instant next = now.plus(MAX_IDLE);
      for (ContainerRunner runner : initRunners) {
        if (runner.succeeded()) {
          continue;
        }
        Instant wanted = runner.step(now);
        next = wanted.isBefore(next) ? wanted : next;
        if (!runner.succeeded()) {
          break; // init containers run one at a time, in order
        }
      }
      if (initRunners.stream().allMatch(ContainerRunner::succeeded)) {
        for (ContainerRunner runner : runners) {
          Instant wanted = runner.step(now);
          next = wanted.isBefore(next) ? wanted : next;
        }
      }
      writeStatus(false);
      await(Duration.between(Instant.now(), next));
    }
  }

  /**
   * A pod that has Succeeded or Failed stays so: a new runtime does not run it again (its deletion
   * needs no kubelet: the API server removes finished pods at once).
   */
  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Binds an unscheduled pod to this node (the runtime is the scheduler); false to give up. */
  private boolean bind() {
    Pod pod = latest.get();
    String node = pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty()) {
      return true;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    try {
      PodBinding.bind(shared.client(), pod, shared.config().nodeName());
      events.podEvent(
          "default-scheduler",
          "Normal",
          "Scheduled",
          "Successfully assigned "
              + pod.getMetadata().getNamespace()
              + "/"
              + pod.getMetadata().getName()
              + " to "
              + shared.config().nodeName());
      return true;
    } catch (KubernetesClientException e) {
      log.info("pod {} not bound to this node: {}", name(), e.getMessage());
      return false;
    }
  }

  private void prepare() {
    Pod pod = latest.get();
    PodStatus stored = pod.getStatus();
    Optional<String> recordedIp =
        Optional.ofNullable(stored).map(PodStatus::getPodIP).filter(ip -> !ip.isEmpty());
    podIp = shared.ips().allocate(uid, recordedIp);
    startTime =
        Optional.ofNullable(stored)
            .map(PodStatus::getStartTime)
            .map(Instant::parse)
            .orElse(Instant.now());
    Map<String, Integer> restarts = new HashMap<>();
    if (stored != null && stored.getContainerStatuses() != null) {
      stored
          .getContainerStatuses()
          .forEach(
              s ->
                  restarts.put(s.getName(), s.getRestartCount() == null ? 0 : s.getRestartCount()));
    }
    PodFiles files =
        PodFiles.of(
            shared.config().podsDir(),
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(),
            uid);
    ContainerRunner.PodContext context =
        new ContainerRunner.PodContext(
            latest::get,
            podIp,
            HOST_IP,
            this::services,
            () -> ImageCatalog.load(shared.config().imagesFile()),
            files,
            shared.config().backOff(),
            this::wake);
    if (stored != null && stored.getInitContainerStatuses() != null) {
      stored
          .getInitContainerStatuses()
          .forEach(
              s ->
                  restarts.put(s.getName(), s.getRestartCount() == null ? 0 : s.getRestartCount()));
    }
    if (pod.getSpec().getInitContainers() != null) {
      for (Container container : pod.getSpec().getInitContainers()) {
        initRunners.add(
            new ContainerRunner(
                container,
                context,
                restarts.getOrDefault(container.getName(), 0),
                true,
                events.forContainer(container.getName(), true)));
      }
    }
    for (Container container : pod.getSpec().getContainers()) {
      runners.add(
          new ContainerRunner(
              container,
              context,
              restarts.getOrDefault(container.getName(), 0),
              false,
              events.forContainer(container.getName(), false)));
    }
  }

  private List<Service> services() {
    String namespace = latest.get().getMetadata().getNamespace();
    return shared.client().services().inNamespace(namespace).list().getItems();
  }

  // ---- termination

  /**
   * Graceful deletion: not ready (status written), out of every Endpoints object (bounded wait),
   * SIGTERM, SIGKILL at the end of the grace period, then the pod removed with grace 0.
   */
  private void terminate(Pod pod) {
    Instant deadline = Instant.now().plus(grace(pod));
    runners.forEach(ContainerRunner::unready);
    writeStatus(true);
    Instant drained = Instant.now().plus(shared.config().endpointsDrainTimeout());
    String namespace = pod.getMetadata().getNamespace();
    waitUntil(() -> !listed(namespace), drained);
    stopContainers(deadline);
    writeStatus(true);
    try {
      shared
          .client()
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .withGracePeriod(0)
          .delete();
    } catch (KubernetesClientException e) {
      log.warn("cannot remove terminated pod {}: {}", name(), e.getMessage());
    }
  }

  private boolean listed(String namespace) {
    try {
      return shared.endpoints().lists(namespace, podIp);
    } catch (KubernetesClientException e) {
      return true; // unknown: keep waiting, the drain timeout bounds it
    }
  }

  private void stopContainers(Instant deadline) {
    initRunners.forEach(ContainerRunner::signalTerm);
    runners.forEach(ContainerRunner::signalTerm);
    initRunners.forEach(r -> r.shutDown(deadline));
    runners.forEach(r -> r.shutDown(deadline));
  }

  private static Duration grace(Pod pod) {
    Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (seconds == null) {
      seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    }
    return Duration.ofSeconds(seconds == null ? 30 : Math.max(seconds, 0));
  }

  // ---- status

  private void writeStatus(boolean terminating) {
    boolean initializing = !initRunners.stream().allMatch(ContainerRunner::succeeded);
    PodStatus status =
        PodStatusCalculator.calculate(
            views(initRunners, false),
            views(runners, initializing),
            podIp,
            HOST_IP,
            startTime,
            terminating,
            conditions,
            Instant.now());
    status.getConditions().forEach(c -> conditions.put(c.getType(), c));
    String json = shared.client().getKubernetesSerialization().asJson(Map.of("status", status));
    if (json.equals(written)) {
      return;
    }
    Pod pod = latest.get();
    try {
      shared
          .client()
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), json);
      written = json;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        gone();
      } else {
        log.warn("cannot write the status of pod {}: {}", name(), e.getMessage());
      }
    }
  }

  private static List<PodStatusCalculator.ContainerView> views(
      List<ContainerRunner> runners, boolean podInitializing) {
    List<PodStatusCalculator.ContainerView> views = new ArrayList<>();
    for (ContainerRunner runner : runners) {
      ContainerStatus status = runner.status(podInitializing);
      views.add(
          new PodStatusCalculator.ContainerView(
              status,
              runner.done() && runner.finalExitCode().isPresent(),
              runner.running() || runner.everTerminated(),
              runner.finalExitCode().orElse(0)));
    }
    return views;
  }

  // ---- waiting

  private void await(Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    try {
      signals.poll(millis, TimeUnit.MILLISECONDS);
      signals.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ending.set(Ending.NODE_STOPPING);
    }
  }

  private void waitUntil(BooleanSupplier condition, Instant deadline) {
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      await(Duration.ofMillis(50));
    }
  }

  private String name() {
    Pod pod = latest.get();
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
