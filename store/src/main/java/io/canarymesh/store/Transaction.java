package io.canarymesh.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Reads and writes inside one all-or-nothing transaction (see {@link ObjectStore#transaction}).
 * Reads see the transaction's own earlier writes. Every write gets the next revision; objects
 * passed in are never changed, and every object returned is a fresh copy.
 *
 * <p>The store owns these metadata fields and sets them on every write: {@code uid} (random on
 * create), {@code creationTimestamp} (RFC 3339 seconds, UTC), {@code resourceVersion} (the write's
 * revision), {@code generation} (1 on create, +1 when anything outside {@code metadata} and {@code
 * status} changes), {@code deletionTimestamp} and {@code deletionGracePeriodSeconds} (set by a
 * delete that finalizers hold up). Values callers send for them are replaced by the stored ones;
 * {@code metadata.name} and {@code metadata.namespace} are taken from the key.
 */
public interface Transaction {

  Optional<ObjectNode> get(ResourceKey key);

  /** Stores a new object; {@link StoreException.Reason#ALREADY_EXISTS} if the key is taken. */
  ObjectNode create(ResourceKey key, ObjectNode object) throws StoreException;

  /**
   * Replaces an object. A {@code metadata.resourceVersion} in {@code object}, when present, must be
   * the stored one ({@link StoreException.Reason#CONFLICT} otherwise): compare-and-swap. An update
   * that changes nothing keeps the revision and emits no event. An update that empties the
   * finalizers of an object being deleted with no grace period left removes it (a DELETED event),
   * as kube-apiserver's {@code ShouldDeleteDuringUpdate} does.
   *
   * @throws StoreException {@link StoreException.Reason#NOT_FOUND} or {@link
   *     StoreException.Reason#CONFLICT}
   */
  ObjectNode update(ResourceKey key, ObjectNode object) throws StoreException;

  /**
   * {@link #update(ResourceKey, ObjectNode)} that also requires the stored resourceVersion to be
   * {@code expectedResourceVersion}.
   */
  ObjectNode update(ResourceKey key, ObjectNode object, String expectedResourceVersion)
      throws StoreException;

  /**
   * Deletes an object: removes it (DELETED event), or, while it has {@code metadata.finalizers},
   * marks it with a {@code deletionTimestamp} (MODIFIED event, generation +1 as in Kubernetes) and
   * leaves it until an update empties its finalizers. Deleting an object already marked changes
   * nothing.
   *
   * @throws StoreException {@link StoreException.Reason#NOT_FOUND}, or {@link
   *     StoreException.Reason#CONFLICT} when a precondition does not hold
   */
  Deletion delete(ResourceKey key, Preconditions preconditions) throws StoreException;

  /**
   * Starts a graceful deletion, as kube-apiserver does for a pod running on a node: marks the
   * object with {@code deletionTimestamp} (now plus the grace period) and {@code
   * deletionGracePeriodSeconds} (MODIFIED event, generation +1) and leaves it for its owner (the
   * kubelet) to remove with a later {@link #delete}. A second call shortens the grace period of an
   * object already marked, never lengthens it.
   *
   * @param gracePeriodSeconds above 0 (a grace period of 0 is a plain {@link #delete})
   * @throws StoreException {@link StoreException.Reason#NOT_FOUND}, or {@link
   *     StoreException.Reason#CONFLICT} when a precondition does not hold
   */
  Deletion deleteGracefully(ResourceKey key, Preconditions preconditions, long gracePeriodSeconds)
      throws StoreException;
}
