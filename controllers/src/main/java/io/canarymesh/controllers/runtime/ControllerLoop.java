package io.canarymesh.controllers.runtime;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Workers that take keys from a {@link WorkQueue} and reconcile them: success forgets the key's
 * backoff (and queues it after the requested delay, if any), failure queues it again with backoff.
 * Workers never sleep: waiting is the queue's job.
 */
public final class ControllerLoop implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ControllerLoop.class.getName());

  private final String name;
  private final Reconciler reconciler;
  private final WorkQueue queue;
  private final List<Thread> workers = new ArrayList<>();

  public ControllerLoop(String name, Reconciler reconciler) {
    this.name = requireNonNull(name, "name");
    this.reconciler = requireNonNull(reconciler, "reconciler");
    this.queue = new WorkQueue(name);
  }

  /** Queues {@code key} (deduplicated with a waiting one). */
  public void enqueue(String key) {
    queue.add(key);
  }

  public WorkQueue queue() {
    return queue;
  }

  /** Starts {@code count} workers. */
  public void start(int count) {
    for (int i = 0; i < count; i++) {
      Thread worker = new Thread(this::work, name + "-worker-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  private void work() {
    try {
      while (true) {
        Optional<String> key = queue.take();
        if (key.isEmpty()) {
          return;
        }
        try {
          process(key.get());
        } finally {
          queue.done(key.get());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(String key) {
    try {
      Optional<Duration> after = reconciler.reconcile(key);
      queue.forget(key);
      after.ifPresent(delay -> queue.addAfter(key, delay));
    } catch (KubernetesClientException e) {
      // a conflict (stale cache) or a not-found (deleted meanwhile) is the normal race of a
      // level-triggered controller: the requeued key sees the newer state
      boolean race = e.getCode() == 409 || e.getCode() == 404;
      LOG.log(
          race ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
          name + ": " + key + ": " + e.getMessage());
      queue.addRateLimited(key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, name + ": " + key + " failed", e);
      queue.addRateLimited(key);
    }
  }

  /** Stops the queue and waits for the workers to finish their current key. */
  @Override
  public void close() {
    queue.close();
    for (Thread worker : workers) {
      try {
        worker.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
