package io.canarymesh.model;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One kind of resource the platform serves: its API coordinates, the names kubectl knows it by and
 * the fabric8 type that holds it. A kind may be served at several versions of one group (Istio's
 * v1alpha3, v1beta1 and v1 share one schema); the first version is the preferred one.
 *
 * @param group API group, {@code ""} for the core group
 * @param versions served versions, preferred first
 * @param kind e.g. {@code Deployment}
 * @param plural resource name in URLs, e.g. {@code deployments}
 * @param singular e.g. {@code deployment}
 * @param shortNames e.g. {@code deploy}
 * @param namespaced false for cluster-scoped kinds such as namespaces
 * @param categories e.g. {@code all}, {@code istio-io}
 * @param subresources e.g. {@code status}, {@code scale}
 * @param type the fabric8 class every served version decodes into
 */
public record Kind(
    String group,
    List<String> versions,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    boolean namespaced,
    List<String> categories,
    List<String> subresources,
    Class<? extends HasMetadata> type) {

  public Kind {
    requireNonNull(group, "group");
    versions = List.copyOf(versions);
    requireNonNull(kind, "kind");
    requireNonNull(plural, "plural");
    requireNonNull(singular, "singular");
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    subresources = List.copyOf(subresources);
    requireNonNull(type, "type");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("kind " + kind + " needs at least one version");
    }
  }

  /** The preferred version: the one the platform stores and answers with by default. */
  public String preferredVersion() {
    return versions.get(0);
  }

  /** {@code apps/v1}, or {@code v1} for the core group, at the preferred version. */
  public String apiVersion() {
    return apiVersion(preferredVersion());
  }

  public String apiVersion(String version) {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public boolean servesVersion(String version) {
    return versions.contains(version);
  }

  /** The name kubectl prints for the resource type: {@code deployment.apps}, {@code pod}. */
  public String qualifiedSingular() {
    return group.isEmpty() ? singular : singular + "." + group;
  }

  /** The name used in Status messages: {@code deployments.apps}, {@code pods}. */
  public String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
