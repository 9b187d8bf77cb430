package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.canarymesh.controllers.Informers;
import io.canarymesh.controllers.events.EventRecorder;
import io.canarymesh.controllers.runtime.Keys;
import io.canarymesh.controllers.runtime.Reconciler;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kubernetes' {@code syncDeployment}: one pass reads the Deployment and the ReplicaSets it controls
 * from the informer caches, takes one step of the rollout with the pure arithmetic of this package
 * ({@link RollingUpdate}, {@link Recreate}, {@link ProportionalScaling}), and writes the status
 * ({@link RolloutStatus}) through the {@code /status} subresource. Every write carries the
 * resourceVersion it was computed from, so a stale pass fails with 409 and is retried.
 */
public final class DeploymentReconciler implements Reconciler {
  public static final String COMPONENT = "deployment-controller";

  private final KubernetesClient client;
  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<Pod> pods;
  private final EventRecorder events;
  private final Clock clock;

  public DeploymentReconciler(
      KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.deployments = informers.deployments();
    this.replicaSets = informers.replicaSets();
    this.pods = informers.pods();
    this.events = requireNonNull(events, "events");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    Optional<Deployment> cached = Informers.get(deployments, key);
    if (cached.isEmpty()) {
      return Optional.empty();
    }
    Deployment deployment = cached.get();
    LabelSelector selector = deployment.getSpec().getSelector();
    if (selector == null
        || (isEmpty(selector.getMatchLabels()) && isEmpty(selector.getMatchExpressions()))) {
      return Optional.empty(); // Kubernetes refuses to select every pod; validation prevents it.
    }
    List<ReplicaSet> owned =
        Informers.inNamespace(replicaSets, deployment.getMetadata().getNamespace()).stream()
            .filter(rs -> Keys.controlledBy(rs, deployment.getMetadata().getUid()))
            .toList();
    return new Pass(deployment, owned, clock.instant()).run();
  }

  private static boolean isEmpty(java.util.Collection<?> c) {
    return c == null || c.isEmpty();
  }

  private static boolean isEmpty(Map<?, ?> m) {
    return m == null || m.isEmpty();
  }

  /** One reconcile pass; holds the latest Deployment and ReplicaSets as writes return them. */
  private final class Pass {
    private Deployment deployment;
    private final List<ReplicaSet> replicaSets;
    private final Instant now;

    Pass(Deployment deployment, List<ReplicaSet> replicaSets, Instant now) {
      this.deployment = deployment;
      this.replicaSets = new ArrayList<>(replicaSets);
      this.now = now;
    }

    Optional<Duration> run() {
      if (deployment.getMetadata().getDeletionTimestamp() != null) {
        return syncStatusOnly();
      }
      Optional<DeploymentStatus> paused = RolloutStatus.pausedConditions(deployment, now);
      if (paused.isPresent()) {
        updateStatus(paused.get());
      }
      if (Boolean.TRUE.equals(deployment.getSpec().getPaused()) || isScalingEvent()) {
        return sync();
      }
      return params().strategy() == Strategy.RECREATE ? rolloutRecreate() : rolloutRolling();
    }

    /** {@code rolloutRolling}: scale the new ReplicaSet up, or old ones down, or clean up. */
    private Optional<Duration> rolloutRolling() {
      newReplicaSet(true);
      List<Scaling> scalings = RollingUpdate.step(params(), group());
      if (!scalings.isEmpty()) {
        apply(scalings);
        return syncRolloutStatus();
      }
      if (RolloutStatus.deploymentComplete(deployment, status())) {
        cleanup();
      }
      return syncRolloutStatus();
    }

    /**
     * {@code rolloutRecreate}: old ReplicaSets to 0, wait for their pods to go, new to replicas.
     */
    private Optional<Duration> rolloutRecreate() {
      Optional<ReplicaSet> newRS = newReplicaSet(false);
      ReplicaSetGroup group = group();
      boolean oldPodsRunning = oldPodsRunning(group);
      if (newRS.isEmpty() && group.activeOld().isEmpty() && !oldPodsRunning) {
        newReplicaSet(true);
        group = group();
      }
      if (group.newRS().isEmpty()) {
        apply(Recreate.step(params(), group, true));
        return syncRolloutStatus();
      }
      List<Scaling> scalings = Recreate.step(params(), group, oldPodsRunning);
      apply(scalings);
      if (scalings.isEmpty() && RolloutStatus.deploymentComplete(deployment, status())) {
        cleanup();
      }
      return syncRolloutStatus();
    }

