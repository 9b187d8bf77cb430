package io.canarymesh.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/**
 * Work-queue keys, {@code namespace/name} as client-go's {@code MetaNamespaceKeyFunc} makes them.
 */
public final class Keys {
  private Keys() {}

  public static String of(HasMetadata object) {
    return of(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  public static String of(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  public static String namespace(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  public static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  /** The owner reference with {@code controller: true}, if any ({@code GetControllerOf}). */
  public static Optional<OwnerReference> controllerOf(HasMetadata object) {
    if (object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .findFirst();
  }

  /** Whether {@code object}'s controller is the object with {@code uid}. */
  public static boolean controlledBy(HasMetadata object, String uid) {
    return controllerOf(object).map(ref -> uid.equals(ref.getUid())).orElse(false);
  }
}
