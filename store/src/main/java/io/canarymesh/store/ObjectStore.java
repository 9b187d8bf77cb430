package io.canarymesh.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Kubernetes objects in one SQLite file, with one global revision (like etcd's) and a change log to
 * watch from. Thread-safe: writes are serialized (one writer at a time), and each write, or {@link
 * #transaction}, is durable when it returns, even if the process is killed right after.
 *
 * <p>The writes behave as {@link Transaction}'s, each in a transaction of its own.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Opens the store in {@code file}, creating it if absent; an existing file resumes with the same
   * objects, revisions and change log. One store at a time per file: a second open fails.
   *
   * @param clock the time for creationTimestamp, deletionTimestamp and the log's time window
   * @throws StorageFailureException if the file cannot be opened or is in use by another store
   */
  static ObjectStore open(Path file, Clock clock, StoreConfig config) {
    return SqliteObjectStore.open(file, clock, config);
  }

  Optional<ObjectNode> get(ResourceKey key);

  /** The objects of {@code resource}, in one namespace or (empty) all of them. */
  ObjectList list(String resource, Optional<String> namespace);

  ObjectNode create(ResourceKey key, ObjectNode object) throws StoreException;

  ObjectNode update(ResourceKey key, ObjectNode object) throws StoreException;

  ObjectNode update(ResourceKey key, ObjectNode object, String expectedResourceVersion)
      throws StoreException;

  Deletion delete(ResourceKey key, Preconditions preconditions) throws StoreException;

  /**
   * Runs {@code body} as one transaction: all its writes commit together and their events are
   * emitted after the commit, in order; if it throws, nothing is written or emitted. Each write
   * still gets its own revision. The {@link Transaction} is valid only inside {@code body}, and
   * {@code body} must not start another transaction.
   */
  <T> T transaction(TransactionBody<T> body) throws StoreException;

  /**
   * Watches {@code resource} (in one namespace, or all): delivers every logged event with a
   * revision above {@code fromRevision}, in order, then live events as they commit, until closed.
   *
   * @throws StoreException {@link StoreException.Reason#GONE} when the log no longer reaches back
   *     to {@code fromRevision} (too old resource version); the caller lists again
   */
  Watch watch(
      String resource, Optional<String> namespace, long fromRevision, WatchListener listener)
      throws StoreException;

  /** The revision of the last committed write (0 for a new store); enough for a bookmark. */
  long currentRevision();

  /** The highest revision dropped from the change log: watches must start at or above it. */
  long compactedRevision();

  /**
   * Drops the change log's oldest entries now, as the periodic compaction does: those more than
   * {@link StoreConfig#retainedRevisions()} behind, and those older than the time window if set.
   * Objects are never compacted.
   *
   * @return the compacted revision afterwards
   */
  long compact();

  /** Ends every watch (with {@link StoreException.Reason#CLOSED}) and closes the file. */
  @Override
  void close();
}
