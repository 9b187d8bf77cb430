package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.apiserver.PodLogs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET pods/NAME/log}: checks the request against the pod the way kube-apiserver does (which
 * container, numeric parameters), then reads the text from the pod runtime; with {@code
 * follow=true} it streams it as a chunked response until the container stops.
 */
final class LogSubresource {

  ApiResponse read(ApiPath path, ApiRequest request, ObjectNode pod, Optional<PodLogs> logs) {
    if (!request.method().equals("GET")) {
      throw ApiException.methodNotAllowed(request.method());
    }
    PodLogs.Request query = query(path, request, pod);
    PodLogs source = source(path, logs);
    try {
      byte[] text = source.read(query).getBytes(StandardCharsets.UTF_8);
      return new ApiResponse(200, "text/plain", text, List.of());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /**
   * {@code follow=true}: checks as {@link #read} does, then streams until the container stops or
   * the client goes away; a problem found before streaming is an {@link ApiException}.
   */
  void follow(
      ApiPath path, ApiRequest request, ObjectNode pod, Optional<PodLogs> logs, WatchSink sink) {
    PodLogs.Request query = query(path, request, pod);
    PodLogs source = source(path, logs);
    java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    sink.onClose(() -> open.set(false));
    try {
      source.follow(query, sink::send, open::get);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    sink.end();
  }

  private static PodLogs source(ApiPath path, Optional<PodLogs> logs) {
    return logs.orElseThrow(
        () ->
            ApiException.badRequest(
                "pods \"" + path.name() + "\": no pod runtime serves container logs"));
  }

  private static PodLogs.Request query(ApiPath path, ApiRequest request, ObjectNode pod) {
    String container = container(path.name(), pod, request.param("container"));
    return new PodLogs.Request(
        path.namespace(),
        path.name(),
        pod.path("metadata").path("uid").asText(),
        container,
        request.flag("previous"),
        number(request, "tailLines"),
        number(request, "sinceSeconds"),
        number(request, "limitBytes"));
  }

  /** The container asked for, or the only one; Kubernetes' messages otherwise. */
  private static String container(String podName, ObjectNode pod, Optional<String> asked) {
    List<String> names = new ArrayList<>();
    for (JsonNode container : pod.path("spec").path("containers")) {
      names.add(container.path("name").asText());
    }
    if (asked.isPresent()) {
      if (!names.contains(asked.get())) {
        throw ApiException.badRequest(
            "container " + asked.get() + " is not valid for pod " + podName);
      }
      return asked.get();
    }
    if (names.size() != 1) {
      throw ApiException.badRequest(
          "a container name must be specified for pod "
              + podName
              + ", choose one of: ["
              + String.join(" ", names)
              + "]");
    }
    return names.get(0);
  }

  private static OptionalLong number(ApiRequest request, String name) {
    Optional<String> value = request.param(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return OptionalLong.of(parsed);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name + ": Invalid value: \"" + value.get() + "\": must be a non-negative integer");
    }
  }
}
