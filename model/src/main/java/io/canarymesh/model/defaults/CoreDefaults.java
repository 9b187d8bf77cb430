package io.canarymesh.model.defaults;

import static io.canarymesh.model.defaults.PodSpecDefaults.orEmpty;
import static io.canarymesh.model.defaults.WorkloadDefaults.isEmpty;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;

/** The small core/v1 defaults of Namespace, Secret and Endpoints. */
final class CoreDefaults {
  /** The label every namespace carries with its own name, so selectors can pick namespaces. */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private CoreDefaults() {}

  static void namespace(Namespace namespace) {
    // Not for generateName: the name is not known yet.
    if (namespace.getMetadata() != null && !isEmpty(namespace.getMetadata().getName())) {
      if (namespace.getMetadata().getLabels() == null) {
        namespace.getMetadata().setLabels(new LinkedHashMap<>());
      }
      namespace
          .getMetadata()
          .getLabels()
          .put(NAMESPACE_NAME_LABEL, namespace.getMetadata().getName());
    }
    if (namespace.getStatus() == null) {
      namespace.setStatus(new NamespaceStatus());
    }
    if (isEmpty(namespace.getStatus().getPhase())) {
      namespace.getStatus().setPhase("Active");
    }
  }

  static void secret(Secret secret) {
    if (isEmpty(secret.getType())) {
      secret.setType("Opaque");
    }
  }

  static void endpoints(Endpoints endpoints) {
    for (EndpointSubset subset : orEmpty(endpoints.getSubsets())) {
      for (EndpointPort port : orEmpty(subset.getPorts())) {
        if (isEmpty(port.getProtocol())) {
          port.setProtocol("TCP");
        }
      }
    }
  }
}
