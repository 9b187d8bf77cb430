package io.canarymesh.controllers.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Kubernetes' {@code ControllerExpectations}: after a controller creates or deletes N pods it waits
 * until its informer has seen all N before it counts pods again, or it would count a pod created a
 * moment ago as missing and create another. An expectation older than the timeout is considered met
 * (a watch event can be lost), as are those never set.
 */
public final class Expectations {
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private record Pending(int adds, int deletes, long setAtNanos) {}

  private final Map<String, Pending> pending = new HashMap<>();
  private final LongSupplier nanoTime;

  public Expectations() {
    this(System::nanoTime);
  }

  Expectations(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public synchronized void expect(String key, int adds, int deletes) {
    pending.put(key, new Pending(adds, deletes, nanoTime.getAsLong()));
  }

  public synchronized void creationObserved(String key) {
    lower(key, 1, 0);
  }

  public synchronized void deletionObserved(String key) {
    lower(key, 0, 1);
  }

  /** Lowers the expectation, e.g. for a create that failed and so will never be observed. */
  public synchronized void lower(String key, int adds, int deletes) {
    Pending p = pending.get(key);
    if (p != null) {
      pending.put(key, new Pending(p.adds - adds, p.deletes - deletes, p.setAtNanos));
    }
  }

  public synchronized boolean satisfied(String key) {
    Pending p = pending.get(key);
    if (p == null) {
      return true;
    }
    boolean met = p.adds <= 0 && p.deletes <= 0;
    boolean expired = nanoTime.getAsLong() - p.setAtNanos > TIMEOUT.toNanos();
    return met || expired;
  }

  public synchronized void delete(String key) {
    pending.remove(key);
  }
}
