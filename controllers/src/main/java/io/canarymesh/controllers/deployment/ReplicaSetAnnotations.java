package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations the deployment controller keeps on a Deployment's ReplicaSets: the revision and
 * its history, {@code desired-replicas} and {@code max-replicas} (for proportional scaling and
 * saturation), and the Deployment's own annotations such as {@code kubernetes.io/change-cause},
 * which {@code rollout history} shows per revision.
 */
public final class ReplicaSetAnnotations {
  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";

  /** The controller's limit on {@code revision-history} ({@code maxRevHistoryLengthInChars}). */
  static final int MAX_REVISION_HISTORY_CHARS = 2000;

  /** Never copied from the Deployment: kubectl's own, and the controller's bookkeeping. */
  private static final Set<String> NOT_COPIED =
      Set.of(
          LAST_APPLIED,
          Revisions.ANNOTATION,
          REVISION_HISTORY,
          DESIRED_REPLICAS,
          MAX_REPLICAS,
          DEPRECATED_ROLLBACK_TO);

  private ReplicaSetAnnotations() {}

  /** New annotations, and whether they differ from the ones they were computed from. */
  public record Update(Map<String, String> annotations, boolean changed) {
    public Update {
      annotations = Map.copyOf(annotations);
    }
  }

  /**
   * A new ReplicaSet's annotations ({@code SetNewReplicaSetAnnotations}): the Deployment's
   * annotations copied in; the revision raised to {@code newRevision} if lower, the replaced one
   * appended to {@code revision-history} (revived by undo: revision 1 → 3 leaves history "1"); and,
   * for a ReplicaSet about to be created ({@code exists} false), the replicas annotations. A
   * current revision that is not a number stops the update (Kubernetes logs it), the copied
   * annotations kept and {@code changed} false, as there.
   */
  public static Update forNewReplicaSet(
      Deployment deployment, Map<String, String> current, String newRevision, boolean exists) {
    requireNonNull(deployment, "deployment");
    Map<String, String> annotations = new HashMap<>(current == null ? Map.of() : current);
    boolean changed = copyFromDeployment(deployment.getMetadata().getAnnotations(), annotations);
    String oldRevision = annotations.get(Revisions.ANNOTATION);
    long oldRevisionNumber;
    try {
      oldRevisionNumber =
          oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
    } catch (NumberFormatException e) {
      return new Update(annotations, false);
    }
    long newRevisionNumber = Long.parseLong(newRevision);
    if (oldRevisionNumber < newRevisionNumber) {
      annotations.put(Revisions.ANNOTATION, newRevision);
      changed = true;
      if (oldRevision != null) {
        appendRevisionHistory(annotations, oldRevision);
      }
    }
    if (!exists) {
      RolloutParams params = RolloutParams.of(deployment);
      changed |= setReplicas(annotations, params.replicas(), params.maxTotalPods());
    }
    return new Update(annotations, changed);
  }

  /**
   * {@code current} with {@code desired-replicas} and {@code max-replicas} set ({@code
   * SetReplicasAnnotations}): 3 and 4 for the article's Deployment.
   */
  public static Update withReplicas(Map<String, String> current, int desired, int max) {
    Map<String, String> annotations = new HashMap<>(current == null ? Map.of() : current);
    boolean changed = setReplicas(annotations, desired, max);
    return new Update(annotations, changed);
  }

  /** Whether the Deployment's annotation {@code key} is copied to its ReplicaSets. */
  public static boolean isCopied(String key) {
    return !NOT_COPIED.contains(key);
  }

  private static boolean copyFromDeployment(Map<String, String> from, Map<String, String> to) {
    boolean changed = false;
    for (Map.Entry<String, String> entry :
        (from == null ? Map.<String, String>of() : from).entrySet()) {
      if (!isCopied(entry.getKey()) || entry.getValue().equals(to.get(entry.getKey()))) {
        continue;
      }
      to.put(entry.getKey(), entry.getValue());
      changed = true;
    }
    return changed;
  }

  // "1,2" + "4" → "1,2,4"; dropping the oldest entries while longer than the limit.
  private static void appendRevisionHistory(Map<String, String> annotations, String oldRevision) {
    String history = annotations.getOrDefault(REVISION_HISTORY, "");
    if (history.isEmpty()) {
      annotations.put(REVISION_HISTORY, oldRevision);
      return;
    }
    List<String> revisions = new ArrayList<>(Arrays.asList(history.split(",", -1)));
    int totalLength = history.length() + oldRevision.length() + 1;
    int start = 0;
    while (totalLength > MAX_REVISION_HISTORY_CHARS && start < revisions.size()) {
      totalLength -= revisions.get(start).length() + 1;
      start++;
    }
    if (totalLength <= MAX_REVISION_HISTORY_CHARS) {
      List<String> kept = new ArrayList<>(revisions.subList(start, revisions.size()));
      kept.add(oldRevision);
      annotations.put(REVISION_HISTORY, String.join(",", kept));
    }
  }

  private static boolean setReplicas(Map<String, String> annotations, int desired, int max) {
    boolean changed = false;
    if (!Integer.toString(desired).equals(annotations.get(DESIRED_REPLICAS))) {
      annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
      changed = true;
    }
    if (!Integer.toString(max).equals(annotations.get(MAX_REPLICAS))) {
      annotations.put(MAX_REPLICAS, Integer.toString(max));
      changed = true;
    }
    return changed;
  }
}
