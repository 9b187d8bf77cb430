package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A probe, compiled from the pod spec (or an image's declared check) with Kubernetes' defaults:
 * period 10 s, timeout 1 s, success threshold 1, failure threshold 3, no initial delay. A named
 * port is resolved against the container's ports; one that does not resolve fails every check with
 * a message saying so.
 *
 * @param firstPeriod the period until the first success (an image's declared check probes fast
 *     while the process starts, then at {@code period}); equal to {@code period} otherwise
 */
record ProbeSpec(
    Action action,
    Duration initialDelay,
    Duration period,
    Duration firstPeriod,
    Duration timeout,
    int successThreshold,
    int failureThreshold) {

  sealed interface Action {}

  /** {@code port} 0 with {@code unresolved} set when a named port matched no containerPort. */
  record HttpGet(
      Optional<String> host,
      int port,
      String path,
      String scheme,
      Map<String, String> headers,
      Optional<String> unresolved)
      implements Action {}

  record TcpSocket(Optional<String> host, int port, Optional<String> unresolved)
      implements Action {}

  record Exec(List<String> command) implements Action {}

  /**
   * The probe's spec, or empty when {@code probe} is null.
   *
   * @throws IllegalArgumentException when the probe has no handler (or one this runtime lacks)
   */
  static Optional<ProbeSpec> of(Probe probe, Container container) {
    if (probe == null) {
      return Optional.empty();
    }
    Action action = action(probe, container);
    Duration period = seconds(probe.getPeriodSeconds(), 10);
    return Optional.of(
        new ProbeSpec(
            action,
            seconds(probe.getInitialDelaySeconds(), 0),
            period,
            period,
            seconds(probe.getTimeoutSeconds(), 1),
            positive(probe.getSuccessThreshold(), 1),
            positive(probe.getFailureThreshold(), 3)));
  }

  /** An image's declared readiness: every 100 ms until it first passes, then every second. */
  static ProbeSpec declared(ImageEntry.DeclaredCheck check) {
    Action action =
        check.httpPath().isPresent()
            ? new HttpGet(
                Optional.empty(),
                check.port(),
                check.httpPath().get(),
                "HTTP",
                Map.of(),
                Optional.empty())
            : new TcpSocket(Optional.empty(), check.port(), Optional.empty());
    return new ProbeSpec(
        action,
        Duration.ZERO,
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        1,
        1);
  }

  private static Action action(Probe probe, Container container) {
    if (probe.getHttpGet() != null) {
      var http = probe.getHttpGet();
      Map<String, String> headers = new LinkedHashMap<>();
      if (http.getHttpHeaders() != null) {
        http.getHttpHeaders().forEach(h -> headers.put(h.getName(), h.getValue()));
      }
      String path = http.getPath() == null || http.getPath().isEmpty() ? "/" : http.getPath();
      PortRef port = port(http.getPort(), container);
      return new HttpGet(
          Optional.ofNullable(http.getHost()).filter(h -> !h.isEmpty()),
          port.number(),
          path,
          http.getScheme() == null ? "HTTP" : http.getScheme(),
          headers,
          port.unresolved());
    }
    if (probe.getTcpSocket() != null) {
      var tcp = probe.getTcpSocket();
      PortRef port = port(tcp.getPort(), container);
      return new TcpSocket(
          Optional.ofNullable(tcp.getHost()).filter(h -> !h.isEmpty()),
          port.number(),
          port.unresolved());
    }
    if (probe.getExec() != null && probe.getExec().getCommand() != null) {
      return new Exec(List.copyOf(probe.getExec().getCommand()));
    }
    throw new IllegalArgumentException(
        "probe handler not supported by this runtime: use httpGet, tcpSocket or exec");
  }

  private record PortRef(int number, Optional<String> unresolved) {}

  private static PortRef port(IntOrString port, Container container) {
    if (port == null) {
      return new PortRef(0, Optional.of("no port"));
    }
    if (port.getIntVal() != null) {
      return new PortRef(port.getIntVal(), Optional.empty());
    }
    String name = port.getStrVal();
    if (name != null && name.matches("[0-9]+")) {
      return new PortRef(Integer.parseInt(name), Optional.empty());
    }
    List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
    return ports.stream()
        .filter(p -> name != null && name.equals(p.getName()))
        .findFirst()
        .map(p -> new PortRef(p.getContainerPort(), Optional.<String>empty()))
        .orElse(new PortRef(0, Optional.of("port \"" + name + "\" is not a named containerPort")));
  }

  private static Duration seconds(Integer value, int fallback) {
    return Duration.ofSeconds(value == null || value < 0 ? fallback : value);
  }

  private static int positive(Integer value, int fallback) {
    return value == null || value < 1 ? fallback : value;
  }
}
