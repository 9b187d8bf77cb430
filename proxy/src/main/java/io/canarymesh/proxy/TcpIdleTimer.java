package io.canarymesh.proxy;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a relayed connection on which neither side sent a byte for its cluster's {@code
 * connectionPool.tcp.idleTimeout} (1 h by default, 0 disables it): Envoy tcp_proxy's {@code
 * idle_timeout}. Runs on the connection's event loop only.
 *
 * <p>Lazy, as {@link UpstreamIdleTimer}: one timer per connection, never re-armed per read. A read
 * only stamps the time; when the timer fires it closes the connection if the last byte is older
 * than the timeout, else re-arms for the rest. Worked example, timeout 300 ms: started at 0, bytes
 * at 100 and 250; the timer fires at 300, sees 50 ms of idleness and re-arms for 250 more; at 550,
 * with nothing since, it closes.
 */
final class TcpIdleTimer implements Runnable {
  private final TcpConnection connection;
  private final ClusterCircuit circuit;
  private long lastActivityNanos;
  private ScheduledFuture<?> pending;

  TcpIdleTimer(TcpConnection connection, ClusterCircuit circuit) {
    this.connection = connection;
    this.circuit = circuit;
  }

  /** The relay started: arm, and drop the timer when the client side closes. */
  void start() {
    lastActivityNanos = System.nanoTime();
    long timeout = timeoutNanos();
    if (timeout > 0) {
      arm(timeout);
      connection.downstream.closeFuture().addListener(closed -> cancel());
    }
  }

  /** Bytes went one way or the other. */
  void activity() {
    lastActivityNanos = System.nanoTime();
  }

  private void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  @Override
  public void run() {
    pending = null;
    if (!connection.downstream.isActive()) {
      return;
    }
    long timeout = timeoutNanos();
    if (timeout == 0) {
      return; // disabled by a later table
    }
    long remaining = lastActivityNanos + timeout - System.nanoTime();
    if (remaining > 0) {
      arm(remaining);
      return;
    }
    connection.close();
  }

  private void arm(long delayNanos) {
    pending = connection.downstream.eventLoop().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Read on each arming, so a table that changes the timeout applies from the next check. */
  private long timeoutNanos() {
    return circuit.limits().tcpIdleTimeout().toNanos();
  }
}
