package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One committed change, as the change log keeps it.
 *
 * @param revision the change's revision, also the object's resourceVersion in {@code json}
 * @param type what happened
 * @param key which object
 * @param json the object after the change (for DELETED, its last state with the deleting revision),
 *     as JSON text: ready to stream, and shared safely between watchers
 */
public record WatchEvent(long revision, Type type, ResourceKey key, String json) {

  /** The event types of a Kubernetes watch stream that the log records. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  public WatchEvent {
    requireNonNull(type, "type");
    requireNonNull(key, "key");
    requireNonNull(json, "json");
  }

  /** The object, parsed afresh: the caller may change it. */
  public ObjectNode object() {
    return Json.parseObject(json);
  }
}
