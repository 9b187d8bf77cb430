package io.canarymesh.apiserver.rest;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What kube-apiserver's Service registry allocates on create: a ClusterIP, here from the local
 * networking model's {@code 127.96.0.0/12} (ARCHITECTURE.md) so the service proxy can listen on it,
 * and node ports from 30000–32767 for NodePort and LoadBalancer Services. Values the user set are
 * kept (validation checked their syntax).
 */
final class ServiceAllocator {
  static final int CLUSTER_IP_BASE = (127 << 24) | (96 << 16); // 127.96.0.0
  static final int CLUSTER_IP_SIZE = 1 << 20; // a /12
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;

  private final RandomGenerator random;

  ServiceAllocator(RandomGenerator random) {
    this.random = random;
  }

  /** Fills in {@code spec.clusterIP(s)} and node ports not yet set, avoiding those in use. */
  void allocate(Service service, Set<String> usedIps, Set<Integer> usedNodePorts) {
    var spec = service.getSpec();
    String type = spec.getType() == null ? "ClusterIP" : spec.getType();
    if (type.equals("ExternalName")) {
      return;
    }
    if (spec.getClusterIP() == null || spec.getClusterIP().isEmpty()) {
      spec.setClusterIP(freeIp(usedIps));
    }
    if (!"None".equals(spec.getClusterIP())) {
      spec.setClusterIPs(List.of(spec.getClusterIP()));
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      for (ServicePort port : spec.getPorts()) {
        if (port.getNodePort() == null || port.getNodePort() == 0) {
          int nodePort = freeNodePort(usedNodePorts);
          usedNodePorts.add(nodePort);
          port.setNodePort(nodePort);
        }
      }
    }
  }

  private String freeIp(Set<String> used) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int address = CLUSTER_IP_BASE + 1 + random.nextInt(CLUSTER_IP_SIZE - 2);
      String ip = toText(address);
      if (!used.contains(ip)) {
        return ip;
      }
    }
    throw new ApiException(
        500,
        "InternalError",
        "Internal error occurred: failed to allocate a serviceIP: range is full",
        null);
  }

  private int freeNodePort(Set<Integer> used) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = NODE_PORT_MIN + random.nextInt(NODE_PORT_MAX - NODE_PORT_MIN + 1);
      if (!used.contains(port)) {
        return port;
      }
    }
    throw new ApiException(
        500,
        "InternalError",
        "Internal error occurred: failed to allocate a nodePort: range is full",
        null);
  }

  static String toText(int address) {
    return ((address >>> 24) & 255)
        + "."
        + ((address >>> 16) & 255)
        + "."
        + ((address >>> 8) & 255)
        + "."
        + (address & 255);
  }
}
