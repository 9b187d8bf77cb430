package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide SELECTOR.
 * Examples: {@code micro-api ClusterIP 10.110.169.161 <none> 19090/TCP}; a LoadBalancer with node
 * ports and an ingress IP: {@code LoadBalancer 10.96.0.20 127.0.0.1 80:31380/TCP,443:31390/TCP}.
 */
final class ServicePrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Type", "How the service is exposed (spec.type)."),
          Column.text("Cluster-IP", "The service's cluster IP."),
          Column.text("External-IP", "External IPs, or load-balancer ingress addresses."),
          Column.text("Port(s)", "Service ports: port[:nodePort]/protocol."),
          Column.age(),
          Column.text("Selector", "The label selector of the service's pods.").wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode service, Instant now) {
    String ports = ports(service);
    return List.of(
        Cells.text(Fields.text(service, "metadata", "name")),
        Cells.text(type(service)),
        Cells.text(clusterIp(service)),
        Cells.text(externalIp(service)),
        Cells.text(ports.isEmpty() ? LabelText.NONE : ports),
        Cells.text(Age.of(service, now)),
        Cells.text(LabelText.formatLabels(service.path("spec").path("selector"))));
  }

  /** {@code spec.type}; stored services are defaulted, so an absent type is ClusterIP. */
  private static String type(JsonNode service) {
    String type = Fields.text(service, "spec", "type");
    return type.isEmpty() ? "ClusterIP" : type;
  }

  /**
   * The first of {@code spec.clusterIPs}, falling back to {@code spec.clusterIP} as conversion
   * does.
   */
  private static String clusterIp(JsonNode service) {
    List<JsonNode> clusterIps = Fields.elements(service, "spec", "clusterIPs");
    String ip =
        clusterIps.isEmpty()
            ? Fields.text(service, "spec", "clusterIP")
            : clusterIps.get(0).asText();
    return ip.isEmpty() ? LabelText.NONE : ip;
  }

  /**
   * ClusterIP and NodePort: {@code spec.externalIPs} or {@code <none>}; LoadBalancer: the ingress
   * IPs (or host names), sorted, then the external IPs, or {@code <pending>} while there are none;
   * ExternalName: the external name.
   */
  private static String externalIp(JsonNode service) {
    List<String> externalIps =
        Fields.elements(service, "spec", "externalIPs").stream().map(JsonNode::asText).toList();
    return switch (type(service)) {
      case "ClusterIP", "NodePort" ->
          externalIps.isEmpty() ? LabelText.NONE : String.join(",", externalIps);
      case "LoadBalancer" -> loadBalancerIps(service, externalIps);
      case "ExternalName" -> Fields.text(service, "spec", "externalName");
      default -> "<unknown>";
    };
  }

  private static String loadBalancerIps(JsonNode service, List<String> externalIps) {
    TreeSet<String> ingress = new TreeSet<>();
    for (JsonNode entry : Fields.elements(service, "status", "loadBalancer", "ingress")) {
      String ip = Fields.text(entry, "ip");
      String hostname = Fields.text(entry, "hostname");
      if (!ip.isEmpty()) {
        ingress.add(ip);
      } else if (!hostname.isEmpty()) {
        ingress.add(hostname);
      }
    }
    List<String> all = new ArrayList<>(ingress);
    all.addAll(externalIps);
    return all.isEmpty() ? "<pending>" : String.join(",", all);
  }

  /** {@code 19090/TCP}, {@code 80:32113/TCP} with a node port, comma-separated. */
  private static String ports(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : Fields.elements(service, "spec", "ports")) {
      String protocol = Fields.text(port, "protocol");
      long nodePort = Fields.integer(port, "nodePort");
      ports.add(
          Fields.integer(port, "port")
              + (nodePort > 0 ? ":" + nodePort : "")
              + "/"
              + (protocol.isEmpty() ? "TCP" : protocol));
    }
    return String.join(",", ports);
  }
}
