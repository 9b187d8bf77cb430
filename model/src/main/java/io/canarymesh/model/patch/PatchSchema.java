package io.canarymesh.model.patch;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a strategic merge patch needs to know about a kind: for each position in the object, named
 * by its field names from the root with list indices skipped ({@code [spec, template, spec,
 * containers, ports]} is every container's ports), whether a list merges per item by a merge key,
 * merges as a set of primitives, or (anything else) is replaced whole; and whether a map (or a
 * list's items) takes a {@code $retainKeys} directive. These are the {@code patchStrategy}/{@code
 * patchMergeKey} tags of the Kubernetes API types. Immutable.
 */
public final class PatchSchema {
  private static final PatchSchema EMPTY = builder().build();

  private final Map<List<String>, String> mergeKeys;
  private final Set<List<String>> mergeSets;
  private final Set<List<String>> retainKeys;

  private PatchSchema(Builder builder) {
    this.mergeKeys = Map.copyOf(builder.mergeKeys);
    this.mergeSets = Set.copyOf(builder.mergeSets);
    this.retainKeys = Set.copyOf(builder.retainKeys);
  }

  /** No list merges: every list is replaced, as for kinds without patch tags (e.g. Istio's). */
  public static PatchSchema empty() {
    return EMPTY;
  }

  /**
   * The schema of a built-in kind (Deployment, ReplicaSet, Pod, Service, Endpoints, ConfigMap,
   * Secret, Namespace, Event); {@link #empty()} for any other kind.
   */
  public static PatchSchema forKind(String kind) {
    requireNonNull(kind, "kind");
    return BuiltInPatchSchemas.forKind(kind).orElse(EMPTY);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The merge key of the list at {@code path}, if its items merge by key. */
  public Optional<String> mergeKey(List<String> path) {
    requireNonNull(path, "path");
    return Optional.ofNullable(mergeKeys.get(path));
  }

  /** True when the list at {@code path} holds primitives merged as a set (e.g. finalizers). */
  public boolean isMergeSet(List<String> path) {
    requireNonNull(path, "path");
    return mergeSets.contains(path);
  }

  /**
   * True when the map at {@code path} (or each item of the list there) uses retainKeys. Applying a
   * patch honours a {@code $retainKeys} directive wherever it appears, as Kubernetes does; this
   * flag is for code that produces patches (a three-way diff emits the directive only where
   * tagged).
   */
  public boolean retainsKeys(List<String> path) {
    requireNonNull(path, "path");
    return retainKeys.contains(path);
  }

  /**
   * Collects rules by dotted path ({@code "spec.template.spec.containers"}); {@link #nest} places
   * another schema under a prefix, e.g. the pod spec under {@code spec.template.spec}.
   */
  public static final class Builder {
    private final Map<List<String>, String> mergeKeys = new HashMap<>();
    private final Set<List<String>> mergeSets = new HashSet<>();
    private final Set<List<String>> retainKeys = new HashSet<>();

    private Builder() {}

    public Builder mergeKey(String dottedPath, String key) {
      mergeKeys.put(split(dottedPath), requireNonNull(key, "key"));
      return this;
    }

    public Builder mergeSet(String dottedPath) {
      mergeSets.add(split(dottedPath));
      return this;
    }

    public Builder retainKeys(String dottedPath) {
      retainKeys.add(split(dottedPath));
      return this;
    }

    /** Adds every rule of {@code schema} with {@code dottedPrefix} in front of its paths. */
    public Builder nest(String dottedPrefix, PatchSchema schema) {
      List<String> prefix = split(dottedPrefix);
      schema.mergeKeys.forEach((path, key) -> mergeKeys.put(concat(prefix, path), key));
      schema.mergeSets.forEach(path -> mergeSets.add(concat(prefix, path)));
      schema.retainKeys.forEach(path -> retainKeys.add(concat(prefix, path)));
      return this;
    }

    public PatchSchema build() {
      return new PatchSchema(this);
    }

    private static List<String> split(String dottedPath) {
      requireNonNull(dottedPath, "dottedPath");
      return dottedPath.isEmpty() ? List.of() : List.of(dottedPath.split("\\."));
    }

    private static List<String> concat(List<String> prefix, List<String> path) {
      return Stream.concat(prefix.stream(), path.stream()).toList();
    }
  }
}
