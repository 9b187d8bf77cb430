package io.canarymesh.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * What the fan-out writer sent and what each watcher received, matched by resourceVersion once the
 * run is over (so recording stays cheap while it runs).
 *
 * <p>Delivery latency is the receive time minus the writer's send-complete time (its update call
 * returned) for the same resourceVersion. An event may reach a watcher before the writer has read
 * its own response; such a delivery is counted as {@code early} and recorded as 0. Worked example:
 * the writer's update of rv 42 returns at t=1.000 ms; watcher 0 gets rv 42 at t=3.500 ms (2.5 ms),
 * watcher 1 at t=0.800 ms (early, 0 ms); watcher 2 never gets it (missing).
 */
final class DeliveryLog {

  private record Receipt(String resourceVersion, long atNanos) {}

  private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
  private final List<Queue<Receipt>> receipts;

  DeliveryLog(int watchers) {
    receipts = new ArrayList<>(watchers);
    for (int w = 0; w < watchers; w++) {
      receipts.add(new ConcurrentLinkedQueue<>());
    }
  }

  /** The writer's update that produced {@code resourceVersion} returned at {@code atNanos}. */
  void sent(String resourceVersion, long atNanos) {
    sentAtNanos.put(resourceVersion, atNanos);
  }

  /** Watcher {@code watcher} received the event for {@code resourceVersion} at {@code atNanos}. */
  void received(int watcher, String resourceVersion, long atNanos) {
    receipts.get(watcher).add(new Receipt(resourceVersion, atNanos));
  }

  /** Matches every receipt to its send; call once the writer and the watchers are done. */
  Deliveries tally() {
    Histogram micros = LatencySummary.newMicrosHistogram();
    long delivered = 0;
    long duplicates = 0;
    long unexpected = 0;
    long early = 0;
    int complete = 0;
    long lastReceived = Long.MIN_VALUE;
    for (Queue<Receipt> watcher : receipts) {
      Set<String> seen = new HashSet<>();
      long matched = 0;
      for (Receipt receipt : watcher) {
        Long sentAt = sentAtNanos.get(receipt.resourceVersion());
        if (!seen.add(receipt.resourceVersion())) {
          duplicates++;
        } else if (sentAt == null) {
          unexpected++;
        } else {
          matched++;
          lastReceived = Math.max(lastReceived, receipt.atNanos());
          long latency = receipt.atNanos() - sentAt;
          early += latency < 0 ? 1 : 0;
          micros.recordValue(Math.max(0, latency) / 1_000);
        }
      }
      delivered += matched;
      complete += matched == sentAtNanos.size() ? 1 : 0;
    }
    long expected = (long) receipts.size() * sentAtNanos.size();
    return new Deliveries(
        receipts.size(),
        sentAtNanos.size(),
        expected,
        delivered,
        expected - delivered,
        duplicates,
        unexpected,
        early,
        complete,
        drainMillis(lastReceived),
        LatencySummary.ofMicros(micros));
  }

  /** From the last acknowledged send to the last delivery of any send; 0 when nothing matched. */
  private double drainMillis(long lastReceived) {
    long lastSent = sentAtNanos.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return lastReceived == Long.MIN_VALUE ? 0 : Math.max(0, lastReceived - lastSent) / 1e6;
  }

  /**
   * The fan-out's delivery counts and latency.
   *
   * @param updates distinct resourceVersions the writer saw acknowledged
   * @param expected {@code watchers × updates}
   * @param missing expected deliveries that never arrived
   * @param duplicates a resourceVersion a watcher had already received
   * @param unexpected a resourceVersion the writer never saw acknowledged
   * @param early deliveries that arrived before the writer's update call returned (latency 0)
   * @param watchersWithEveryEvent watchers that received every acknowledged update
   * @param drainMs how long after the writer's last acknowledged update the last delivery came: a
   *     backlog (the fan-out fell behind the writer) shows here
   */
  record Deliveries(
      int watchers,
      int updates,
      long expected,
      long delivered,
      long missing,
      long duplicates,
      long unexpected,
      long early,
      int watchersWithEveryEvent,
      double drainMs,
      LatencySummary latency) {

    boolean everyWatcherGotEveryEvent() {
      return watchersWithEveryEvent == watchers && duplicates == 0 && unexpected == 0;
    }
  }
}
