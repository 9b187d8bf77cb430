package io.canarymesh.cli.platform;

import io.canarymesh.apiserver.ControlPlane;
import io.canarymesh.controllers.ControllerManager;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.node.NodeConfig;
import io.canarymesh.node.NodeRuntime;
import io.canarymesh.proxy.MeshProxy;
import io.canarymesh.proxy.ProxyConfig;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one JVM, started in the order data flows (ARCHITECTURE.md): store and API
 * server, the ingress Service, controllers, pod runtime, proxies, and last the mesh source that
 * feeds them. Stopped in the reverse order, so traffic drains before pods stop and pods stop before
 * the store closes.
 */
public final class Platform implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Platform.class);
  private final List<AutoCloseable> started = new ArrayList<>();
  private long lastStart = System.nanoTime();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<Integer, Boolean> privilegedPortBindable = new ConcurrentHashMap<>();
  private ControlPlane controlPlane;
  private Service ingressService;
  private MeshProxy proxy;

  private Platform() {}

  /**
   * How to run.
   *
   * @param stateDir where the store, credentials, kubeconfig and pod files live
   * @param apiBind the API server's address (port 0 picks a free one)
   * @param clock the controllers' and API server's clock
   * @param accessLog whether the proxies log one line per request (off by default, as in Istio)
   */
  public record Options(Path stateDir, InetSocketAddress apiBind, Clock clock, boolean accessLog) {
    public static Options of(Path stateDir, InetSocketAddress apiBind) {
      return new Options(stateDir, apiBind, Clock.systemUTC(), false);
    }
  }

  public static Platform start(Path stateDir, InetSocketAddress apiBind, Clock clock) {
    return start(new Options(stateDir, apiBind, clock, false));
  }

  public static Platform start(Options options) {
    Platform platform = new Platform();
    try {
      platform.startAll(options);
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void startAll(Options options) {
    controlPlane =
        track(ControlPlane.start(options.stateDir(), options.apiBind(), options.clock()));
    KubernetesClient client = track(PlatformClient.of(controlPlane));
    ingressService = IngressService.ensure(client);
    // The controllers' informers sync while the node, proxies and mesh source start: each is a
    // client of the API only, and together they are most of the start-up time.
    CompletableFuture<ControllerManager> controllers =
        CompletableFuture.supplyAsync(() -> ControllerManager.start(client, options.clock()));
    // a place in the start order, so close() stops the controllers after the pod runtime
    int controllersSlot = started.size();
    started.add(() -> controllers.thenAccept(ControllerManager::close));
    NodeRuntime node = track(NodeRuntime.start(client, NodeConfig.defaults(options.stateDir())));
    controlPlane.podLogs(node.logs());
    proxy =
        track(
            MeshProxy.start(
                ProxyConfig.builder(this::bindings)
                    .registry(registry)
                    .accessLog(options.accessLog())
                    .build()));
    track(ApiMeshSource.start(client, proxy::update));
    started.set(controllersSlot, join(controllers));
    log.info("started ControllerManager (alongside the above)");
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** The proxies' metrics (istio_requests_total and the rest). */
  public PrometheusRegistry metrics() {
    return registry;
  }

  /** The route table the proxies serve now. */
  public RouteTable routeTable() {
    return proxy.table();
  }

  /**
   * Where each listener is served: a service's listener on its ClusterIP; a gateway listener on the
   * ingress Service's ClusterIP (when that port can be bound) and always on 127.0.0.1 at the node
   * port of the matching Service port. A gateway port the Service does not expose is not served.
   */
  List<InetSocketAddress> bindings(Listener listener) {
    String ingressAddress = ingressService.getSpec().getClusterIP();
    if (listener.isMesh()) {
      // the ingress Service's own address belongs to the gateway, not to a service proxy
      return listener.address().equals(ingressAddress)
          ? List.of()
          : List.of(new InetSocketAddress(listener.address(), listener.port()));
    }
    Optional<Integer> nodePort = IngressService.nodePort(ingressService, listener.port());
    if (nodePort.isEmpty()) {
      return List.of();
    }
    InetSocketAddress onNode = new InetSocketAddress("127.0.0.1", nodePort.get());
    return canBind(ingressAddress, listener.port())
        ? List.of(onNode, new InetSocketAddress(ingressAddress, listener.port()))
        : List.of(onNode);
  }

  /**
   * Ports below 1024 need privileges: try once, so an unprivileged user gets no error per table.
   */
  private boolean canBind(String address, int port) {
    if (port >= 1024) {
      return true;
    }
    return privilegedPortBindable.computeIfAbsent(
        port,
        p -> {
          try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, p));
            return true;
          } catch (IOException e) {
            log.info(
                "the ingress gateway's port {} is served on its node port only: {}",
                p,
                e.getMessage());
            return false;
          }
        });
  }

  public Path kubeconfig() {
    return controlPlane.kubeconfig();
  }

  public InetSocketAddress apiAddress() {
    return controlPlane.address();
  }

  /** Where the ingress gateway always listens for port 80: 127.0.0.1 at its node port. */
  public InetSocketAddress ingressAddress() {
    return new InetSocketAddress(
        "127.0.0.1", IngressService.nodePort(ingressService, 80).orElseThrow());
  }

  private <T extends AutoCloseable> T track(T component) {
    started.add(component);
    long now = System.nanoTime();
    log.info(
        "started {} in {} ms", component.getClass().getSimpleName(), (now - lastStart) / 1_000_000);
    lastStart = now;
    return component;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Platform.class)
            .warn("stopping {} failed", started.get(i), e);
      }
    }
    started.clear();
  }
}
