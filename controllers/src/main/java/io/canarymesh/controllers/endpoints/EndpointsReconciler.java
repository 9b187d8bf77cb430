package io.canarymesh.controllers.endpoints;

import static java.util.Objects.requireNonNull;

import io.canarymesh.controllers.Informers;
import io.canarymesh.controllers.runtime.Keys;
import io.canarymesh.controllers.runtime.Reconciler;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code syncService}: writes the Endpoints object of a Service with a selector from its selected
 * pods ({@link EndpointSubsets}); deletes the Endpoints of a Service that is gone. Services without
 * a selector keep the Endpoints their users write. Endpoints carry the Service's labels.
 */
public final class EndpointsReconciler implements Reconciler {
  private final KubernetesClient client;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Endpoints> endpoints;

  public EndpointsReconciler(KubernetesClient client, Informers informers) {
    this.client = requireNonNull(client, "client");
    this.services = informers.services();
    this.pods = informers.pods();
    this.endpoints = informers.endpoints();
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    Optional<Service> service = Informers.get(services, key);
    Optional<Endpoints> current = Informers.get(endpoints, key);
    if (service.isEmpty()) {
      current.ifPresent(this::delete);
      return Optional.empty();
    }
    Map<String, String> selector = EndpointSubsets.selector(service.get());
    if (selector.isEmpty()) {
      return Optional.empty();
    }
    List<Pod> selected =
        Informers.inNamespace(pods, Keys.namespace(key)).stream()
            .filter(pod -> EndpointSubsets.matches(selector, pod))
            .toList();
    List<EndpointSubset> subsets = EndpointSubsets.of(service.get(), selected);
    Map<String, String> labels = service.get().getMetadata().getLabels();
    if (current.isEmpty()) {
      client
          .endpoints()
          .inNamespace(Keys.namespace(key))
          .resource(
              new EndpointsBuilder()
                  .withNewMetadata()
                  .withName(Keys.name(key))
                  .withNamespace(Keys.namespace(key))
                  .withLabels(labels == null ? null : new HashMap<>(labels))
                  .endMetadata()
                  .withSubsets(subsets)
                  .build())
          .create();
    } else if (!sameSubsets(current.get().getSubsets(), subsets)
        || !Objects.equals(orEmpty(current.get().getMetadata().getLabels()), orEmpty(labels))) {
      Endpoints copy = client.getKubernetesSerialization().clone(current.get());
      copy.setSubsets(subsets);
      copy.getMetadata().setLabels(labels == null ? null : new HashMap<>(labels));
      client.endpoints().inNamespace(Keys.namespace(key)).resource(copy).update();
    }
    return Optional.empty();
  }

  private static boolean sameSubsets(List<EndpointSubset> a, List<EndpointSubset> b) {
    return Objects.equals(a == null ? List.of() : a, b);
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private void delete(Endpoints stale) {
    try {
      client
          .endpoints()
          .inNamespace(stale.getMetadata().getNamespace())
          .withName(stale.getMetadata().getName())
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
