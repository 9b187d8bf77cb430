package io.canarymesh.cli.platform;

import io.canarymesh.mesh.compiler.CompileResult;
import io.canarymesh.mesh.compiler.Diagnostic;
import io.canarymesh.mesh.compiler.IngressGateway;
import io.canarymesh.mesh.compiler.MeshCompiler;
import io.canarymesh.mesh.compiler.MeshInputs;
import io.canarymesh.mesh.model.RouteTable;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleList;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayList;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.ServiceEntryList;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceList;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.istio.api.networking.v1.WorkloadEntryList;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the mesh compiler from the Kubernetes API, as istiod does: informers on the mesh's inputs
 * (Services, Endpoints, Pods for their labels, the Istio networking kinds, and the Secrets of the
 * ingress gateway's namespace, {@code istio-system}, that Gateway servers' {@code
 * tls.credentialName} names), and on every change one recompilation whose table goes to the sink.
 *
 * <p>Changes that arrive while a compilation runs are coalesced into the next one, so a burst of
 * events costs at most two compilations and nothing waits on a timer: the latency from a write to a
 * new table is one watch event plus one compilation.
 */
public final class ApiMeshSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiMeshSource.class);
  private static final String INGRESS_SERVICE = "istio-ingressgateway";
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<RouteTable> sink;
  private final ExecutorService compiler;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
  private Set<String> lastDiagnostics = Set.of();
  private long version;

  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<Endpoints> endpoints;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Gateway> gateways;
  private SharedIndexInformer<VirtualService> virtualServices;
  private SharedIndexInformer<DestinationRule> destinationRules;
  private SharedIndexInformer<ServiceEntry> serviceEntries;
  private SharedIndexInformer<WorkloadEntry> workloadEntries;
  private SharedIndexInformer<Secret> secrets;

  private ApiMeshSource(Consumer<RouteTable> sink) {
    this.sink = sink;
    this.compiler =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("mesh-compiler").daemon().factory());
  }

  /**
   * Starts the informers, publishes the first table once every cache has synced, and returns.
   *
   * @param sink receives every new table, on the compiler's single thread
   */
  public static ApiMeshSource start(KubernetesClient client, Consumer<RouteTable> sink) {
    ApiMeshSource source = new ApiMeshSource(sink);
    try {
      source.inform(client);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    source.changed();
    return source;
  }

  private void inform(KubernetesClient client) {
    services = track(client.services().inAnyNamespace().runnableInformer(0));
    endpoints = track(client.endpoints().inAnyNamespace().runnableInformer(0));
    pods = track(client.pods().inAnyNamespace().runnableInformer(0));
    gateways =
        track(
            client
                .resources(Gateway.class, GatewayList.class)
                .inAnyNamespace()
                .runnableInformer(0));
    virtualServices =
        track(
            client
                .resources(VirtualService.class, VirtualServiceList.class)
                .inAnyNamespace()
                .runnableInformer(0));
    destinationRules =
        track(
            client
                .resources(DestinationRule.class, DestinationRuleList.class)
                .inAnyNamespace()
                .runnableInformer(0));
    serviceEntries =
        track(
            client
                .resources(ServiceEntry.class, ServiceEntryList.class)
                .inAnyNamespace()
                .runnableInformer(0));
    workloadEntries =
        track(
            client
                .resources(WorkloadEntry.class, WorkloadEntryList.class)
                .inAnyNamespace()
                .runnableInformer(0));
    // only the gateway's namespace: Gateways read their certificates from there, as in Istio
    secrets = track(client.secrets().inNamespace(IngressGateway.NAMESPACE).runnableInformer(0));
    for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
      informer.addEventHandler(new AnyChange<>());
    }
    // list every kind at once, then go on when all caches hold their first list
    CompletableFuture<?>[] synced =
        informers.stream()
            .map(informer -> informer.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(synced).get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the mesh's caches synced", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the mesh's caches did not sync: " + e.getMessage(), e);
    }
  }

  private <T extends HasMetadata> SharedIndexInformer<T> track(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  /** Schedules a compilation unless one is already pending. */
  private void changed() {
    if (dirty.compareAndSet(false, true)) {
      try {
        compiler.execute(this::compile);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // closing: no more tables
      }
    }
  }

  private void compile() {
    dirty.set(false);
    try {
      CompileResult result = MeshCompiler.compile(inputs());
      logNewDiagnostics(result.diagnostics());
      sink.accept(result.table());
    } catch (RuntimeException e) {
      // a compiler bug must not stop the source; the proxies keep the last table
      log.error("mesh compilation failed; keeping the previous route table", e);
    }
  }

  private MeshInputs inputs() {
    MeshInputs.Builder builder = MeshInputs.builder().version(++version);
    builder.addAll(gateways.getStore().list());
    builder.addAll(virtualServices.getStore().list());
    builder.addAll(destinationRules.getStore().list());
    builder.addAll(serviceEntries.getStore().list());
    builder.addAll(workloadEntries.getStore().list());
    builder.addAll(secrets.getStore().list());
    List<Service> allServices = services.getStore().list();
    builder.addAll(allServices);
    builder.addAll(endpoints.getStore().list());
    builder.addAll(pods.getStore().list()); // labels for subsets, identities for sourceLabels
    builder.ingressGateway(ingressGateway(allServices));
    return builder.build();
  }

  /** The gateway exposes the ports of its Service; without the Service, none. */
  static IngressGateway ingressGateway(List<Service> services) {
    Set<Integer> ports = new HashSet<>();
    for (Service service : services) {
      if (INGRESS_SERVICE.equals(service.getMetadata().getName())
          && IngressGateway.NAMESPACE.equals(service.getMetadata().getNamespace())
          && service.getSpec() != null) {
        for (ServicePort port : service.getSpec().getPorts()) {
          ports.add(port.getPort());
        }
      }
    }
    return IngressGateway.exposing(ports);
  }

  private void logNewDiagnostics(List<Diagnostic> diagnostics) {
    Set<String> current = new HashSet<>();
    for (Diagnostic diagnostic : diagnostics) {
      String text = diagnostic.toString();
      current.add(text);
      if (!lastDiagnostics.contains(text)) {
        switch (diagnostic.severity()) {
          case ERROR, WARNING -> log.warn("mesh: {}", text);
          case INFO -> log.info("mesh: {}", text);
        }
      }
    }
    lastDiagnostics = current;
  }

  @Override
  public void close() {
    for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
      informer.close();
    }
    compiler.shutdownNow();
    try {
      compiler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Any add, update or delete of an input means a new table. */
  private final class AnyChange<T> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {
      changed();
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      if (!Objects.equals(oldObj, newObj)) {
        changed();
      }
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      changed();
    }
  }
}
