package io.canarymesh.controllers.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A work queue of keys with client-go's guarantees: a key waiting is queued once however often it
 * is added (dedupe); a key being processed is never handed to a second worker, and if it was added
 * meanwhile it is queued again when the first worker is {@link #done}; {@link #addAfter} delays a
 * key without holding a worker; {@link #addRateLimited} delays it by a per-key exponential backoff
 * that {@link #forget} resets.
 */
public final class WorkQueue implements AutoCloseable {
  static final Duration BASE_DELAY = Duration.ofMillis(5);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);

  private final Object lock = new Object();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> dirty = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final ScheduledExecutorService delays;
  private boolean shutDown;

  public WorkQueue(String name) {
    requireNonNull(name, "name");
    this.delays =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name + "-delays");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Queues {@code key} unless it is already waiting. */
  public void add(String key) {
    requireNonNull(key, "key");
    synchronized (lock) {
      if (shutDown || !dirty.add(key)) {
        return;
      }
      if (!processing.contains(key)) {
        queue.addLast(key);
        lock.notify();
      }
    }
  }

  /** Queues {@code key} after {@code delay}; at once when the delay is not positive. */
  public void addAfter(String key, Duration delay) {
    requireNonNull(key, "key");
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    synchronized (lock) {
      if (shutDown) {
        return;
      }
      delays.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Queues {@code key} after its backoff, which doubles with every call until {@link #forget}. */
  public void addRateLimited(String key) {
    int failed;
    synchronized (lock) {
      failed = failures.merge(key, 1, Integer::sum) - 1;
    }
    addAfter(key, backoff(failed));
  }

  /** Resets the backoff of {@code key} (it was processed successfully). */
  public void forget(String key) {
    synchronized (lock) {
      failures.remove(key);
    }
  }

  /** How many times {@code key} failed since it was last forgotten. */
  public int failures(String key) {
    synchronized (lock) {
      return failures.getOrDefault(key, 0);
    }
  }

  /**
   * client-go's {@code ItemExponentialFailureRateLimiter}(5 ms, 30 s): 5 ms after the first
   * failure, 10 ms after the second, 20 ms after the third … at most 30 s.
   */
  static Duration backoff(int previousFailures) {
    if (previousFailures >= 20) {
      return MAX_DELAY;
    }
    Duration delay = BASE_DELAY.multipliedBy(1L << previousFailures);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  /**
   * The next key, waiting for one; empty once the queue is shut down. The caller must call {@link
   * #done} with it.
   */
  public Optional<String> take() throws InterruptedException {
    synchronized (lock) {
      while (queue.isEmpty() && !shutDown) {
        lock.wait();
      }
      if (shutDown) {
        return Optional.empty();
      }
      String key = queue.removeFirst();
      processing.add(key);
      dirty.remove(key);
      return Optional.of(key);
    }
  }

  /** Marks {@code key} processed; queues it again if it was added while being processed. */
  public void done(String key) {
    synchronized (lock) {
      processing.remove(key);
      if (dirty.contains(key) && !shutDown) {
        queue.addLast(key);
        lock.notify();
      }
    }
  }

  /** Keys waiting (not counting delayed ones). */
  public int length() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /** Wakes every waiting worker with an empty result and drops delayed keys. */
  @Override
  public void close() {
    synchronized (lock) {
      shutDown = true;
      queue.clear();
      lock.notifyAll();
    }
    delays.shutdownNow();
    try {
      delays.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
