package io.canarymesh.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.Kind;
import java.util.List;

/**
 * The verbs discovery advertises for a resource and its subresources, as kube-apiserver 1.32 does.
 *
 * <ul>
 *   <li>Built-in kinds: every verb, sorted ({@code create, delete, deletecollection, get, list,
 *       patch, update, watch}), except namespaces, which have no {@code deletecollection}.
 *   <li>Custom resources (the Istio kinds, served by real clusters through CRDs): the same eight
 *       verbs in the order the CRD handler lists them ({@code delete, deletecollection, get, list,
 *       patch, create, update, watch}).
 *   <li>{@code status} and {@code scale}: {@code get, patch, update}; {@code log}: {@code get}.
 * </ul>
 */
public final class ResourceVerbs {
  private static final List<String> BUILT_IN =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> NAMESPACES =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");
  private static final List<String> CUSTOM_RESOURCE =
      List.of("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");
  private static final List<String> GET_PATCH_UPDATE = List.of("get", "patch", "update");
  private static final List<String> GET = List.of("get");

  private ResourceVerbs() {}

  /** The verbs on the resource itself ({@code /deployments}, {@code /deployments/{name}}). */
  public static List<String> of(Kind kind) {
    requireNonNull(kind, "kind");
    if (isCustomResource(kind)) {
      return CUSTOM_RESOURCE;
    }
    return kind.group().isEmpty() && kind.plural().equals("namespaces") ? NAMESPACES : BUILT_IN;
  }

  /**
   * The verbs on a subresource: {@code status}, {@code scale}, {@code log} or {@code binding}.
   *
   * @throws IllegalArgumentException for a subresource the platform does not know
   */
  public static List<String> ofSubresource(String subresource) {
    requireNonNull(subresource, "subresource");
    return switch (subresource) {
      case "status", "scale" -> GET_PATCH_UPDATE;
      case "log" -> GET;
      case "binding" -> List.of("create");
      default -> throw new IllegalArgumentException("unknown subresource " + subresource);
    };
  }

  /**
   * Whether a real cluster would serve the kind through a CustomResourceDefinition: its group is
   * neither the core group, a dot-less built-in group such as {@code apps}, nor one under {@code
   * k8s.io} (which only Kubernetes itself may use). {@code networking.istio.io} is one.
   */
  static boolean isCustomResource(Kind kind) {
    String group = kind.group();
    return group.contains(".") && !group.endsWith(".k8s.io");
  }
}
