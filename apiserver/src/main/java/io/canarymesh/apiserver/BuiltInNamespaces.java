package io.canarymesh.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.ResourceKey;
import io.canarymesh.store.StoreException;
import java.util.List;

/** The namespaces that exist from the start, as in a new cluster with Istio installed. */
final class BuiltInNamespaces {
  static final List<String> NAMES =
      List.of("default", "kube-system", "kube-public", "istio-system");

  private BuiltInNamespaces() {}

  /** Creates those that are missing; idempotent across restarts. */
  static void ensure(ObjectStore store) {
    for (String name : NAMES) {
      ResourceKey key = ResourceKey.cluster("namespaces", name);
      if (store.get(key).isPresent()) {
        continue;
      }
      ObjectNode namespace = JsonNodeFactory.instance.objectNode();
      namespace.put("apiVersion", "v1");
      namespace.put("kind", "Namespace");
      ObjectNode meta = namespace.putObject("metadata");
      meta.put("name", name);
      meta.putObject("labels").put("kubernetes.io/metadata.name", name);
      namespace.putObject("spec").putArray("finalizers").add("kubernetes");
      namespace.putObject("status").put("phase", "Active");
      try {
        store.create(key, namespace);
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.ALREADY_EXISTS) {
          throw new IllegalStateException(
              "cannot create namespace " + name + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
