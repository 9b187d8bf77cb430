package io.canarymesh.proxy;

import io.canarymesh.mesh.model.ConnectionLimits;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Envoy's circuit breakers for one cluster, shared by every event loop of the proxy (limits are per
 * proxy, as in Envoy): open connections, requests waiting for a connection, and active requests.
 * Counters are atomics, never locks; a request that would exceed a limit fails fast (503, {@code
 * UO}). Lives across route-table swaps so in-flight work stays counted.
 *
 * <p>Worked example, the article's rule (maxConnections 10, http1MaxPendingRequests 1,
 * maxRequestsPerConnection 1) under 30 concurrent slow requests: 10 get a connection, 1 waits, 19
 * overflow with 503 UO. Under 8 concurrent requests none waits and none overflows.
 */
final class ClusterCircuit {
  final String cluster;
  private volatile ConnectionLimits limits;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger pending = new AtomicInteger();
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger idle = new AtomicInteger();
  final AtomicInteger retries = new AtomicInteger();
  private final ConcurrentLinkedQueue<PendingAcquire> waiters = new ConcurrentLinkedQueue<>();

  /** When each endpoint joined the cluster, for slow start. */
  final EndpointAges ages = new EndpointAges();

  /** The cluster's last consistent-hash table, reused while its endpoints stay. */
  final HashTableCache hashTables = new HashTableCache();

  private final java.util.Map<String, EndpointHealth> health =
      new java.util.concurrent.ConcurrentHashMap<>();

  ClusterCircuit(String cluster, ConnectionLimits limits) {
    this.cluster = cluster;
    this.limits = limits;
  }

  /** The outlier-detection state of endpoint {@code hostPort}, the same across tables. */
  EndpointHealth health(String hostPort) {
    return health.computeIfAbsent(hostPort, key -> new EndpointHealth());
  }

  ConnectionLimits limits() {
    return limits;
  }

  void limits(ConnectionLimits limits) {
    this.limits = limits;
  }

  /** Counts an active request unless {@code http2MaxRequests} are already active. */
  boolean tryStartRequest() {
    return tryIncrement(active, limits.http2MaxRequests());
  }

  void endRequest() {
    active.decrementAndGet();
  }

  /** Counts a request that retries unless {@code maxRetries} already do (Envoy's breaker). */
  boolean tryStartRetry() {
    return tryIncrement(retries, limits.maxRetries());
  }

  void endRetry() {
    retries.decrementAndGet();
  }

  /** Reserves a connection slot unless {@code maxConnections} are open. */
  boolean tryOpenConnection() {
    return tryIncrement(connections, limits.maxConnections());
  }

  /** A connection (or a reserved slot whose connect failed) is gone: wake one waiter. */
  void connectionClosed() {
    connections.decrementAndGet();
    wakeOne();
  }

  /** Queues {@code waiter} unless {@code http1MaxPendingRequests} already wait. */
  boolean tryEnqueue(PendingAcquire waiter) {
    if (!tryIncrement(pending, limits.http1MaxPendingRequests())) {
      return false;
    }
    waiters.add(waiter);
    return true;
  }

  /** Puts back a woken waiter that still found no connection (its slot is still counted). */
  void requeue(PendingAcquire waiter) {
    pending.incrementAndGet();
    waiters.add(waiter);
  }

  /** The next live waiter, removed and uncounted; null when none waits. */
  PendingAcquire pollWaiter() {
    PendingAcquire waiter;
    while ((waiter = waiters.poll()) != null) {
      if (waiter.take()) {
        pending.decrementAndGet();
        return waiter;
      }
    }
    return null;
  }

  PendingAcquire peekWaiter() {
    return waiters.peek();
  }

  /** A waiter gave up (timeout, client gone): uncount it; it is skipped when polled. */
  void cancel(PendingAcquire waiter) {
    if (waiter.cancel()) {
      pending.decrementAndGet();
    }
  }

  private void wakeOne() {
    PendingAcquire waiter = pollWaiter();
    if (waiter != null) {
      waiter.loop().execute(waiter::retry);
    }
  }

  private static boolean tryIncrement(AtomicInteger counter, int limit) {
    while (true) {
      int current = counter.get();
      if (current >= limit) {
        return false;
      }
      if (counter.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }
}
