package io.canarymesh.apiserver.rest;

import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.util.Optional;

/**
 * A request path that names resources (KUBE-API.md §D.14), parsed: {@code
 * /api/v1/namespaces/{ns}/{resource}[/{name}[/{sub}]]}, {@code /apis/{group}/{version}/...}, and
 * the cluster-scoped and all-namespaces forms.
 *
 * @param kind the resource's kind
 * @param version the version asked for (Istio kinds are served at three)
 * @param namespace the namespace in the path, or {@code null} (all namespaces, or cluster-scoped)
 * @param name the object's name, or {@code null} for the collection
 * @param subresource {@code status}, {@code scale}, {@code log}, or {@code null}
 */
public record ApiPath(
    Kind kind, String version, String namespace, String name, String subresource) {

  /**
   * Parses {@code path} (no query string); empty when it is not a resource path of a served kind.
   *
   * <p>Examples: {@code /api/v1/namespaces/default/pods} (pods in default), {@code
   * /api/v1/namespaces/default} (the namespace "default"), {@code /apis/apps/v1/deployments} (in
   * every namespace), {@code /apis/apps/v1/namespaces/d/deployments/web/scale}.
   */
  public static Optional<ApiPath> parse(String path, KindRegistry registry) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    int at;
    String group;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      at = 1;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      at = 2;
    } else {
      return Optional.empty();
    }
    String version = parts[at];
    String[] rest = java.util.Arrays.copyOfRange(parts, at + 1, parts.length);
    return resolve(group, version, rest, registry);
  }

  private static Optional<ApiPath> resolve(
      String group, String version, String[] rest, KindRegistry registry) {
    if (rest.length == 0) {
      return Optional.empty();
    }
    // namespaces/{ns}/{resource}/...  — but namespaces/{name}[/status] is the Namespace itself
    if (rest[0].equals("namespaces") && rest.length >= 3) {
      return named(group, version, rest[2], rest[1], rest, 3, registry);
    }
    return named(group, version, rest[0], null, rest, 1, registry);
  }

  private static Optional<ApiPath> named(
      String group,
      String version,
      String plural,
      String namespace,
      String[] rest,
      int from,
      KindRegistry registry) {
    Optional<Kind> kind = registry.byResource(group, version, plural);
    if (kind.isEmpty() || rest.length > from + 2) {
      return Optional.empty();
    }
    if (namespace != null && !kind.get().namespaced()) {
      return Optional.empty();
    }
    String name = rest.length > from ? rest[from] : null;
    String sub = rest.length > from + 1 ? rest[from + 1] : null;
    if (sub != null && !kind.get().subresources().contains(sub)) {
      return Optional.empty();
    }
    return Optional.of(new ApiPath(kind.get(), version, namespace, name, sub));
  }

  /** The {@code apiVersion} objects are answered with: the version asked for. */
  public String apiVersion() {
    return kind.apiVersion(version);
  }

  /** The store's name for the resource: {@code apps/deployments}, {@code pods}. */
  public String storeResource() {
    return storeResource(kind);
  }

  public static String storeResource(Kind kind) {
    return kind.group().isEmpty() ? kind.plural() : kind.group() + "/" + kind.plural();
  }
}
