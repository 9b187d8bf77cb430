package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a delete did.
 *
 * @param object the object as it ends: with the deleting revision as its resourceVersion when
 *     removed, or marked with a {@code deletionTimestamp} while finalizers remain
 * @param removed {@code true} when the object is gone; {@code false} while its finalizers hold it
 *     (kube-apiserver answers 202 Accepted then, 200 OK otherwise)
 */
public record Deletion(ObjectNode object, boolean removed) {

  public Deletion {
    requireNonNull(object, "object");
  }
}
