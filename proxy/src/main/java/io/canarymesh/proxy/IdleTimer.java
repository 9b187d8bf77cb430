package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an upstream connection that carried no request for its cluster's {@code
 * connectionPool.http.idleTimeout} (0 disables it, as in Envoy): a pooled HTTP/1.1 connection, or
 * an HTTP/2 connection with no stream (Istio: the setting "applies to both HTTP1.1 and HTTP2
 * connections"). It leaves its pool and frees its circuit slot — Envoy's upstream {@code
 * idle_timeout}. Runs on the connection's event loop only.
 *
 * <p>Lazy, as Netty's {@code IdleStateHandler}: at most one timer per connection is pending. A
 * reuse does not cancel it; when it fires it finds the connection busy (and disarms: the next
 * {@link #startIdle} arms it again) or idle for less than the timeout (and re-arms for the rest).
 * So a connection reused for every request costs no timer operation per request, only one per
 * timeout period. Worked example, timeout 200 ms: idle at 0, reused at 50, idle again at 120; the
 * timer set at 0 fires at 200, sees 80 ms of idleness and re-arms for 120 more; at 320 it closes.
 */
final class IdleTimer implements Runnable {
  /** What the timer needs of a connection. */
  interface Idling {
    /** Open and carrying no request right now. */
    boolean idleNow();

    /** Leaves its pool and closes. */
    void closeIdle();

    Channel channel();

    ClusterCircuit circuit();
  }

  private final Idling connection;
  private long idleSinceNanos;
  private ScheduledFuture<?> pending;

  IdleTimer(Idling connection) {
    this.connection = connection;
  }

  /** The connection just became idle (back in the pool, or its last stream ended). */
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
    if (!connection.idleNow()) {
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
    connection.closeIdle();
  }

  private void arm(long delayNanos) {
    pending = connection.channel().eventLoop().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Read on each arming, so a table that changes the timeout applies from the next check. */
  private long timeoutNanos() {
    return connection.circuit().limits().idleTimeout().toNanos();
  }
}
