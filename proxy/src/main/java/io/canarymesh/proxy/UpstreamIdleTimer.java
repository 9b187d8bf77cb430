package io.canarymesh.proxy;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a pooled upstream connection that stayed idle (no request on it) for its cluster's {@code
 * connectionPool.http.idleTimeout} (0 disables it, as in Envoy), so it leaves the pool and frees
 * its circuit slot — Envoy's upstream {@code idle_timeout}. Runs on the connection's event loop
 * only.
 *
 * <p>Lazy, as Netty's {@code IdleStateHandler}: at most one timer per connection is pending. A
 * reuse does not cancel it; when it fires it finds the connection busy (and disarms: the next
 * return to the pool arms it again) or idle for less than the timeout (and re-arms for the rest).
 * So a connection reused for every request costs no timer operation per request, only one per
 * timeout period. Worked example, timeout 200 ms: idle at 0, reused at 50, idle again at 120; the
 * timer set at 0 fires at 200, sees 80 ms of idleness and re-arms for 120 more; at 320 it closes.
 */
final class UpstreamIdleTimer implements Runnable {
  private final UpstreamConnection connection;
  private long idleSinceNanos;
  private ScheduledFuture<?> pending;

  UpstreamIdleTimer(UpstreamConnection connection) {
    this.connection = connection;
  }

  /** The connection just went back to the pool. */
  void startIdle() {
    idleSinceNanos = System.nanoTime();
    long timeout = timeoutNanos();
    if (pending == null && timeout > 0) {
      arm(timeout);
    }
  }

  /** The connection closed: drop the timer so the loop's queue does not keep it alive. */
  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  @Override
  public void run() {
    pending = null;
    if (!connection.idle || !connection.usable()) {
      return;
    }
    long timeout = timeoutNanos();
    if (timeout == 0) {
      return; // disabled since armed
    }
    long remaining = idleSinceNanos + timeout - System.nanoTime();
    if (remaining > 0) {
      arm(remaining);
      return;
    }
    connection.pool.removeIdle(connection);
    connection.channel.close();
  }

  private void arm(long delayNanos) {
    pending = connection.pool.loop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Read on each arming, so a table that changes the timeout applies from the next check. */
  private long timeoutNanos() {
    return connection.circuit.limits().idleTimeout().toNanos();
  }
}
