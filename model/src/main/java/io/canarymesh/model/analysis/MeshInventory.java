package io.canarymesh.model.analysis;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The resources under analysis, sorted by kind, with the lookups the checks share. Built once per
 * analysis; immutable.
 */
final class MeshInventory {
  static final String DEFAULT_NAMESPACE = "default";

  /**
   * The platform always runs the ingress gateway (Service {@code istio-ingressgateway} in {@code
   * istio-system}), so Gateways selecting {@code istio: ingressgateway} find their workload.
   */
  static final Workload PLATFORM_INGRESS_GATEWAY =
      new Workload(
          "Deployment istio-system/istio-ingressgateway",
          "istio-system",
          Map.of("istio", "ingressgateway"),
          List.of());

  final List<Service> services = new ArrayList<>();
  final List<ServiceEntry> serviceEntries = new ArrayList<>();
  final List<Gateway> gateways = new ArrayList<>();
  final List<VirtualService> virtualServices = new ArrayList<>();
  final List<DestinationRule> destinationRules = new ArrayList<>();
  final List<Workload> workloads = new ArrayList<>();

  MeshInventory(List<? extends HasMetadata> resources) {
    workloads.add(PLATFORM_INGRESS_GATEWAY);
    resources.stream().filter(Objects::nonNull).forEach(this::add);
  }

  private void add(HasMetadata resource) {
    switch (resource) {
      case Service service -> services.add(service);
      case ServiceEntry entry -> serviceEntries.add(entry);
      case Gateway gateway -> gateways.add(gateway);
      case VirtualService vs -> virtualServices.add(vs);
      case DestinationRule dr -> destinationRules.add(dr);
      case Deployment deployment ->
          addTemplate(
              resource, deployment.getSpec() == null ? null : deployment.getSpec().getTemplate());
      case ReplicaSet rs when !isOwned(rs) ->
          addTemplate(resource, rs.getSpec() == null ? null : rs.getSpec().getTemplate());
      case Pod pod when !isOwned(pod) ->
          workloads.add(
              new Workload(
                  ref(pod),
                  namespace(pod),
                  labels(pod.getMetadata() == null ? null : pod.getMetadata().getLabels()),
                  Workload.portsOf(pod.getSpec())));
      default -> {}
    }
  }

  private void addTemplate(HasMetadata owner, PodTemplateSpec template) {
    if (template == null) {
      return;
    }
    Map<String, String> labels =
        template.getMetadata() == null ? Map.of() : labels(template.getMetadata().getLabels());
    workloads.add(
        new Workload(ref(owner), namespace(owner), labels, Workload.portsOf(template.getSpec())));
  }

  /** Whether a Gateway named {@code name} exists in {@code namespace}. */
  boolean hasGateway(String namespace, String name) {
    return gateways.stream()
        .anyMatch(gw -> namespace(gw).equals(namespace) && name.equals(name(gw)));
  }

  /** The hosts the mesh knows: every Service's FQDN and every ServiceEntry host. */
  List<String> serviceHosts() {
    List<String> hosts = new ArrayList<>();
    services.forEach(svc -> hosts.add(Hosts.ofService(name(svc), namespace(svc))));
    for (ServiceEntry entry : serviceEntries) {
      if (entry.getSpec() != null && entry.getSpec().getHosts() != null) {
        entry.getSpec().getHosts().stream()
            .filter(Objects::nonNull)
            .forEach(host -> hosts.addAll(Hosts.candidates(host, namespace(entry))));
      }
    }
    return hosts;
  }

  /** Whether any reading of the host names a Service or ServiceEntry host. */
  boolean isKnownHost(List<String> candidates) {
    return Hosts.anyOverlap(candidates, serviceHosts());
  }

  /** The Services whose FQDN one of the candidates denotes (wildcards included). */
  List<Service> servicesFor(List<String> candidates) {
    return services.stream()
        .filter(
            svc ->
                Hosts.anyOverlap(candidates, List.of(Hosts.ofService(name(svc), namespace(svc)))))
        .toList();
  }

  /** The workloads a Service's selector picks, in its namespace; none for a selector-less one. */
  List<Workload> workloadsOf(Service service) {
    Map<String, String> selector =
        service.getSpec() == null ? Map.of() : labels(service.getSpec().getSelector());
    if (selector.isEmpty()) {
      return List.of();
    }
    String namespace = namespace(service);
    return workloads.stream()
        .filter(w -> w.namespace().equals(namespace) && w.selectedBy(selector))
        .toList();
  }

  static String namespace(HasMetadata resource) {
    String namespace =
        resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }

  static String name(HasMetadata resource) {
    String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    return name == null ? "" : name;
  }

  /** {@code VirtualService default/micro-api-route}. */
  static String ref(HasMetadata resource) {
    String kind =
        resource.getKind() == null ? HasMetadata.getKind(resource.getClass()) : resource.getKind();
    return kind + " " + namespace(resource) + "/" + name(resource);
  }

  /** A label map without nulls, which {@link Workload} and selectors cannot hold. */
  static Map<String, String> labels(Map<String, String> labels) {
    if (labels == null) {
      return Map.of();
    }
    Map<String, String> clean = new java.util.HashMap<>();
    labels.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            clean.put(key, value);
          }
        });
    return clean;
  }

  private static boolean isOwned(HasMetadata resource) {
    return resource.getMetadata() != null
        && resource.getMetadata().getOwnerReferences() != null
        && !resource.getMetadata().getOwnerReferences().isEmpty();
  }
}
