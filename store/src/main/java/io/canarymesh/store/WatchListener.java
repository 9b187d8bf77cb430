package io.canarymesh.store;

/**
 * Receives a watch's events, one at a time and in revision order, on a thread of the store's own
 * (never while a writer waits on it). A listener that takes too long falls behind, and the store
 * then closes its watch with {@link StoreException.Reason#TOO_SLOW} rather than slow down writers.
 */
public interface WatchListener {

  void onEvent(WatchEvent event);

  /**
   * The store ended the watch: {@link StoreException.Reason#GONE} when the log was compacted past
   * what the watch still had to deliver, {@link StoreException.Reason#TOO_SLOW}, or {@link
   * StoreException.Reason#CLOSED}. Called at most once, last, and never after the caller's own
   * {@link Watch#close()}.
   */
  void onClosed(StoreException reason);
}
