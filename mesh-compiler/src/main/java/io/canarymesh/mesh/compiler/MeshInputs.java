package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * @param podLabels each pod's labels by pod IP: subsets select endpoints by these
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
    Map<String, Map<String, String>> podLabels,
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
    Map<String, Map<String, String>> labels = new HashMap<>();
    podLabels.forEach((ip, podLabelMap) -> labels.put(ip, Map.copyOf(podLabelMap)));
    podLabels = Map.copyOf(labels);
    secrets = List.copyOf(secrets);
    requireNonNull(ingressGateway, "ingressGateway");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sorts resources by kind; the other fields have defaults (version 0, standalone gateway). */
  public static final class Builder {
    private long version;
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<VirtualService> virtualServices = new ArrayList<>();
    private final List<DestinationRule> destinationRules = new ArrayList<>();
    private final List<ServiceEntry> serviceEntries = new ArrayList<>();
    private final List<WorkloadEntry> workloadEntries = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Endpoints> endpoints = new ArrayList<>();
    private final Map<String, Map<String, String>> podLabels = new HashMap<>();
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

    /** Records a pod's labels under its IP. */
    public Builder podLabels(String podIp, Map<String, String> labels) {
      podLabels.put(requireNonNull(podIp, "podIp"), requireNonNull(labels, "labels"));
      return this;
    }

    /**
     * Adds a resource of a kind the compiler reads; a Pod contributes its labels under each of its
     * IPs; a Secret may hold a Gateway's certificate. Other kinds (Deployments, ConfigMaps, ...)
     * are ignored, so a whole directory of manifests can be added.
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
          podLabels,
          secrets,
          ingressGateway);
    }

    private void addPod(Pod pod) {
      if (pod.getStatus() == null || pod.getMetadata() == null) {
        return;
      }
      Map<String, String> labels =
          pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
      List<String> ips = new ArrayList<>();
      if (pod.getStatus().getPodIP() != null) {
        ips.add(pod.getStatus().getPodIP());
      }
      if (pod.getStatus().getPodIPs() != null) {
        pod.getStatus().getPodIPs().stream()
            .map(PodIP::getIp)
            .filter(ip -> ip != null)
            .forEach(ips::add);
      }
      ips.forEach(ip -> podLabels.put(ip, labels));
    }
  }
}
