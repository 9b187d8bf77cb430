package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's events about one pod ({@code kubectl describe pod} lists them): core/v1 Events from
 * source {@code kubelet} on this node, an event repeated with the same reason and message counted
 * up ({@code count}, {@code lastTimestamp}) instead of written again, as client-go's recorder does.
 * Used by the pod's worker thread only. Writing an event never fails the pod: an error is logged
 * and the event dropped.
 */
final class PodEvents {
  private static final Logger log = LoggerFactory.getLogger(PodEvents.class);

  /** Where a container reports events: {@code (type, reason, message)}. */
  @FunctionalInterface
  interface Sink {
    void emit(String type, String reason, String message);
  }

  private record Recorded(String name, int count, String first) {}

  private final KubernetesClient client;
  private final Supplier<Pod> pod;
  private final String node;
  private final Map<String, Recorded> recorded = new HashMap<>();
  private long sequence;

  PodEvents(KubernetesClient client, Supplier<Pod> pod, String node) {
    this.client = client;
    this.pod = pod;
    this.node = node;
  }

  /** A sink for one container: events name it as {@code spec.containers{name}}. */
  Sink forContainer(String name, boolean init) {
    String fieldPath = (init ? "spec.initContainers{" : "spec.containers{") + name + "}";
    return (type, reason, message) -> record(fieldPath, "kubelet", type, reason, message);
  }

  /** An event about the pod itself, e.g. {@code Scheduled} from {@code default-scheduler}. */
  void podEvent(String component, String type, String reason, String message) {
    record(null, component, type, reason, message);
  }

  private void record(
      String fieldPath, String component, String type, String reason, String message) {
    Pod current = pod.get();
    String namespace = current.getMetadata().getNamespace();
    String key = fieldPath + "\u0000" + reason + "\u0000" + message;
    String now = Rfc3339.format(Instant.now());
    Recorded before = recorded.get(key);
    try {
      if (before != null) {
        client
            .v1()
            .events()
            .inNamespace(namespace)
            .withName(before.name())
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"count\":" + (before.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
        recorded.put(key, new Recorded(before.name(), before.count() + 1, before.first()));
        return;
      }
      String name =
          current.getMetadata().getName()
              + "."
              + Long.toHexString(System.currentTimeMillis() * 1000 + (sequence++ % 1000));
      Event event =
          new EventBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .endMetadata()
              .withNewInvolvedObject()
              .withApiVersion("v1")
              .withKind("Pod")
              .withNamespace(namespace)
              .withName(current.getMetadata().getName())
              .withUid(current.getMetadata().getUid())
              .withFieldPath(fieldPath)
              .endInvolvedObject()
              .withType(type)
              .withReason(reason)
              .withMessage(message)
              .withNewSource()
              .withComponent(component)
              .withHost(component.equals("kubelet") ? node : null)
              .endSource()
              .withReportingComponent(component)
              .withReportingInstance(component.equals("kubelet") ? node : "")
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .withCount(1)
              .build();
      client.v1().events().inNamespace(namespace).resource(event).create();
      recorded.put(key, new Recorded(name, 1, now));
    } catch (KubernetesClientException e) {
      log.debug(
          "event {} for pod {} dropped: {}", reason, current.getMetadata().getName(), e.toString());
    }
  }
}
