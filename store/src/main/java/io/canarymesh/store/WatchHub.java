package io.canarymesh.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open watches, and the fan-out of committed events to them. */
final class WatchHub {

  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

  void add(Watcher watcher) {
    watchers.add(watcher);
  }

  void remove(Watcher watcher) {
    watchers.remove(watcher);
  }

  int size() {
    return watchers.size();
  }

  /**
   * Queues committed events, in revision order, for every watch that wants them. Called with the
   * writer's lock held, which keeps the order across transactions; never calls a listener.
   */
  void publish(List<WatchEvent> events) {
    for (Watcher watcher : watchers) {
      for (WatchEvent event : events) {
        if (!watcher.offer(event)) {
          watchers.remove(watcher);
          break;
        }
      }
    }
  }

  /** Ends every watch with {@code reason}. Called with the writer's lock held. */
  void endAll(StoreException reason) {
    for (Watcher watcher : watchers) {
      watcher.end(reason);
    }
    watchers.clear();
  }
}