    /** {@code sync}: a scaling event or a paused Deployment; proportional scaling, no rollout. */
    private Optional<Duration> sync() {
      newReplicaSet(false);
      apply(ProportionalScaling.scale(params(), orZero(status().getReplicas()), group()));
      if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
        cleanup();
      }
      return syncStatusOnly();
    }

    private Optional<Duration> syncStatusOnly() {
      DeploymentStatus next = RolloutStatus.calculate(deployment, group(), now);
      if (!Objects.equals(next, deployment.getStatus())) {
        updateStatus(next);
      }
      return Optional.empty();
    }

    private Optional<Duration> syncRolloutStatus() {
      DeploymentStatus next = RolloutStatus.sync(deployment, group(), now);
      Optional<Duration> requeue = RolloutStatus.requeueAfter(deployment, next, now);
      if (!Objects.equals(next, deployment.getStatus())) {
        updateStatus(next);
      }
      // Kubernetes adds a second against clock skew; the timeout check is strict.
      return requeue.map(d -> d.plusSeconds(1));
    }

    /** Whether an active ReplicaSet was last scaled for another size ({@code isScalingEvent}). */
    private boolean isScalingEvent() {
      int replicas = params().replicas();
      return group().all().stream()
          .filter(ReplicaSetSnapshot::isActive)
          .anyMatch(
              rs ->
                  rs.desiredReplicas().isPresent() && rs.desiredReplicas().getAsInt() != replicas);
    }

    /**
     * {@code getNewReplicaSet}: the ReplicaSet whose template is the Deployment's, its revision
     * brought up to date (a revived one after undo takes the next revision); created when asked and
     * missing. Also copies its revision to the Deployment.
     */
    private Optional<ReplicaSet> newReplicaSet(boolean create) {
      List<ReplicaSet> old = ReplicaSetSelection.findOldReplicaSets(deployment, replicaSets).all();
      String newRevision = Revisions.nextRevision(old);
      Optional<ReplicaSet> existing =
          ReplicaSetSelection.findNewReplicaSet(deployment, replicaSets);
      if (existing.isPresent()) {
        return Optional.of(syncExisting(existing.get(), newRevision));
      }
      if (!create) {
        return Optional.empty();
      }
      return Optional.of(createNew(newRevision));
    }

    private ReplicaSet syncExisting(ReplicaSet rs, String newRevision) {
      ReplicaSetAnnotations.Update update =
          ReplicaSetAnnotations.forNewReplicaSet(
              deployment, rs.getMetadata().getAnnotations(), newRevision, true);
      Integer minReady = deployment.getSpec().getMinReadySeconds();
      boolean minReadyChanged =
          !Objects.equals(orZero(minReady), orZero(rs.getSpec().getMinReadySeconds()));
      if (update.changed() || minReadyChanged) {
        ReplicaSet copy = client.getKubernetesSerialization().clone(rs);
        copy.getMetadata().setAnnotations(new HashMap<>(update.annotations()));
        copy.getSpec().setMinReadySeconds(minReady);
        return replace(
            client
                .apps()
                .replicaSets()
                .inNamespace(rs.getMetadata().getNamespace())
                .resource(copy)
                .update());
      }
      syncDeploymentRevision(annotation(rs, Revisions.ANNOTATION));
      Optional<DeploymentStatus> found =
          RolloutStatus.foundNewReplicaSet(deployment, rs.getMetadata().getName(), now);
      found.ifPresent(this::updateStatus);
      return rs;
    }

    private ReplicaSet createNew(String newRevision) {
      String hash = PodTemplateHash.of(deployment);
      ReplicaSet rs = newReplicaSetObject(hash, newRevision);
      List<ReplicaSetSnapshot> all = new ArrayList<>(group().all());
      ReplicaSetSnapshot snapshot = ReplicaSetSnapshot.of(rs.getMetadata().getName(), now, 0, 0);
      all.add(snapshot);
      int replicas = RollingUpdate.newRSNewReplicas(params(), all, snapshot);
      rs.getSpec().setReplicas(replicas);
      ReplicaSet created;
      try {
        created =
            client
                .apps()
                .replicaSets()
                .inNamespace(deployment.getMetadata().getNamespace())
                .resource(rs)
                .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        created = adoptOrCollide(rs, e);
        return replace(created);
      }
      replace(created);
      if (replicas > 0) {
        events.record(
            deployment,
            EventRecorder.NORMAL,
            Scaling.EVENT_REASON,
            new Scaling(rs.getMetadata().getName(), 0, replicas).message());
      }
      syncDeploymentRevision(newRevision);
      updateStatus(RolloutStatus.newReplicaSetCreated(deployment, rs.getMetadata().getName(), now));
      return created;
    }

