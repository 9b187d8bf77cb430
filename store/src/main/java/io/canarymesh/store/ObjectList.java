package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The objects of one resource, ordered by namespace then name, as of one revision.
 *
 * @param items the objects; each a fresh copy the caller may change
 * @param revision the store's revision when listed: a watch from it misses nothing and repeats
 *     nothing (the list's {@code metadata.resourceVersion})
 */
public record ObjectList(List<ObjectNode> items, long revision) {

  public ObjectList {
    items = List.copyOf(requireNonNull(items, "items"));
  }
}
