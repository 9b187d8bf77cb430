package io.canarymesh.controllers.replicaset;

import static java.util.Objects.requireNonNull;

import io.canarymesh.controllers.Informers;
import io.canarymesh.controllers.events.EventRecorder;
import io.canarymesh.controllers.runtime.Expectations;
import io.canarymesh.controllers.runtime.Keys;
import io.canarymesh.controllers.runtime.Reconciler;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code syncReplicaSet}: counts the ReplicaSet's active pods (those it controls, not terminating),
 * creates or deletes the difference once its informer has seen its previous creations and
 * deletions, and writes the status. Pods are named by the API server from {@code <rs-name>-}.
 */
public final class ReplicaSetReconciler implements Reconciler {
  public static final String COMPONENT = "replicaset-controller";

  /** Kubernetes' {@code burstReplicas}: at most this many creations or deletions per pass. */
  static final int BURST = 500;

  private final KubernetesClient client;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<Pod> pods;
  private final Expectations expectations;
  private final EventRecorder events;
  private final Clock clock;

  public ReplicaSetReconciler(
      KubernetesClient client,
      Informers informers,
      Expectations expectations,
      EventRecorder events,
      Clock clock) {
    this.client = requireNonNull(client, "client");
    this.replicaSets = informers.replicaSets();
    this.pods = informers.pods();
    this.expectations = requireNonNull(expectations, "expectations");
    this.events = requireNonNull(events, "events");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    Optional<ReplicaSet> cached = Informers.get(replicaSets, key);
    if (cached.isEmpty()) {
      expectations.delete(key);
      return Optional.empty();
    }
    ReplicaSet rs = cached.get();
    List<Pod> owned =
        Informers.inNamespace(pods, rs.getMetadata().getNamespace()).stream()
            .filter(pod -> Keys.controlledBy(pod, rs.getMetadata().getUid()))
            .toList();
    List<Pod> active = ReplicaSetPods.active(owned);
    if (expectations.satisfied(key) && rs.getMetadata().getDeletionTimestamp() == null) {
      manageReplicas(key, rs, active);
    }
    Instant now = clock.instant();
    writeStatus(rs, ReplicaSetPods.status(rs, active, now));
    return ReplicaSetPods.nextAvailable(rs, active, now);
  }

  private void manageReplicas(String key, ReplicaSet rs, List<Pod> active) {
    int diff = active.size() - ReplicaSetPods.replicas(rs);
    if (diff < 0) {
      int count = Math.min(-diff, BURST);
      expectations.expect(key, count, 0);
      for (int i = 0; i < count; i++) {
        createPod(key, rs);
      }
    } else if (diff > 0) {
      List<Pod> victims = ReplicaSetPods.toDelete(active, Math.min(diff, BURST));
      expectations.expect(key, 0, victims.size());
      for (Pod pod : victims) {
        deletePod(key, rs, pod);
      }
    }
  }

  private void createPod(String key, ReplicaSet rs) {
    try {
      Pod created =
          client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(podFor(rs)).create();
      events.record(
          rs,
          EventRecorder.NORMAL,
          "SuccessfulCreate",
          "Created pod: " + created.getMetadata().getName());
    } catch (KubernetesClientException e) {
      expectations.lower(key, 1, 0);
      events.record(rs, EventRecorder.WARNING, "FailedCreate", "Error creating: " + e.getMessage());
      throw e;
    }
  }

  private void deletePod(String key, ReplicaSet rs, Pod pod) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
      events.record(
          rs,
          EventRecorder.NORMAL,
          "SuccessfulDelete",
          "Deleted pod: " + pod.getMetadata().getName());
    } catch (KubernetesClientException e) {
      expectations.lower(key, 0, 1);
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** {@code GetPodFromTemplate}: the template's labels, annotations and spec, owned by the RS. */
  static Pod podFor(ReplicaSet rs) {
    PodTemplateSpec template = rs.getSpec().getTemplate();
    ObjectMeta templateMeta =
        template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName(rs.getMetadata().getName() + "-")
        .withNamespace(rs.getMetadata().getNamespace())
        .withLabels(
            templateMeta.getLabels() == null ? null : new HashMap<>(templateMeta.getLabels()))
        .withAnnotations(
            templateMeta.getAnnotations() == null
                ? null
                : new HashMap<>(templateMeta.getAnnotations()))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(rs.getMetadata().getName())
                .withUid(rs.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }

  private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
    if (Objects.equals(rs.getStatus(), status)) {
      return;
    }
    ReplicaSet copy = client.getKubernetesSerialization().clone(rs);
    copy.setStatus(status);
    client
        .apps()
        .replicaSets()
        .inNamespace(rs.getMetadata().getNamespace())
        .resource(copy)
        .updateStatus();
  }
}
