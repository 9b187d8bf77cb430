package io.canarymesh.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one blocking write per {@code (thread, index)} from several threads at once, each thread as
 * fast as the server answers (closed loop), and measures the acknowledged writes per second.
 */
final class WritePhase {
  private static final int ERROR_SAMPLES = 3;

  /** One write; throws when the server (or the client) reports a failure. */
  @FunctionalInterface
  interface Write {
    void run(int thread, int index);
  }

  private final String operation;
  private final int threads;
  private final int perThread;
  private final long deadlineNanos;
  private final AtomicLong attempted = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
  private final List<Histogram> latencies = Collections.synchronizedList(new ArrayList<>());

  private WritePhase(String operation, int threads, int perThread, long limitNanos) {
    this.operation = operation;
    this.threads = threads;
    this.perThread = perThread;
    this.deadlineNanos = System.nanoTime() + limitNanos;
  }

  /**
   * Runs {@code perThread} writes on each of {@code threads} threads, stopping early at {@code
   * limitNanos} from now.
   */
  static Throughput run(String operation, int threads, int perThread, long limitNanos, Write write)
      throws InterruptedException {
    return new WritePhase(operation, threads, perThread, limitNanos).run(write);
  }

  private Throughput run(Write write) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(
          Thread.ofPlatform()
              .name("bench-" + operation + "-" + t)
              .start(() -> writeAll(thread, start, write)));
    }
    long begin = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return result((System.nanoTime() - begin) / 1e9);
  }

  private void writeAll(int thread, CountDownLatch start, Write write) {
    Histogram micros = LatencySummary.newMicrosHistogram();
    try {
      start.await();
      for (int i = 0; i < perThread && System.nanoTime() < deadlineNanos; i++) {
        attempted.incrementAndGet();
        long sent = System.nanoTime();
        try {
          write.run(thread, i);
          micros.recordValue((System.nanoTime() - sent) / 1_000);
        } catch (RuntimeException e) {
          recordError(e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      latencies.add(micros);
    }
  }

  private void recordError(RuntimeException e) {
    if (errors.incrementAndGet() <= ERROR_SAMPLES) {
      errorSamples.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Throughput result(double seconds) {
    Histogram all = LatencySummary.newMicrosHistogram();
    latencies.forEach(all::add);
    long succeeded = all.getTotalCount();
    return new Throughput(
        operation,
        threads,
        (long) threads * perThread,
        attempted.get(),
        succeeded,
        errors.get(),
        List.copyOf(errorSamples),
        seconds,
        succeeded / seconds,
        LatencySummary.ofMicros(all));
  }
}
