package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.ClientWorkload;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a compilation reads. The compiler never modifies these objects.
 *
 * @param version the generation the resulting table carries
 * @param gateways Istio Gateways
 * @param virtualServices Istio VirtualServices
 * @param destinationRules Istio DestinationRules
 * @param serviceEntries Istio ServiceEntries
 * @param workloadEntries Istio WorkloadEntries, selected by ServiceEntries' workloadSelector
 * @param services Kubernetes Services
 * @param endpoints Kubernetes Endpoints, one per Service (same namespace and name)
 * @param pods each pod as a client workload, by pod IP: subsets select endpoints by their labels,
 *     and mesh listeners' {@code sourceLabels} / {@code sourceNamespace} matches check callers
 * @param secrets Kubernetes Secrets: those in the ingress gateway's namespace are what Gateway
 *     servers' {@code tls.credentialName} names
 * @param ingressGateway the gateway proxy Gateways may select
 */
public record MeshInputs(
    long version,
    List<Gateway> gateways,
    List<VirtualService> virtualServices,
    List<DestinationRule> destinationRules,
    List<ServiceEntry> serviceEntries,
    List<WorkloadEntry> workloadEntries,
    List<Service> services,
    List<Endpoints> endpoints,
    Map<String, ClientWorkload> pods,
    List<Secret> secrets,
    IngressGateway ingressGateway) {

  public MeshInputs {
    gateways = List.copyOf(gateways);
    virtualServices = List.copyOf(virtualServices);
    destinationRules = List.copyOf(destinationRules);
    serviceEntries = List.copyOf(serviceEntries);
    workloadEntries = List.copyOf(workloadEntries);
    services = List.copyOf(services);
    endpoints = List.copyOf(endpoints);
    pods = Map.copyOf(requireNonNull(pods, "pods"));
    secrets = List.copyOf(secrets);
    requireNonNull(ingressGateway, "ingressGateway");
  }

  /** Each pod's labels by pod IP. */
  public Map<String, Map<String, String>> podLabels() {
    Map<String, Map<String, String>> labels = new HashMap<>();
    pods.forEach((ip, pod) -> labels.put(ip, pod.labels()));
    return labels;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sorts resources by kind; the other fields have defaults (version 0, standalone gateway). */
  public static final class Builder {
    private static final Comparator<Pod> POD_ORDER =
        Comparator.comparing((Pod pod) -> ResourceId.of(pod).namespace())
            .thenComparing(pod -> ResourceId.of(pod).name());

    private long version;
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<VirtualService> virtualServices = new ArrayList<>();
    private final List<DestinationRule> destinationRules = new ArrayList<>();
    private final List<ServiceEntry> serviceEntries = new ArrayList<>();
    private final List<WorkloadEntry> workloadEntries = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Endpoints> endpoints = new ArrayList<>();
    private final Map<String, Pod> pods = new HashMap<>();
    private final List<Secret> secrets = new ArrayList<>();
    private IngressGateway ingressGateway = IngressGateway.standalone();

    private Builder() {}

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public Builder ingressGateway(IngressGateway ingressGateway) {
      this.ingressGateway = requireNonNull(ingressGateway, "ingressGateway");
      return this;
    }

    /**
     * Adds a resource of a kind the compiler reads; a Pod that has not terminated contributes its
     * namespace and labels under each of its IPs; a Secret may hold a Gateway's certificate. Other
     * kinds (Deployments, ConfigMaps, ...) are ignored, so a whole directory of manifests can be
     * added.
     */
    public Builder add(HasMetadata resource) {
      requireNonNull(resource, "resource");
      switch (resource) {
        case Gateway gateway -> gateways.add(gateway);
        case VirtualService vs -> virtualServices.add(vs);
        case DestinationRule dr -> destinationRules.add(dr);
        case ServiceEntry se -> serviceEntries.add(se);
        case WorkloadEntry we -> workloadEntries.add(we);
        case Service service -> services.add(service);
        case Endpoints endpoint -> endpoints.add(endpoint);
        case Pod pod -> addPod(pod);
        case Secret secret -> secrets.add(secret);
        default -> {}
      }
      return this;
    }

    public Builder addAll(List<? extends HasMetadata> resources) {
      resources.forEach(this::add);
      return this;
    }

    public MeshInputs build() {
      return new MeshInputs(
          version,
          gateways,
          virtualServices,
          destinationRules,
          serviceEntries,
          workloadEntries,
          services,
          endpoints,
          clientWorkloads(),
          secrets,
          ingressGateway);
    }

    /**
     * A terminated pod may still show the IP a new pod was given; of two live pods claiming one IP
     * the first by namespace and name wins, so the result does not depend on the input order.
     */
    private void addPod(Pod pod) {
      if (pod.getStatus() == null || pod.getMetadata() == null || terminated(pod)) {
        return;
      }
      List<String> ips = new ArrayList<>();
      ips.add(pod.getStatus().getPodIP());
      if (pod.getStatus().getPodIPs() != null) {
        pod.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(ips::add);
      }
      for (String ip : ips) {
        if (ip != null && !ip.isBlank()) {
          pods.merge(ip, pod, (a, b) -> POD_ORDER.compare(a, b) <= 0 ? a : b);
        }
      }
    }

    private static boolean terminated(Pod pod) {
      String phase = pod.getStatus().getPhase();
      return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private Map<String, ClientWorkload> clientWorkloads() {
      Map<String, ClientWorkload> workloads = new HashMap<>();
      pods.forEach(
          (ip, pod) ->
              workloads.put(
                  ip,
                  new ClientWorkload(
                      ip,
                      ResourceId.of(pod).namespace(),
                      Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of()))));
      return workloads;
    }
  }
}