    /**
     * The name is taken: ours if it is this Deployment's with the same template (our cache lags),
     * else a hash collision, escaped by bumping {@code status.collisionCount}.
     */
    private ReplicaSet adoptOrCollide(ReplicaSet wanted, KubernetesClientException cause) {
      ReplicaSet live =
          client
              .apps()
              .replicaSets()
              .inNamespace(wanted.getMetadata().getNamespace())
              .withName(wanted.getMetadata().getName())
              .get();
      if (live != null
          && Keys.controlledBy(live, deployment.getMetadata().getUid())
          && CanonicalTemplate.equalIgnoreHash(
              live.getSpec().getTemplate(), deployment.getSpec().getTemplate())) {
        return live;
      }
      DeploymentStatus status = copyStatus();
      status.setCollisionCount(orZero(status.getCollisionCount()) + 1);
      updateStatus(status);
      throw cause;
    }

    private ReplicaSet newReplicaSetObject(String hash, String newRevision) {
      PodTemplateSpec template =
          client.getKubernetesSerialization().clone(deployment.getSpec().getTemplate());
      Map<String, String> labels = new HashMap<>();
      if (template.getMetadata().getLabels() != null) {
        labels.putAll(template.getMetadata().getLabels());
      }
      labels.put(CanonicalTemplate.HASH_LABEL, hash);
      template.getMetadata().setLabels(labels);
      LabelSelector selector =
          client.getKubernetesSerialization().clone(deployment.getSpec().getSelector());
      Map<String, String> matchLabels = new HashMap<>();
      if (selector.getMatchLabels() != null) {
        matchLabels.putAll(selector.getMatchLabels());
      }
      matchLabels.put(CanonicalTemplate.HASH_LABEL, hash);
      selector.setMatchLabels(matchLabels);
      return new ReplicaSetBuilder()
          .withNewMetadata()
          .withName(PodTemplateHash.replicaSetName(deployment.getMetadata().getName(), hash))
          .withNamespace(deployment.getMetadata().getNamespace())
          .withLabels(new HashMap<>(labels))
          .withAnnotations(
              new HashMap<>(
                  ReplicaSetAnnotations.forNewReplicaSet(deployment, Map.of(), newRevision, false)
                      .annotations()))
          .withOwnerReferences(
              new OwnerReferenceBuilder()
                  .withApiVersion("apps/v1")
                  .withKind("Deployment")
                  .withName(deployment.getMetadata().getName())
                  .withUid(deployment.getMetadata().getUid())
                  .withController(true)
                  .withBlockOwnerDeletion(true)
                  .build())
          .endMetadata()
          .withNewSpec()
          .withReplicas(0)
          .withMinReadySeconds(deployment.getSpec().getMinReadySeconds())
          .withSelector(selector)
          .withTemplate(template)
          .endSpec()
          .build();
    }

    /** Sets the Deployment's revision annotation to its new ReplicaSet's. */
    private void syncDeploymentRevision(String revision) {
      if (revision == null || revision.equals(annotation(deployment, Revisions.ANNOTATION))) {
        return;
      }
      // A metadata-only change: the generation stays, so rollout status is not disturbed.
      Deployment copy = client.getKubernetesSerialization().clone(deployment);
      Map<String, String> annotations =
          copy.getMetadata().getAnnotations() == null
              ? new HashMap<>()
              : new HashMap<>(copy.getMetadata().getAnnotations());
      annotations.put(Revisions.ANNOTATION, revision);
      copy.getMetadata().setAnnotations(annotations);
      deployment =
          client
              .apps()
              .deployments()
              .inNamespace(copy.getMetadata().getNamespace())
              .resource(copy)
              .update();
    }

