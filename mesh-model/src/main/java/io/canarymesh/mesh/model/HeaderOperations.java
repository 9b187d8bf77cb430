package io.canarymesh.mesh.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Header edits, applied as Envoy applies Istio's: remove, then set (replacing), then add
 * (appending). Header names are lower case.
 *
 * @param set replace or create these headers
 * @param add append these values
 * @param remove drop these headers
 */
public record HeaderOperations(
    Map<String, String> set, Map<String, String> add, List<String> remove) {
  /** No edits. */
  public static final HeaderOperations NONE = new HeaderOperations(Map.of(), Map.of(), List.of());

  public HeaderOperations {
    set = lowerCaseKeys(set);
    add = lowerCaseKeys(add);
    remove = remove.stream().map(name -> name.toLowerCase(Locale.ROOT)).sorted().toList();
  }

  public boolean isEmpty() {
    return set.isEmpty() && add.isEmpty() && remove.isEmpty();
  }

  /** A sorted, unmodifiable copy with lower-case keys, so rendering is stable. */
  private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
    TreeMap<String, String> sorted = new TreeMap<>();
    headers.forEach((name, value) -> sorted.put(name.toLowerCase(Locale.ROOT), value));
    return java.util.Collections.unmodifiableSortedMap(sorted);
  }
}
