package io.canarymesh.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/** Synthetic nanoTimes only: the tally's arithmetic, no timing of anything real. */
class DeliveryLogTest {
  private static final long MS = 1_000_000;

  @Test
  void matchesReceiptsToSendsByResourceVersion() {
    DeliveryLog log = new DeliveryLog(3);
    log.sent("42", 1 * MS);
    log.sent("43", 10 * MS);
    log.received(0, "42", 3 * MS + MS / 2); // 2.5 ms
    log.received(0, "43", 12 * MS); // 2 ms
    log.received(1, "42", MS * 8 / 10); // before the writer's response: early, 0 ms
    log.received(1, "43", 10 * MS + 4 * MS); // 4 ms, the last delivery
    log.received(2, "43", 11 * MS); // 1 ms; 42 missing

    DeliveryLog.Deliveries deliveries = log.tally();

    assertThat(deliveries.updates()).isEqualTo(2);
    assertThat(deliveries.expected()).isEqualTo(6);
    assertThat(deliveries.delivered()).isEqualTo(5);
    assertThat(deliveries.missing()).isEqualTo(1);
    assertThat(deliveries.early()).isEqualTo(1);
    assertThat(deliveries.watchersWithEveryEvent()).isEqualTo(2);
    assertThat(deliveries.everyWatcherGotEveryEvent()).isFalse();
    assertThat(deliveries.drainMs()).isEqualTo(4.0);
    assertThat(deliveries.latency().count()).isEqualTo(5);
    // the histogram keeps two significant digits: 2.000 ms reads back as 2.007
    assertThat(deliveries.latency().p50Ms()).isCloseTo(2.0, offset(0.02));
    assertThat(deliveries.latency().maxMs()).isCloseTo(4.0, offset(0.04));
  }

  @Test
  void countsDuplicatesAndResourceVersionsNeverAcknowledged() {
    DeliveryLog log = new DeliveryLog(1);
    log.sent("7", 0);
    log.received(0, "7", MS);
    log.received(0, "7", 2 * MS);
    log.received(0, "8", 3 * MS);

    DeliveryLog.Deliveries deliveries = log.tally();

    assertThat(deliveries.delivered()).isEqualTo(1);
    assertThat(deliveries.duplicates()).isEqualTo(1);
    assertThat(deliveries.unexpected()).isEqualTo(1);
    assertThat(deliveries.watchersWithEveryEvent()).isEqualTo(1);
    assertThat(deliveries.everyWatcherGotEveryEvent()).isFalse();
  }

  @Test
  void everyWatcherWithEveryEventAndNothingElseIsAFullDelivery() {
    DeliveryLog log = new DeliveryLog(2);
    log.sent("1", 0);
    log.received(0, "1", MS);
    log.received(1, "1", MS);

    assertThat(log.tally().everyWatcherGotEveryEvent()).isTrue();
  }
}