    /** Applies scalings in order ({@code scaleReplicaSet}), recording ScalingReplicaSet events. */
    private void apply(List<Scaling> scalings) {
      RolloutParams params = params();
      for (Scaling scaling : scalings) {
        ReplicaSet rs =
            replicaSets.stream()
                .filter(r -> r.getMetadata().getName().equals(scaling.replicaSet()))
                .findFirst()
                .orElseThrow();
        ReplicaSetAnnotations.Update annotations =
            ReplicaSetAnnotations.withReplicas(
                rs.getMetadata().getAnnotations(), params.replicas(), params.maxTotalPods());
        boolean sizeChanged = !Objects.equals(rs.getSpec().getReplicas(), scaling.to());
        if (!sizeChanged && !annotations.changed()) {
          continue;
        }
        ReplicaSet copy = client.getKubernetesSerialization().clone(rs);
        copy.getSpec().setReplicas(scaling.to());
        copy.getMetadata().setAnnotations(new HashMap<>(annotations.annotations()));
        replace(
            client
                .apps()
                .replicaSets()
                .inNamespace(copy.getMetadata().getNamespace())
                .resource(copy)
                .update());
        if (sizeChanged) {
          events.record(
              deployment,
              EventRecorder.NORMAL,
              Scaling.EVENT_REASON,
              new Scaling(scaling.replicaSet(), orZero(rs.getSpec().getReplicas()), scaling.to())
                  .message());
        }
      }
    }

    /**
     * {@code cleanupDeployment}: deletes the oldest fully scaled-down old ReplicaSets beyond {@code
     * revisionHistoryLimit} (2 with a limit of 1 and 3 old → the lowest revision goes).
     */
    private void cleanup() {
      Integer limit = deployment.getSpec().getRevisionHistoryLimit();
      if (limit == null) {
        return;
      }
      List<ReplicaSet> cleanable =
          ReplicaSetSelection.findOldReplicaSets(deployment, replicaSets).all().stream()
              .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
              .sorted(Comparator.comparingLong(DeploymentReconciler::revisionOrZero))
              .toList();
      int diff = cleanable.size() - limit;
      for (int i = 0; i < diff; i++) {
        ReplicaSet rs = cleanable.get(i);
        if (rs.getStatus() == null
            || orZero(rs.getStatus().getReplicas()) != 0
            || orZero(rs.getSpec().getReplicas()) != 0
            || orZero(rs.getMetadata().getGeneration())
                > orZero(rs.getStatus().getObservedGeneration())) {
          continue;
        }
        try {
          client
              .apps()
              .replicaSets()
              .inNamespace(rs.getMetadata().getNamespace())
              .withName(rs.getMetadata().getName())
              .delete();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
        replicaSets.remove(rs);
      }
    }

    /** {@code oldPodsRunning}: an old ReplicaSet reports pods, or one of its pods is not done. */
    private boolean oldPodsRunning(ReplicaSetGroup group) {
      if (group.oldRSs().stream().anyMatch(rs -> rs.replicas() > 0)) {
        return true;
      }
      Set<String> oldUids =
          ReplicaSetSelection.findOldReplicaSets(deployment, replicaSets).all().stream()
              .map(rs -> rs.getMetadata().getUid())
              .collect(Collectors.toSet());
      return Informers.inNamespace(pods, deployment.getMetadata().getNamespace()).stream()
          .filter(
              pod -> Keys.controllerOf(pod).map(r -> oldUids.contains(r.getUid())).orElse(false))
          .anyMatch(
              pod -> {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                return !"Failed".equals(phase) && !"Succeeded".equals(phase);
              });
    }

    private void updateStatus(DeploymentStatus status) {
      Deployment copy = client.getKubernetesSerialization().clone(deployment);
      copy.setStatus(status);
      deployment =
          client
              .apps()
              .deployments()
              .inNamespace(copy.getMetadata().getNamespace())
              .resource(copy)
              .updateStatus();
    }

    private ReplicaSet replace(ReplicaSet updated) {
      replicaSets.removeIf(rs -> rs.getMetadata().getUid().equals(updated.getMetadata().getUid()));
      replicaSets.add(updated);
      return updated;
    }

    private ReplicaSetGroup group() {
      return ReplicaSetSelection.group(deployment, replicaSets);
    }

    private RolloutParams params() {
      return RolloutParams.of(deployment);
    }

    private DeploymentStatus status() {
      return deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    }

    private DeploymentStatus copyStatus() {
      return client.getKubernetesSerialization().clone(status());
    }
  }

  private static String annotation(io.fabric8.kubernetes.api.model.HasMetadata o, String key) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static long revisionOrZero(ReplicaSet rs) {
    try {
      return Revisions.revision(rs);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
