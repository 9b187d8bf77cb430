package io.canarymesh.apiserver;

import java.util.OptionalLong;

/**
 * Where the API server reads container logs from ({@code GET .../pods/NAME/log}): the pod runtime,
 * plugged in with {@link ControlPlane#podLogs(PodLogs)} once both have started. Until one is
 * plugged in the API server answers 400, as kube-apiserver does when it cannot reach the kubelet.
 */
public interface PodLogs {

  /**
   * The log of one container, oldest line first.
   *
   * @throws IllegalArgumentException with a message for the client (answered 400), for example when
   *     {@code previous} is asked for a container that has not restarted
   */
  String read(Request request);

  /**
   * Streams the log ({@code kubectl logs -f}): what {@link #read} would answer, then new output as
   * it is written, until the container stops or {@code open} turns false. Blocks meanwhile. The
   * default sends what {@link #read} answers and ends.
   *
   * @param out receives the bytes in order
   * @throws IllegalArgumentException as {@link #read}, before anything is sent
   */
  default void follow(
      Request request,
      java.util.function.Consumer<byte[]> out,
      java.util.function.BooleanSupplier open) {
    out.accept(read(request).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * One log request, already checked against the pod: the pod exists and has the container.
   *
   * @param uid the pod's uid (a pod deleted and created again under the same name has new logs)
   * @param previous the log of the previous run of the container (after a restart)
   * @param tailLines only the last lines
   * @param sinceSeconds only lines written in the last seconds (when the runtime records times)
   * @param limitBytes at most this many bytes, from the start of what is selected
   */
  record Request(
      String namespace,
      String pod,
      String uid,
      String container,
      boolean previous,
      OptionalLong tailLines,
      OptionalLong sinceSeconds,
      OptionalLong limitBytes) {}
}
