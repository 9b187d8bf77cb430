package io.canarymesh.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkQueueTest {
  @Test
  void aKeyAddedTwiceWhileWaitingIsQueuedOnce() throws Exception {
    try (WorkQueue queue = new WorkQueue("test")) {
      queue.add("default/a");
      queue.add("default/b");
      queue.add("default/a");
      assertThat(queue.length()).isEqualTo(2);
      assertThat(queue.take()).contains("default/a");
      assertThat(queue.take()).contains("default/b");
    }
  }

  @Test
  void aKeyAddedWhileProcessingIsHeldBackUntilDoneThenQueuedAgain() throws Exception {
    try (WorkQueue queue = new WorkQueue("test")) {
      queue.add("k");
      String key = queue.take().orElseThrow();
      queue.add("k");
      assertThat(queue.length()).as("not handed to a second worker").isZero();
      queue.done(key);
      assertThat(queue.length()).isEqualTo(1);
      assertThat(queue.take()).contains("k");
    }
  }

  @Test
  void backoffDoublesFromFiveMillisecondsUpToThirtySeconds() {
    assertThat(WorkQueue.backoff(0)).isEqualTo(Duration.ofMillis(5));
    assertThat(WorkQueue.backoff(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(WorkQueue.backoff(3)).isEqualTo(Duration.ofMillis(40));
    assertThat(WorkQueue.backoff(13)).isEqualTo(Duration.ofSeconds(30));
    assertThat(WorkQueue.backoff(100)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rateLimitedAddsCountFailuresUntilForgotten() throws Exception {
    try (WorkQueue queue = new WorkQueue("test")) {
      queue.addRateLimited("k");
      queue.addRateLimited("k");
      assertThat(queue.failures("k")).isEqualTo(2);
      await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 1);
      queue.forget("k");
      assertThat(queue.failures("k")).isZero();
    }
  }

  @Test
  void addAfterQueuesLaterWithoutHoldingAWorker() throws Exception {
    try (WorkQueue queue = new WorkQueue("test")) {
      long start = System.nanoTime();
      queue.addAfter("k", Duration.ofMillis(200));
      assertThat(queue.length()).isZero();
      assertThat(queue.take()).contains("k");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void closeWakesWaitingWorkersWithNothing() throws Exception {
    WorkQueue queue = new WorkQueue("test");
    Thread closer = new Thread(queue::close);
    closer.start();
    assertThat(queue.take()).isEqualTo(Optional.empty());
    closer.join();
  }

  @Test
  void expectationsHoldUntilEveryCreationIsObservedOrTheyExpire() {
    long[] now = {0};
    Expectations expectations = new Expectations(() -> now[0]);
    assertThat(expectations.satisfied("rs")).isTrue();
    expectations.expect("rs", 2, 0);
    expectations.creationObserved("rs");
    assertThat(expectations.satisfied("rs")).isFalse();
    expectations.creationObserved("rs");
    assertThat(expectations.satisfied("rs")).isTrue();
    expectations.expect("rs", 0, 1);
    assertThat(expectations.satisfied("rs")).isFalse();
    now[0] = Expectations.TIMEOUT.toNanos() + 1;
    assertThat(expectations.satisfied("rs")).isTrue();
  }
}
