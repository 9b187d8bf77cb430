package io.canarymesh.proxy;

import io.canarymesh.mesh.model.OutlierDetection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outlier detection state of one endpoint of one cluster, kept across route-table swaps:
 * consecutive failures, and until when it is ejected. Updated with atomics from any event loop.
 *
 * <p>Deliberate difference from Envoy: an ejected endpoint returns as soon as its ejection time has
 * passed (checked when picking), not at the next {@code interval} tick.
 */
final class EndpointHealth {
  private final AtomicInteger consecutive5xx = new AtomicInteger();
  private final AtomicInteger consecutiveGateway = new AtomicInteger();
  private final AtomicInteger ejections = new AtomicInteger();
  private volatile long ejectedUntilNanos;
  private volatile boolean ejected;

  boolean ejected(long now) {
    if (!ejected) {
      return false;
    }
    if (now - ejectedUntilNanos >= 0) {
      ejected = false;
      return false;
    }
    return true;
  }

  /**
   * Records one response status (or 503 for a local failure: connect failure, reset, timeout) and
   * says whether the endpoint should now be ejected.
   */
  boolean record(int status, OutlierDetection policy) {
    if (status < 500) {
      consecutive5xx.set(0);
      consecutiveGateway.set(0);
      return false;
    }
    int fives = consecutive5xx.incrementAndGet();
    boolean gateway = status == 502 || status == 503 || status == 504;
    int gateways = gateway ? consecutiveGateway.incrementAndGet() : 0;
    if (!gateway) {
      consecutiveGateway.set(0);
    }
    return (policy.consecutive5xxErrors() > 0 && fives >= policy.consecutive5xxErrors())
        || (policy.consecutiveGatewayErrors() > 0 && gateways >= policy.consecutiveGatewayErrors());
  }

  /** Ejects for baseEjectionTime × the number of ejections so far; false if already ejected. */
  boolean eject(long now, OutlierDetection policy) {
    if (ejected(now)) {
      return false;
    }
    int count = ejections.incrementAndGet();
    ejectedUntilNanos = now + policy.baseEjectionTime().toNanos() * count;
    ejected = true;
    consecutive5xx.set(0);
    consecutiveGateway.set(0);
    return true;
  }
}
