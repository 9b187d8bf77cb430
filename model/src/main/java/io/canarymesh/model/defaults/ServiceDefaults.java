package io.canarymesh.model.defaults;

import static io.canarymesh.model.defaults.PodSpecDefaults.orEmpty;
import static io.canarymesh.model.defaults.WorkloadDefaults.isEmpty;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Service defaults: {@code SetDefaults_Service}, plus the single-stack IPv4 family the Service
 * registry assigns on this IPv4-only platform. The cluster IP itself is allocated by the API
 * server, not here.
 */
final class ServiceDefaults {
  private static final int CLIENT_IP_TIMEOUT_SECONDS = 10800;

  private ServiceDefaults() {}

  static void service(Service service) {
    ServiceSpec spec = service.getSpec();
    if (spec == null) {
      return;
    }
    sessionAffinity(spec);
    if (isEmpty(spec.getType())) {
      spec.setType("ClusterIP");
    }
    orEmpty(spec.getPorts()).forEach(ServiceDefaults::port);
    trafficPolicies(spec);
    if (!"ExternalName".equals(spec.getType())) {
      ipFamilies(spec);
    }
  }

  private static void sessionAffinity(ServiceSpec spec) {
    if (isEmpty(spec.getSessionAffinity())) {
      spec.setSessionAffinity("None");
    }
    if ("None".equals(spec.getSessionAffinity())) {
      spec.setSessionAffinityConfig(null);
    } else if ("ClientIP".equals(spec.getSessionAffinity())) {
      if (spec.getSessionAffinityConfig() == null) {
        spec.setSessionAffinityConfig(new SessionAffinityConfig());
      }
      SessionAffinityConfig config = spec.getSessionAffinityConfig();
      if (config.getClientIP() == null) {
        config.setClientIP(new ClientIPConfig());
      }
      if (config.getClientIP().getTimeoutSeconds() == null) {
        config.getClientIP().setTimeoutSeconds(CLIENT_IP_TIMEOUT_SECONDS);
      }
    }
  }

  // Protocol TCP; a missing (or zero, or empty) targetPort means the same number as the port.
  private static void port(ServicePort port) {
    if (isEmpty(port.getProtocol())) {
      port.setProtocol("TCP");
    }
    IntOrString target = port.getTargetPort();
    boolean unset =
        target == null
            || target.getValue() == null
            || Integer.valueOf(0).equals(target.getIntVal())
            || "".equals(target.getStrVal());
    if (unset && port.getPort() != null) {
      port.setTargetPort(new IntOrString(port.getPort()));
    }
  }

  private static void trafficPolicies(ServiceSpec spec) {
    String type = spec.getType();
    boolean external = type.equals("NodePort") || type.equals("LoadBalancer");
    if (external && isEmpty(spec.getExternalTrafficPolicy())) {
      spec.setExternalTrafficPolicy("Cluster");
    }
    if ((external || type.equals("ClusterIP")) && isEmpty(spec.getInternalTrafficPolicy())) {
      spec.setInternalTrafficPolicy("Cluster");
    }
    if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
      spec.setAllocateLoadBalancerNodePorts(true);
    }
  }

  private static void ipFamilies(ServiceSpec spec) {
    if (isEmpty(spec.getIpFamilyPolicy())) {
      spec.setIpFamilyPolicy("SingleStack");
    }
    if (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty()) {
      spec.setIpFamilies(new ArrayList<>(List.of("IPv4")));
    }
  }
}
