package io.canarymesh.cli.platform;

import io.canarymesh.cli.demo.HttpProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded client loop: {@code connections} threads each send one request after another (a new
 * connection each, as curl does) until stopped or until {@code limit} has passed, and count what
 * came back.
 */
final class LoadLoop implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger v3 = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  LoadLoop(InetSocketAddress address, String host, int connections, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    for (int i = 0; i < connections; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .start(
                  () -> {
                    while (running.get() && System.nanoTime() < deadline) {
                      HttpProbe.Response response = HttpProbe.get(address, host, "/test/test");
                      if (response.ok()) {
                        ok.incrementAndGet();
                        if (response.body().contains("V3|")) {
                          v3.incrementAndGet();
                        }
                      } else {
                        failures.add(response.status() + " " + response.body().strip());
                      }
                    }
                  }));
    }
  }

  int succeeded() {
    return ok.get();
  }

  int v3() {
    return v3.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops the loop and waits for every thread. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30));
    }
  }
}
