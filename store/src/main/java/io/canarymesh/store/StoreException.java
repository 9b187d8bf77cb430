package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

/**
 * A write or watch the store refused, worded as kube-apiserver words it so the API server can put
 * {@link #getMessage()} into a Status body as it is.
 */
public final class StoreException extends Exception {

  /** Why; each maps to one Kubernetes Status reason and HTTP code. */
  public enum Reason {
    /** 404 NotFound: the object does not exist. */
    NOT_FOUND,
    /** 409 AlreadyExists: create of a key that is taken. */
    ALREADY_EXISTS,
    /** 409 Conflict: a resourceVersion or uid precondition did not hold. */
    CONFLICT,
    /** 410 Expired ("Gone"): the revision to watch from was compacted away; list again. */
    GONE,
    /** The watcher fell too far behind and was closed; list again (kube-apiserver just closes). */
    TOO_SLOW,
    /** The store was closed while the watch was open. */
    CLOSED
  }

  private final Reason reason;

  StoreException(Reason reason, String message) {
    super(requireNonNull(message, "message"));
    this.reason = requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** {@code deployments.apps "web" not found}. */
  static StoreException notFound(ResourceKey key) {
    return new StoreException(
        Reason.NOT_FOUND, "%s \"%s\" not found".formatted(key.qualifiedResource(), key.name()));
  }

  /** {@code deployments.apps "web" already exists}. */
  static StoreException alreadyExists(ResourceKey key) {
    return new StoreException(
        Reason.ALREADY_EXISTS,
        "%s \"%s\" already exists".formatted(key.qualifiedResource(), key.name()));
  }

  /** {@code Operation cannot be fulfilled on deployments.apps "web": the object has been …}. */
  static StoreException conflict(ResourceKey key, String why) {
    return new StoreException(
        Reason.CONFLICT,
        "Operation cannot be fulfilled on %s \"%s\": %s"
            .formatted(key.qualifiedResource(), key.name(), why));
  }

  /** The stale-resourceVersion conflict, in kube-apiserver's words. */
  static StoreException modified(ResourceKey key) {
    return conflict(
        key,
        "the object has been modified; please apply your changes to the latest version and try"
            + " again");
  }

  /**
   * {@code too old resource version: 5 (120)}: watching from revision 5 needs the events after 5,
   * but the log keeps only those after 120, the compacted revision.
   */
  static StoreException gone(long fromRevision, long compactedRevision) {
    return new StoreException(
        Reason.GONE,
        "too old resource version: %d (%d)".formatted(fromRevision, compactedRevision));
  }

  static StoreException tooSlow(String resource, int queueCapacity) {
    return new StoreException(
        Reason.TOO_SLOW,
        ("watch of %s closed: the watcher fell more than %d events behind; list again and watch"
                + " from the list's resourceVersion")
            .formatted(resource, queueCapacity));
  }

  static StoreException closed() {
    return new StoreException(Reason.CLOSED, "the store is closed");
  }
}
