package io.canarymesh.node;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the runtime runs.
 *
 * @param stateDir where {@code pods/} (logs, pid files) and {@code images.yaml} live
 * @param nodeName the node pods are bound to ({@code spec.nodeName})
 * @param endpointsDrainTimeout how long a terminating pod waits to leave every Endpoints object
 *     before its containers get SIGTERM
 * @param backOff the restart back-off (Kubernetes: 10 s doubling to 5 min)
 * @param firstPodIp where pod IPs start in 127.244.0.0/16 ({@code 127.244.0.1}); two platforms on
 *     one machine can keep apart by starting elsewhere
 */
public record NodeConfig(
    Path stateDir,
    String nodeName,
    Duration endpointsDrainTimeout,
    RestartBackOff backOff,
    String firstPodIp) {
  public static final String DEFAULT_NODE_NAME = "canary-node";

  public NodeConfig {
    requireNonNull(stateDir, "stateDir");
    requireNonNull(nodeName, "nodeName");
    requireNonNull(endpointsDrainTimeout, "endpointsDrainTimeout");
    requireNonNull(backOff, "backOff");
    if (!PodIpAllocator.inRange(requireNonNull(firstPodIp, "firstPodIp"))) {
      throw new IllegalArgumentException(
          "firstPodIp: Invalid value: \"" + firstPodIp + "\": must be in 127.244.0.0/16");
    }
  }

  /** Node {@value #DEFAULT_NODE_NAME}, a 2 s endpoints drain, Kubernetes' back-off. */
  public static NodeConfig defaults(Path stateDir) {
    return new NodeConfig(
        stateDir,
        DEFAULT_NODE_NAME,
        Duration.ofSeconds(2),
        RestartBackOff.kubernetes(),
        "127.244.0.1");
  }

  public NodeConfig withFirstPodIp(String ip) {
    return new NodeConfig(stateDir, nodeName, endpointsDrainTimeout, backOff, ip);
  }

  Path podsDir() {
    return stateDir.resolve("pods");
  }

  Path imagesFile() {
    return stateDir.resolve("images.yaml");
  }
}
