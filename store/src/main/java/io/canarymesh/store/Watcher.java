package io.canarymesh.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: first replays the logged events after its starting revision, page by page from the
 * database, then delivers live events from a bounded queue, on a thread of its own.
 *
 * <p>Writers only ever {@link #offer} to the queue, never wait on it: a watcher more than {@code
 * capacity} events behind is ended with {@link StoreException.Reason#TOO_SLOW}. The queue holds
 * {@code capacity + 1} entries so the end marker always fits after the last event.
 */
final class Watcher implements Watch {

  /** Reads logged events in {@code (after, upTo]}; GONE if compacted past {@code after}. */
  @FunctionalInterface
  interface ChangeLog {
    List<WatchEvent> read(long after, long upTo, int limit) throws StoreException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
  private static final int PAGE = 500;

  /** Queued after the last event when the store ends the watch. */
  private record End(StoreException reason) {}

  /** Queued to wake the thread when the caller closes the watch. */
  private static final Object CANCELLED = new Object();

  private final String resource;
  private final Optional<String> namespace;
  private final long fromRevision;
  private final long liveFrom;
  private final int capacity;
  private final BlockingQueue<Object> queue;
  private final WatchListener listener;
  private final ChangeLog changeLog;
  private final Consumer<Watcher> onEnd;
  private volatile boolean cancelled;
  private boolean ended; // guarded by the store's writer lock

  /**
   * @param fromRevision deliver events after this revision
   * @param liveFrom the store's revision when the watch opened: older events come from the log,
   *     newer ones through {@link #offer}
   * @param onEnd called when the watch ends, to forget it
   */
  Watcher(
      String resource,
      Optional<String> namespace,
      long fromRevision,
      long liveFrom,
      int capacity,
      WatchListener listener,
      ChangeLog changeLog,
      Consumer<Watcher> onEnd) {
    this.resource = resource;
    this.namespace = namespace;
    this.fromRevision = fromRevision;
    this.liveFrom = liveFrom;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.listener = listener;
    this.changeLog = changeLog;
    this.onEnd = onEnd;
  }

  void start(long id) {
    Thread.ofVirtual().name("canary-store-watch-" + id).start(this::deliver);
  }

  /**
   * Queues a live event if this watch wants it. Called by the writer, with its lock held, in
   * revision order; never blocks.
   *
   * @return {@code false} when the watch fell too far behind and has now ended
   */
  boolean offer(WatchEvent event) {
    if (ended || !wants(event)) {
      return true;
    }
    if (queue.size() >= capacity) {
      LOG.warn("closing a watch of {}: more than {} events behind", resource, capacity);
      end(StoreException.tooSlow(resource, capacity));
      return false;
    }
    queue.offer(event);
    return true;
  }

  /** Ends the watch after the events already queued. Called with the writer's lock held. */
  void end(StoreException reason) {
    if (!ended) {
      ended = true;
      queue.offer(new End(reason));
    }
  }

  @Override
  public void close() {
    cancelled = true;
    onEnd.accept(this);
    queue.offer(CANCELLED);
  }

  private boolean wants(WatchEvent event) {
    return event.revision() > fromRevision
        && event.key().resource().equals(resource)
        && namespace.map(event.key().namespace()::equals).orElse(true);
  }

  private void deliver() {
    try {
      replayLog();
      deliverLive();
    } catch (StoreException e) {
      onEnd.accept(this);
      if (!cancelled) {
        listener.onClosed(e);
      }
    } catch (InterruptedException e) {
      onEnd.accept(this);
    } catch (RuntimeException e) {
      LOG.warn("closing a watch of {}: its listener failed", resource, e);
      onEnd.accept(this);
    }
  }

  private void replayLog() throws StoreException {
    long cursor = fromRevision;
    while (cursor < liveFrom && !cancelled) {
      List<WatchEvent> page = changeLog.read(cursor, liveFrom, PAGE);
      for (WatchEvent event : page) {
        if (cancelled) {
          return;
        }
        listener.onEvent(event);
      }
      cursor = page.size() < PAGE ? liveFrom : page.getLast().revision();
    }
  }

  private void deliverLive() throws InterruptedException, StoreException {
    while (!cancelled) {
      Object next = queue.take();
      if (next instanceof End end) {
        throw end.reason();
      }
      if (next instanceof WatchEvent event && !cancelled) {
        listener.onEvent(event);
      }
    }
  }
}
