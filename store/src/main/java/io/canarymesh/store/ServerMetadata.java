package io.canarymesh.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The metadata fields the store owns, as pure functions over JSON trees: each returns a new tree
 * and leaves its arguments alone.
 */
final class ServerMetadata {

  /** Fields the server sets; a caller's values for them never survive a write. */
  private static final List<String> OWNED_ON_UPDATE =
      List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds");

  /** What {@code generation} ignores: a change elsewhere is a change of the object's spec. */
  private static final List<String> NOT_SPEC = List.of("metadata", "status");

  private ServerMetadata() {}

  /** The object as first stored: name and namespace from the key, a new uid, generation 1. */
  static ObjectNode created(
      ObjectNode requested, ResourceKey key, long revision, String uid, Instant now) {
    ObjectNode object = requested.deepCopy();
    ObjectNode metadata = identify(object, key);
    metadata.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds"));
    metadata.put("uid", uid);
    metadata.put("creationTimestamp", timestamp(now));
    metadata.put("generation", 1);
    metadata.put("resourceVersion", Long.toString(revision));
    return Json.normalized(object);
  }

  /**
   * The object an update would store, still at the stored revision so that comparing it with {@code
   * stored} tells a no-op apart: owned fields come from {@code stored}, and generation goes up by
   * one when anything outside metadata and status differs. For example, stored generation 3: a new
   * image gives 4; a new label, status or the same spec keeps 3.
   */
  static ObjectNode updated(ObjectNode requested, ObjectNode stored, ResourceKey key) {
    ObjectNode object = Json.normalized(requested);
    ObjectNode metadata = identify(object, key);
    JsonNode storedMetadata = stored.path("metadata");
    metadata.remove(OWNED_ON_UPDATE);
    for (String field : OWNED_ON_UPDATE) {
      if (storedMetadata.has(field)) {
        metadata.set(field, storedMetadata.get(field).deepCopy());
      }
    }
    long generation = generation(stored);
    metadata.put("generation", specChanged(object, stored) ? generation + 1 : generation);
    metadata.set("resourceVersion", storedMetadata.path("resourceVersion").deepCopy());
    return Json.normalized(object);
  }

  /**
   * A delete held up by finalizers, as kube-apiserver marks it: deletionTimestamp now,
   * deletionGracePeriodSeconds 0, generation +1.
   */
  static ObjectNode markedForDeletion(ObjectNode stored, Instant now) {
    ObjectNode object = stored.deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("generation", generation(stored) + 1);
    metadata.put("deletionTimestamp", timestamp(now));
    metadata.put("deletionGracePeriodSeconds", 0);
    return Json.normalized(object);
  }

  /**
   * A graceful delete, as kube-apiserver marks a pod on a node: deletionTimestamp is the time by
   * which the object should be gone (now 10:00:00, grace 30 → 10:00:30), deletionGracePeriodSeconds
   * the grace period, generation +1 (only the first time).
   */
  static ObjectNode markedForGracefulDeletion(
      ObjectNode stored, Instant now, long gracePeriodSeconds) {
    ObjectNode object = stored.deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (!beingDeleted(stored)) {
      metadata.put("generation", generation(stored) + 1);
    }
    metadata.put("deletionTimestamp", timestamp(now.plusSeconds(gracePeriodSeconds)));
    metadata.put("deletionGracePeriodSeconds", gracePeriodSeconds);
    return Json.normalized(object);
  }

  /** {@code metadata.deletionGracePeriodSeconds}, 0 when unset. */
  static long gracePeriodSeconds(ObjectNode object) {
    return object.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
  }

  static ObjectNode withResourceVersion(ObjectNode object, long revision) {
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.get("metadata")).put("resourceVersion", Long.toString(revision));
    return copy;
  }

  /** {@code metadata.resourceVersion} when set and not empty. */
  static Optional<String> resourceVersion(ObjectNode object) {
    return text(object, "resourceVersion");
  }

  static Optional<String> uid(ObjectNode object) {
    return text(object, "uid");
  }

  static boolean hasFinalizers(ObjectNode object) {
    JsonNode finalizers = object.path("metadata").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  static boolean beingDeleted(ObjectNode object) {
    return text(object, "deletionTimestamp").isPresent();
  }

  /** RFC 3339 in UTC to the second, as Kubernetes writes times: {@code 2025-03-01T09:30:00Z}. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static boolean specChanged(ObjectNode a, ObjectNode b) {
    return !a.deepCopy().without(NOT_SPEC).equals(b.deepCopy().without(NOT_SPEC));
  }

  private static long generation(ObjectNode object) {
    return object.path("metadata").path("generation").asLong(0);
  }

  /** Sets name and namespace from the key (no namespace when cluster-scoped); returns metadata. */
  private static ObjectNode identify(ObjectNode object, ResourceKey key) {
    JsonNode existing = object.get("metadata");
    if (existing != null && !existing.isObject() && !existing.isNull()) {
      throw new IllegalArgumentException(
          "metadata of %s must be a JSON object, got %s".formatted(key, existing.getNodeType()));
    }
    ObjectNode metadata =
        existing instanceof ObjectNode given ? given : object.putObject("metadata");
    metadata.put("name", key.name());
    if (key.clusterScoped()) {
      metadata.remove("namespace");
    } else {
      metadata.put("namespace", key.namespace());
    }
    return metadata;
  }

  private static Optional<String> text(ObjectNode object, String field) {
    JsonNode value = object.path("metadata").path(field);
    return value.isValueNode() && !value.asText().isEmpty()
        ? Optional.of(value.asText())
        : Optional.empty();
  }
}
