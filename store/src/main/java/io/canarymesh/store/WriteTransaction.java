package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The write rules — existence, compare-and-swap, no-op updates, finalizers — applied inside one
 * database transaction. Counts revisions from the last committed one and collects the events to
 * publish once the store has committed.
 */
final class WriteTransaction implements Transaction {

  private final SqliteTables tables;
  private final Clock clock;
  private final List<WatchEvent> events = new ArrayList<>();
  private long revision;
  private boolean finished;

  WriteTransaction(SqliteTables tables, Clock clock, long committedRevision) {
    this.tables = tables;
    this.clock = clock;
    this.revision = committedRevision;
  }

  @Override
  public Optional<ObjectNode> get(ResourceKey key) {
    requireNonNull(key, "key");
    ensureOpen();
    return tables.find(key);
  }

  @Override
  public ObjectNode create(ResourceKey key, ObjectNode object) throws StoreException {
    requireNonNull(key, "key");
    requireNonNull(object, "object");
    ensureOpen();
    if (tables.find(key).isPresent()) {
      throw StoreException.alreadyExists(key);
    }
    ObjectNode created =
        ServerMetadata.created(
            object, key, revision + 1, UUID.randomUUID().toString(), clock.instant());
    tables.put(key, log(WatchEvent.Type.ADDED, key, created));
    return created;
  }

  @Override
  public ObjectNode update(ResourceKey key, ObjectNode object) throws StoreException {
    requireNonNull(key, "key");
    requireNonNull(object, "object");
    ensureOpen();
    ObjectNode stored = tables.find(key).orElseThrow(() -> StoreException.notFound(key));
    requireResourceVersion(key, ServerMetadata.resourceVersion(object), stored);
    ObjectNode candidate = ServerMetadata.updated(object, stored, key);
    if (candidate.equals(stored)) {
      return stored;
    }
    ObjectNode updated = ServerMetadata.withResourceVersion(candidate, revision + 1);
    if (ServerMetadata.beingDeleted(updated)
        && !ServerMetadata.hasFinalizers(updated)
        && ServerMetadata.gracePeriodSeconds(updated) == 0) {
      log(WatchEvent.Type.DELETED, key, updated);
      tables.remove(key);
    } else {
      tables.put(key, log(WatchEvent.Type.MODIFIED, key, updated));
    }
    return updated;
  }

  @Override
  public ObjectNode update(ResourceKey key, ObjectNode object, String expectedResourceVersion)
      throws StoreException {
    requireNonNull(key, "key");
    requireNonNull(expectedResourceVersion, "expectedResourceVersion");
    ensureOpen();
    ObjectNode stored = tables.find(key).orElseThrow(() -> StoreException.notFound(key));
    requireResourceVersion(key, Optional.of(expectedResourceVersion), stored);
    return update(key, object);
  }

  @Override
  public Deletion delete(ResourceKey key, Preconditions preconditions) throws StoreException {
    requireNonNull(key, "key");
    requireNonNull(preconditions, "preconditions");
    ensureOpen();
    ObjectNode stored = tables.find(key).orElseThrow(() -> StoreException.notFound(key));
    requirePreconditions(key, preconditions, stored);
    if (ServerMetadata.hasFinalizers(stored)) {
      if (ServerMetadata.beingDeleted(stored)) {
        return new Deletion(stored, false);
      }
      ObjectNode marked =
          ServerMetadata.withResourceVersion(
              ServerMetadata.markedForDeletion(stored, clock.instant()), revision + 1);
      tables.put(key, log(WatchEvent.Type.MODIFIED, key, marked));
      return new Deletion(marked, false);
    }
    ObjectNode last = ServerMetadata.withResourceVersion(stored, revision + 1);
    log(WatchEvent.Type.DELETED, key, last);
    tables.remove(key);
    return new Deletion(last, true);
  }

  @Override
  public Deletion deleteGracefully(
      ResourceKey key, Preconditions preconditions, long gracePeriodSeconds) throws StoreException {
    requireNonNull(key, "key");
    requireNonNull(preconditions, "preconditions");
    if (gracePeriodSeconds <= 0) {
      throw new IllegalArgumentException(
          "gracePeriodSeconds must be above 0, got " + gracePeriodSeconds);
    }
    ensureOpen();
    ObjectNode stored = tables.find(key).orElseThrow(() -> StoreException.notFound(key));
    requirePreconditions(key, preconditions, stored);
    if (ServerMetadata.beingDeleted(stored)
        && ServerMetadata.gracePeriodSeconds(stored) <= gracePeriodSeconds) {
      return new Deletion(stored, false);
    }
    ObjectNode marked =
        ServerMetadata.withResourceVersion(
            ServerMetadata.markedForGracefulDeletion(stored, clock.instant(), gracePeriodSeconds),
            revision + 1);
    tables.put(key, log(WatchEvent.Type.MODIFIED, key, marked));
    return new Deletion(marked, false);
  }

  /** The last revision this transaction assigned (the committed one if it wrote nothing). */
  long revision() {
    return revision;
  }

  /** The events to publish after commit, in revision order. */
  List<WatchEvent> events() {
    return List.copyOf(events);
  }

  /** Ends the transaction: its {@link Transaction} methods refuse to run after this. */
  void finish() {
    finished = true;
  }

  /** Takes the next revision for {@code object}, logs the change; returns the object's JSON. */
  private String log(WatchEvent.Type type, ResourceKey key, ObjectNode object) {
    revision++;
    WatchEvent event = new WatchEvent(revision, type, key, Json.write(object));
    tables.appendChange(event, clock.millis());
    events.add(event);
    return event.json();
  }

  private static void requireResourceVersion(
      ResourceKey key, Optional<String> expected, ObjectNode stored) throws StoreException {
    if (expected.isPresent() && !expected.equals(ServerMetadata.resourceVersion(stored))) {
      throw StoreException.modified(key);
    }
  }

  /**
   * Kubernetes' wording, for example {@code Precondition failed: UID in precondition: a1, UID in
   * object meta: b2}.
   */
  private static void requirePreconditions(
      ResourceKey key, Preconditions preconditions, ObjectNode stored) throws StoreException {
    Optional<String> uid = ServerMetadata.uid(stored);
    if (preconditions.uid().isPresent() && !preconditions.uid().equals(uid)) {
      throw StoreException.conflict(
          key,
          "Precondition failed: UID in precondition: %s, UID in object meta: %s"
              .formatted(preconditions.uid().get(), uid.orElse("")));
    }
    Optional<String> resourceVersion = ServerMetadata.resourceVersion(stored);
    if (preconditions.resourceVersion().isPresent()
        && !preconditions.resourceVersion().equals(resourceVersion)) {
      throw StoreException.conflict(
          key,
          "Precondition failed: ResourceVersion in precondition: %s, ResourceVersion in object meta: %s"
              .formatted(preconditions.resourceVersion().get(), resourceVersion.orElse("")));
    }
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException(
          "this transaction has ended: use a Transaction only inside its TransactionBody");
    }
  }
}
