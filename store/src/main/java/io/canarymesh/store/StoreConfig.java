package io.canarymesh.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the store keeps its change log, feeds watchers and syncs to disk.
 *
 * @param retainedRevisions how many of the latest revisions the change log keeps for watches
 * @param retentionWindow when present, log entries older than this are dropped too, even within
 *     {@code retainedRevisions}
 * @param compactionInterval how often the log is compacted in the background
 * @param watchQueueCapacity how many events a watcher may fall behind before its watch is closed
 * @param syncEveryCommit {@code false} (the default): SQLite {@code synchronous=NORMAL}, durable
 *     across a crash or {@code kill -9} of the process but not across power loss; {@code true}:
 *     {@code synchronous=FULL}, an fsync per commit, durable across power loss too but slower
 */
public record StoreConfig(
    long retainedRevisions,
    Optional<Duration> retentionWindow,
    Duration compactionInterval,
    int watchQueueCapacity,
    boolean syncEveryCommit) {

  public StoreConfig {
    requireNonNull(retentionWindow, "retentionWindow");
    requireNonNull(compactionInterval, "compactionInterval");
    if (retainedRevisions < 1) {
      throw new IllegalArgumentException(
          "retainedRevisions must be at least 1, got " + retainedRevisions);
    }
    if (retentionWindow.map(w -> w.isNegative() || w.isZero()).orElse(false)) {
      throw new IllegalArgumentException(
          "retentionWindow must be positive, got " + retentionWindow);
    }
    if (compactionInterval.isNegative() || compactionInterval.isZero()) {
      throw new IllegalArgumentException(
          "compactionInterval must be positive, got " + compactionInterval);
    }
    if (watchQueueCapacity < 1) {
      throw new IllegalArgumentException(
          "watchQueueCapacity must be at least 1, got " + watchQueueCapacity);
    }
  }

  /** 10,000 revisions, no time window, compaction every minute, 1,000 queued events, NORMAL. */
  public static StoreConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StoreConfig}, starting from the defaults. */
  public static final class Builder {
    private long retainedRevisions = 10_000;
    private Optional<Duration> retentionWindow = Optional.empty();
    private Duration compactionInterval = Duration.ofMinutes(1);
    private int watchQueueCapacity = 1_000;
    private boolean syncEveryCommit;

    private Builder() {}

    public Builder retainedRevisions(long retainedRevisions) {
      this.retainedRevisions = retainedRevisions;
      return this;
    }

    public Builder retentionWindow(Duration retentionWindow) {
      this.retentionWindow = Optional.of(retentionWindow);
      return this;
    }

    public Builder compactionInterval(Duration compactionInterval) {
      this.compactionInterval = compactionInterval;
      return this;
    }

    public Builder watchQueueCapacity(int watchQueueCapacity) {
      this.watchQueueCapacity = watchQueueCapacity;
      return this;
    }

    public Builder syncEveryCommit(boolean syncEveryCommit) {
      this.syncEveryCommit = syncEveryCommit;
      return this;
    }

    public StoreConfig build() {
      return new StoreConfig(
          retainedRevisions,
          retentionWindow,
          compactionInterval,
          watchQueueCapacity,
          syncEveryCommit);
    }
  }
}
