package io.canarymesh.node;

import static java.util.Objects.requireNonNull;

import io.canarymesh.apiserver.PodLogs;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet of one node: every pod bound to it (or not yet bound: it binds them, standing in for
 * the scheduler) runs as local processes, one {@link PodWorker} per pod on a virtual thread, driven
 * level-triggered by a fabric8 informer on pods; status is written through the API.
 *
 * <p>On start it kills the container processes an earlier runtime killed with -9 left behind, then
 * starts the stored pods again (new processes, same objects). {@link #close} stops every pod
 * gracefully and leaves the pod objects in place.
 */
public final class NodeRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);

  /** Every pod is handed to its worker again this often, so a pod whose worker ended resumes. */
  private static final java.time.Duration RESYNC = java.time.Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final NodeConfig config;
  private final PodIpAllocator ips;
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("pod-worker-", 0).factory());
  private final FileLogs logs;
  private volatile boolean closing;
  private SharedIndexInformer<Pod> pods;

  private NodeRuntime(KubernetesClient client, NodeConfig config) {
    this.client = client;
    this.config = config;
    this.logs = new FileLogs(config.podsDir());
    this.ips = new PodIpAllocator(config.firstPodIp(), ListeningAddresses::current);
  }

  /** Starts the runtime; returns once the informers have synced and pods are being started. */
  public static NodeRuntime start(KubernetesClient client, NodeConfig config) {
    requireNonNull(client, "client");
    requireNonNull(config, "config");
    List<Long> killed = PidFiles.killOrphans(config.podsDir());
    if (!killed.isEmpty()) {
      log.info("killed {} process(es) left by an earlier run: {}", killed.size(), killed);
    }
    NodeRuntime runtime = new NodeRuntime(client, config);
    runtime.pods = client.pods().inAnyNamespace().inform(runtime.handler(), RESYNC.toMillis());
    return runtime;
  }

  /** The container logs, for {@code ControlPlane.podLogs(...)}. */
  public PodLogs logs() {
    return logs;
  }

  public NodeConfig config() {
    return config;
  }

  private ResourceEventHandler<Pod> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        dispatch(pod);
      }

      @Override
      public void onUpdate(Pod before, Pod pod) {
        dispatch(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        PodWorker worker = workers.get(pod.getMetadata().getUid());
        if (worker != null) {
          worker.gone();
        }
      }
    };
  }

  private void dispatch(Pod pod) {
    String node = pod.getSpec().getNodeName();
    if (closing || (node != null && !node.isEmpty() && !node.equals(config.nodeName()))) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    PodWorker existing = workers.get(uid);
    if (existing != null) {
      existing.update(pod);
      return;
    }
    PodWorker worker =
        new PodWorker(
            new PodWorker.Shared(
                client,
                config,
                ips,
                this::listedInEndpoints,
                () -> {
                  workers.remove(uid);
                  running.remove(uid);
                }),
            pod);
    workers.put(uid, worker);
    running.put(uid, threads.submit(worker));
  }

  /**
   * Read from the API, not a cache: a terminating pod must not miss an Endpoints object written
   * just before its deletion (a cache may lag by a watch event). A few reads per deletion.
   */
  private boolean listedInEndpoints(String namespace, String ip) {
    for (Endpoints object : client.endpoints().inNamespace(namespace).list().getItems()) {
      if (object.getSubsets() == null) {
        continue;
      }
      for (EndpointSubset subset : object.getSubsets()) {
        if (subset.getAddresses() == null) {
          continue;
        }
        for (EndpointAddress address : subset.getAddresses()) {
          if (ip.equals(address.getIp())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Stops every pod gracefully (SIGTERM, grace period, SIGKILL); pod objects stay. */
  @Override
  public void close() {
    closing = true;
    if (pods != null) {
      pods.stop();
    }
    workers.values().forEach(PodWorker::nodeStopping);
    for (Future<?> future : List.copyOf(running.values())) {
      try {
        future.get(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        log.warn("a pod did not stop in time: {}", e.toString());
      }
    }
    threads.shutdownNow();
  }
}
