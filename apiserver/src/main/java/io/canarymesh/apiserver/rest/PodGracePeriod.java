package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.Kind;
import java.util.Optional;

/**
 * The grace period a delete gives an object, as kube-apiserver's pod strategy ({@code
 * CheckGracefulDelete}) decides it. Only pods are deleted gracefully:
 *
 * <ul>
 *   <li>the request's {@code gracePeriodSeconds} (negative counts as 1), else the pod's {@code
 *       spec.terminationGracePeriodSeconds}, else 30;
 *   <li>0 when the pod was never bound to a node ({@code spec.nodeName} empty) or has finished
 *       ({@code status.phase} Succeeded or Failed): nothing runs that needs stopping.
 * </ul>
 *
 * <p>For example a bound, running pod with {@code terminationGracePeriodSeconds: 5} and no request
 * value gets 5; the same pod still unscheduled gets 0.
 */
final class PodGracePeriod {
  static final long DEFAULT_SECONDS = 30;

  private PodGracePeriod() {}

  static long of(Kind kind, JsonNode object, Optional<Long> requested) {
    if (!kind.group().isEmpty() || !kind.plural().equals("pods")) {
      return 0;
    }
    String phase = object.path("status").path("phase").asText("");
    if (object.path("spec").path("nodeName").asText("").isEmpty()
        || phase.equals("Succeeded")
        || phase.equals("Failed")) {
      return 0;
    }
    long grace =
        requested.orElseGet(
            () ->
                object.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_SECONDS));
    return grace < 0 ? 1 : grace;
  }
}
