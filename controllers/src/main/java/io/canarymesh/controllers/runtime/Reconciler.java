package io.canarymesh.controllers.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Brings the object named by a key ({@code namespace/name}) to its desired state, one small step at
 * a time. Level-triggered: it reads the current state from informer caches, never from the event
 * that queued the key, so calling it again is always safe. An exception queues the key again with
 * backoff; a conflict (409) is such an exception.
 */
@FunctionalInterface
public interface Reconciler {
  /**
   * @return when to look at the key again even if nothing changes (a minReadySeconds or progress
   *     deadline coming up), or empty
   */
  Optional<Duration> reconcile(String key) throws Exception;
}
