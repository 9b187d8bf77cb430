package io.canarymesh.controllers.events;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes core/v1 Events about an object, as client-go's recorder does: the first occurrence of an
 * (object, type, reason, message, source) creates an Event named {@code <object>.<hex nanos>} with
 * count 1; every repeat PATCHes that Event's {@code count} and {@code lastTimestamp} instead of
 * creating another ({@code kubectl describe} then shows {@code (x3 over 2m)}). A failed write is
 * logged and dropped: events are best effort and never fail a reconcile.
 */
public final class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  /** Kubernetes keeps 4096 aggregation entries; an evicted entry just starts a new Event. */
  static final int CACHE_SIZE = 4096;

  private static final System.Logger LOG = System.getLogger(EventRecorder.class.getName());
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

  private record Seen(String eventName, String namespace, int count) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final String component;
  private final Map<String, Seen> seen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
          return size() > CACHE_SIZE;
        }
      };
  private long lastNanos;

  public EventRecorder(KubernetesClient client, Clock clock, String component) {
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.component = requireNonNull(component, "component");
  }

  /** Records {@code reason}/{@code message} on {@code object} ({@code Eventf}). */
  public synchronized void record(HasMetadata object, String type, String reason, String message) {
    requireNonNull(object, "object");
    ObjectReference ref = referenceTo(object);
    String key =
        String.join(
            "\u0000",
            ref.getKind(),
            ref.getNamespace(),
            ref.getName(),
            ref.getUid(),
            type,
            reason,
            message,
            component);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Seen previous = seen.get(key);
    try {
      if (previous != null && increment(previous, now)) {
        seen.put(key, new Seen(previous.eventName, previous.namespace, previous.count + 1));
        return;
      }
      String name = ref.getName() + "." + Long.toHexString(uniqueNanos());
      client
          .v1()
          .events()
          .inNamespace(ref.getNamespace())
          .resource(event(name, ref, type, reason, message, now))
          .create();
      seen.put(key, new Seen(name, ref.getNamespace(), 1));
    } catch (KubernetesClientException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot record event " + reason + " on " + ref.getName() + ": " + e.getMessage());
    }
  }

  /** PATCHes count and lastTimestamp; false when the Event is gone (a new one is created). */
  private boolean increment(Seen previous, Instant now) {
    String patch =
        "{\"count\":"
            + (previous.count + 1)
            + ",\"lastTimestamp\":\""
            + RFC3339.format(now)
            + "\"}";
    try {
      client
          .v1()
          .events()
          .inNamespace(previous.namespace)
          .withName(previous.eventName)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private Event event(
      String name, ObjectReference ref, String type, String reason, String message, Instant now) {
    String time = RFC3339.format(now);
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ref.getNamespace())
        .endMetadata()
        .withInvolvedObject(ref)
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withNewSource()
        .withComponent(component)
        .endSource()
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .withReportingComponent(component)
        .build();
  }

  private long uniqueNanos() {
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastNanos = Math.max(nanos, lastNanos + 1);
    return lastNanos;
  }

  static ObjectReference referenceTo(HasMetadata object) {
    return new ObjectReferenceBuilder()
        .withApiVersion(object.getApiVersion())
        .withKind(object.getKind())
        .withNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .withUid(object.getMetadata().getUid())
        .withResourceVersion(object.getMetadata().getResourceVersion())
        .build();
  }
}
