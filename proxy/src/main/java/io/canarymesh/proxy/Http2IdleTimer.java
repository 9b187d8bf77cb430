package io.canarymesh.proxy;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/2 upstream connection that carried no stream for its cluster's {@code
 * connectionPool.http.idleTimeout} (Istio: "applies to both HTTP1.1 and HTTP2 connections"; Envoy's
 * upstream {@code idle_timeout}, "the period in which there are no active requests"). Runs on the
 * connection's event loop only.
 *
 * <p>Lazy, as {@link UpstreamIdleTimer}: at most one timer pending per connection; a new stream
 * does not cancel it. When it fires it finds streams open (and disarms: the next time the last
 * stream ends arms it again) or idleness shorter than the timeout (and re-arms for the rest).
 * Worked example, timeout 300 ms: last stream ends at 0, a stream runs from 100 to 150; the timer
 * set at 0 fires at 300, sees 150 ms of idleness and re-arms for 150 more; at 450 it closes.
 */
final class Http2IdleTimer implements Runnable {
  private final Http2Upstream connection;
  private long idleSinceNanos;
  private ScheduledFuture<?> pending;

  Http2IdleTimer(Http2Upstream connection) {
    this.connection = connection;
  }

  /** The connection's last stream just ended. */
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
    if (!connection.idle()) {
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
    pending = connection.channel.eventLoop().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Read on each arming, so a table that changes the timeout applies from the next check. */
  private long timeoutNanos() {
    return connection.circuit.limits().idleTimeout().toNanos();
  }
}
