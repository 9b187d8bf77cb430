package io.canarymesh.node;

import java.time.Duration;
import java.time.Instant;

/**
 * When a probe runs next and what its thresholds make of the results (the kubelet's prober worker):
 * the result flips to success after {@code successThreshold} passes in a row and to failure after
 * {@code failureThreshold} failures in a row. For example with failure threshold 3, results pass,
 * fail, fail keep "success"; a third fail turns it to "failure".
 */
final class ProbeTracker {
  private final ProbeSpec spec;
  private boolean success;
  private boolean everPassed;
  private int streak;
  private boolean streakPassing;
  private Instant nextDue;
  private String lastMessage = "";

  /**
   * @param initial the result before any check: false for readiness, true for liveness
   */
  ProbeTracker(ProbeSpec spec, Instant containerStart, boolean initial) {
    this.spec = spec;
    this.success = initial;
    this.nextDue = containerStart.plus(spec.initialDelay());
  }

  ProbeSpec spec() {
    return spec;
  }

  boolean due(Instant now) {
    return !now.isBefore(nextDue);
  }

  Instant nextDue() {
    return nextDue;
  }

  boolean success() {
    return success;
  }

  String lastMessage() {
    return lastMessage;
  }

  /** Whether the last {@code failureThreshold} checks all failed. */
  boolean failedOut() {
    return !streakPassing && streak >= spec.failureThreshold();
  }

  /** Records one check at {@code now}; returns the result after the thresholds. */
  boolean record(boolean passed, String message, Instant now) {
    if (passed == streakPassing) {
      streak++;
    } else {
      streakPassing = passed;
      streak = 1;
    }
    lastMessage = message;
    if (passed && streak >= spec.successThreshold()) {
      success = true;
      everPassed = true;
    } else if (!passed && streak >= spec.failureThreshold()) {
      success = false;
    }
    Duration period = everPassed ? spec.period() : spec.firstPeriod();
    nextDue = now.plus(period);
    return success;
  }
}
