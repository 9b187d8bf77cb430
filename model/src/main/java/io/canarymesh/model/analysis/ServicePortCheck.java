package io.canarymesh.model.analysis;

import static io.canarymesh.model.analysis.GatewayReferenceCheck.list;
import static io.canarymesh.model.analysis.MeshInventory.ref;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Service ports whose targetPort no container of the selected pods declares. Kubernetes sends to a
 * numeric targetPort whatever the containers declare (containerPort is informational), so this is a
 * warning; but a mismatch usually means traffic goes to a port nothing listens on. The article's
 * own manifests have one: targetPort 9090 against containerPort 19090. A named targetPort must name
 * a declared port. Workloads that declare no ports at all are not judged. One finding per service
 * port and workload.
 */
final class ServicePortCheck {
  private ServicePortCheck() {}

  static void check(MeshInventory inventory, Service service, Consumer<Finding> findings) {
    if (service.getSpec() == null) {
      return;
    }
    List<Workload> workloads =
        inventory.workloadsOf(service).stream().filter(w -> !w.containerPorts().isEmpty()).toList();
    for (ServicePort port : list(service.getSpec().getPorts())) {
      if (port == null || port.getPort() == null) {
        continue;
      }
      IntOrString target = target(port);
      for (Workload workload : workloads) {
        if (!declares(workload, target)) {
          findings.accept(
              MessageType.SERVICE_TARGET_PORT_NOT_DECLARED.finding(
                  ref(service),
                  portName(port),
                  port.getPort(),
                  targetText(target),
                  workload.ref(),
                  workload.containerPorts().stream()
                      .map(p -> String.valueOf(p.number()))
                      .collect(Collectors.joining(", "))));
        }
      }
    }
  }

  /** The port the Service sends to: its targetPort, which defaults to its port. */
  private static IntOrString target(ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
      return new IntOrString(port.getPort());
    }
    return target;
  }

  private static boolean declares(Workload workload, IntOrString target) {
    return workload.containerPorts().stream()
        .anyMatch(
            p ->
                target.getIntVal() != null
                    ? p.number() == target.getIntVal()
                    : p.name().filter(target.getStrVal()::equals).isPresent());
  }

  private static String targetText(IntOrString target) {
    return target.getIntVal() != null
        ? String.valueOf(target.getIntVal())
        : "\"" + target.getStrVal() + "\"";
  }

  private static String portName(ServicePort port) {
    return port.getName() == null || port.getName().isEmpty()
        ? "\"\""
        : "\"" + port.getName() + "\"";
  }
}
