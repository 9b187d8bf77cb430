package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The {@code deployment.kubernetes.io/revision} annotation that numbers a Deployment's rollouts:
 * each new ReplicaSet gets the highest revision so far plus one, a revived one (after {@code
 * rollout undo}) too, and the Deployment shows the revision of its new ReplicaSet. {@code kubectl
 * rollout history} lists them.
 */
public final class Revisions {
  public static final String ANNOTATION = "deployment.kubernetes.io/revision";

  private Revisions() {}

  /**
   * An object's revision ({@code Revision}): 0 without the annotation.
   *
   * @throws NumberFormatException when the annotation is not a number
   */
  public static long revision(HasMetadata object) {
    requireNonNull(object, "object");
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** The highest revision ({@code MaxRevision}); unparsable revisions are skipped; 0 for none. */
  public static long maxRevision(List<? extends HasMetadata> objects) {
    long max = 0;
    for (HasMetadata object : objects) {
      try {
        max = Math.max(max, revision(object));
      } catch (NumberFormatException e) {
        // Kubernetes logs and skips it.
      }
    }
    return max;
  }

  /**
   * The second-highest revision, the one {@code rollout undo} returns to ({@code LastRevision}):
   * revisions 1, 3, 2 → 2. Equal highest revisions count twice: 3, 3 → 3.
   */
  public static long lastRevision(List<? extends HasMetadata> objects) {
    long max = 0;
    long secondMax = 0;
    for (HasMetadata object : objects) {
      long v;
      try {
        v = revision(object);
      } catch (NumberFormatException e) {
        continue;
      }
      if (v >= max) {
        secondMax = max;
        max = v;
      } else if (v > secondMax) {
        secondMax = v;
      }
    }
    return secondMax;
  }

  /** The revision a new ReplicaSet takes: the old ReplicaSets' highest + 1, "1" for the first. */
  public static String nextRevision(List<? extends HasMetadata> oldReplicaSets) {
    return Long.toString(maxRevision(oldReplicaSets) + 1);
  }
}
