package io.canarymesh.mesh.compiler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/**
 * A resource's kind, namespace and name, printed as {@code VirtualService default/micro-api}. A
 * resource without a namespace is in {@code default}, as {@code kubectl apply} would put it.
 */
record ResourceId(String kind, String namespace, String name) {
  static final String DEFAULT_NAMESPACE = "default";

  /**
   * Istio's order for resources that compete (VirtualServices merged on a gateway, two
   * DestinationRules for one host): oldest first, then by namespace and name.
   */
  static final Comparator<HasMetadata> ISTIO_ORDER =
      Comparator.comparing(ResourceId::creationTimestamp)
          .thenComparing(resource -> of(resource).namespace())
          .thenComparing(resource -> of(resource).name());

  static ResourceId of(HasMetadata resource) {
    String kind =
        resource.getKind() == null ? HasMetadata.getKind(resource.getClass()) : resource.getKind();
    var meta = resource.getMetadata();
    String namespace = meta == null ? null : meta.getNamespace();
    String name = meta == null || meta.getName() == null ? "" : meta.getName();
    return new ResourceId(
        kind, namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace, name);
  }

  /** The same namespace and name, as another kind: the Service an Endpoints object belongs to. */
  ResourceId withKind(String otherKind) {
    return new ResourceId(otherKind, namespace, name);
  }

  /** {@code default/micro-gateway}: how gateways are referred to. */
  String namespacedName() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }

  /** RFC 3339 sorts as text; resources without a timestamp (read from files) come first. */
  private static String creationTimestamp(HasMetadata resource) {
    var meta = resource.getMetadata();
    return meta == null || meta.getCreationTimestamp() == null ? "" : meta.getCreationTimestamp();
  }
}
