package io.canarymesh.model.defaults;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/**
 * Applies the API server's defaults to an object of a kind we serve, for example a Deployment
 * without {@code replicas} gets {@code 1} and its containers get {@code imagePullPolicy}. Kinds
 * without defaults (ConfigMap, Event, the Istio kinds) are left as they are.
 *
 * <p><b>Mutates {@code object} in place</b>: call it on the object just decoded from a request,
 * never on one shared with a cache. Only unset fields are set, so applying it twice is the same as
 * applying it once, and an object stored after defaulting is unchanged by it.
 */
public final class Defaults {
  private Defaults() {}

  /** Defaults {@code object} in place and returns it, for chaining. */
  public static <T extends HasMetadata> T apply(T object) {
    requireNonNull(object, "object");
    switch (object) {
      case Deployment deployment -> WorkloadDefaults.deployment(deployment);
      case ReplicaSet replicaSet -> WorkloadDefaults.replicaSet(replicaSet);
      case Pod pod -> PodDefaults.pod(pod);
      case Service service -> ServiceDefaults.service(service);
      case Namespace namespace -> CoreDefaults.namespace(namespace);
      case Secret secret -> CoreDefaults.secret(secret);
      case Endpoints endpoints -> CoreDefaults.endpoints(endpoints);
      default -> {}
    }
    return object;
  }
}
