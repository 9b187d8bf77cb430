package io.canarymesh.proxy;

import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request waiting for an upstream connection of a cluster at its connection limit. Exactly one of
 * {@link #take} (by whoever frees a connection) and {@link #cancel} (by the request) wins.
 */
final class PendingAcquire {
  private static final int WAITING = 0;
  private static final int TAKEN = 1;
  private static final int CANCELLED = 2;

  private final EventLoop loop;
  private final Runnable retry;
  private final AtomicInteger state = new AtomicInteger(WAITING);

  PendingAcquire(EventLoop loop, Runnable retry) {
    this.loop = loop;
    this.retry = retry;
  }

  EventLoop loop() {
    return loop;
  }

  void retry() {
    retry.run();
  }

  boolean take() {
    return state.compareAndSet(WAITING, TAKEN);
  }

  boolean cancel() {
    return state.compareAndSet(WAITING, CANCELLED);
  }

  /** Makes a taken waiter wait again (it found no connection after all). */
  void rearm() {
    state.set(WAITING);
  }
}
