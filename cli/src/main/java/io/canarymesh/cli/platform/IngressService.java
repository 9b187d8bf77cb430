package io.canarymesh.cli.platform;

import io.canarymesh.mesh.compiler.IngressGateway;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * The Service {@code istio-system/istio-ingressgateway} that Istio's installation creates: type
 * LoadBalancer, selecting the gateway's labels, ports 80 and 443 (named as Istio names them) with
 * node ports, and a load balancer address of 127.0.0.1 — on one machine, the node is the load
 * balancer. Created when missing; a user's edits to an existing one are kept.
 */
public final class IngressService {
  public static final String NAME = "istio-ingressgateway";

  private IngressService() {}

  /** Creates the Service if it does not exist and makes sure its status names 127.0.0.1. */
  public static Service ensure(KubernetesClient client) {
    var resource = client.services().inNamespace(IngressGateway.NAMESPACE).withName(NAME);
    Service service = resource.get();
    if (service == null) {
      service =
          client.services().inNamespace(IngressGateway.NAMESPACE).resource(desired()).create();
    }
    if (!hasLoadBalancerAddress(service)) {
      service =
          client
              .services()
              .inNamespace(IngressGateway.NAMESPACE)
              .resource(
                  new ServiceBuilder(service)
                      .editOrNewStatus()
                      .withNewLoadBalancer()
                      .withIngress(new LoadBalancerIngressBuilder().withIp("127.0.0.1").build())
                      .endLoadBalancer()
                      .endStatus()
                      .build())
              .updateStatus();
    }
    return service;
  }

  /** The node port that exposes {@code port} of the Service, if it exposes it. */
  public static Optional<Integer> nodePort(Service service, int port) {
    return ports(service).stream()
        .filter(p -> p.getPort() != null && p.getPort() == port && p.getNodePort() != null)
        .map(ServicePort::getNodePort)
        .findFirst();
  }

  static Service desired() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(IngressGateway.NAMESPACE)
        .addToLabels(IngressGateway.LABELS)
        .addToLabels("app", NAME)
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .withSelector(IngressGateway.LABELS)
        .addNewPort()
        .withName("http2")
        .withPort(80)
        .withNewTargetPort(8080)
        .withProtocol("TCP")
        .endPort()
        .addNewPort()
        .withName("https")
        .withPort(443)
        .withNewTargetPort(8443)
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  private static boolean hasLoadBalancerAddress(Service service) {
    return service.getStatus() != null
        && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null
        && !service.getStatus().getLoadBalancer().getIngress().isEmpty();
  }

  private static List<ServicePort> ports(Service service) {
    return service.getSpec() == null || service.getSpec().getPorts() == null
        ? List.of()
        : service.getSpec().getPorts();
  }
}
