package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

/**
 * Where an object lives: its resource, namespace and name.
 *
 * @param resource {@code group/plural} such as {@code apps/deployments}, or the plural alone for
 *     the core group ({@code pods}); the caller decides, the store only compares
 * @param namespace the namespace, {@code ""} for cluster-scoped objects
 * @param name the object's name
 */
public record ResourceKey(String resource, String namespace, String name) {

  public ResourceKey {
    requireNonNull(resource, "resource");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    if (resource.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException(
          "resource and name must not be empty: resource=\"%s\", name=\"%s\""
              .formatted(resource, name));
    }
  }

  /** A cluster-scoped key, such as a namespace's: {@code cluster("namespaces", "default")}. */
  public static ResourceKey cluster(String resource, String name) {
    return new ResourceKey(resource, "", name);
  }

  /** Whether the object is cluster-scoped (its namespace is {@code ""}). */
  public boolean clusterScoped() {
    return namespace.isEmpty();
  }

  /**
   * The resource as Kubernetes names it in messages, plural then group: {@code apps/deployments} →
   * {@code deployments.apps}, {@code networking.istio.io/virtualservices} → {@code
   * virtualservices.networking.istio.io}, {@code pods} → {@code pods}.
   */
  public String qualifiedResource() {
    int slash = resource.indexOf('/');
    return slash < 0
        ? resource
        : resource.substring(slash + 1) + "." + resource.substring(0, slash);
  }

  /** {@code apps/deployments/default/web}, or {@code namespaces/default} when cluster-scoped. */
  @Override
  public String toString() {
    return clusterScoped() ? resource + "/" + name : resource + "/" + namespace + "/" + name;
  }
}
