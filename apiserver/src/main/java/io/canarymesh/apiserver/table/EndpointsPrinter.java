package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl get endpoints}: NAME ENDPOINTS AGE. ENDPOINTS lists {@code ip:port} for every port
 * of every subset, at most three, e.g. {@code 10.1.0.20:53,10.1.0.21:53,10.1.0.20:9153 + 3
 * more...}; {@code <none>} without subsets.
 */
final class EndpointsPrinter implements Printer {
  private static final int SHOWN = 3;
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Endpoints", "Addresses and ports of the ready endpoints."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode endpoints, Instant now) {
    return List.of(
        Cells.text(Fields.text(endpoints, "metadata", "name")),
        Cells.text(format(endpoints)),
        Cells.text(Age.of(endpoints, now)));
  }

  static String format(JsonNode endpoints) {
    List<JsonNode> subsets = Fields.elements(endpoints, "subsets");
    if (subsets.isEmpty()) {
      return LabelText.NONE;
    }
    List<String> all = new ArrayList<>();
    for (JsonNode subset : subsets) {
      all.addAll(addresses(subset));
    }
    String shown = String.join(",", all.subList(0, Math.min(SHOWN, all.size())));
    return all.size() > SHOWN ? shown + " + " + (all.size() - SHOWN) + " more..." : shown;
  }

  /** Port by port, each address of the subset; bare IPs for a headless subset without ports. */
  private static List<String> addresses(JsonNode subset) {
    List<JsonNode> addresses = Fields.elements(subset, "addresses");
    List<JsonNode> ports = Fields.elements(subset, "ports");
    List<String> result = new ArrayList<>();
    if (ports.isEmpty()) {
      addresses.forEach(address -> result.add(Fields.text(address, "ip")));
      return result;
    }
    for (JsonNode port : ports) {
      for (JsonNode address : addresses) {
        result.add(hostPort(Fields.text(address, "ip"), Fields.integer(port, "port")));
      }
    }
    return result;
  }

  /** Like Go's {@code net.JoinHostPort}: IPv6 addresses in brackets. */
  private static String hostPort(String ip, long port) {
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }
}
