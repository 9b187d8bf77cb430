package io.canarymesh.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Watch fan-out: many watchers of one namespace, one writer updating one ConfigMap (its own per
 * stage) in it at a fixed pace. A warm-up update first proves every watch is live, so the timed
 * updates measure delivery, not connection set-up. Each update carries its sequence number in
 * {@code data.seq}.
 */
final class FanOutPhase {
  private static final String WARM_UP = "warm-up";
  private static final int ERROR_SAMPLES = 3;

  private final KubernetesClient writer;
  private final KubernetesClient watching;
  private final String namespace;
  private final BenchConfig config;
  private final FanOutStage stage;
  private final String name;
  private final DeliveryLog log;
  private final CountDownLatch live;
  private final CountDownLatch complete;
  private final AtomicLong closed = new AtomicLong();
  private final List<String> errorSamples = new ArrayList<>();
  private long writerErrors;

  private FanOutPhase(
      KubernetesClient writer,
      KubernetesClient watching,
      String namespace,
      BenchConfig config,
      FanOutStage stage) {
    this.writer = writer;
    this.watching = watching;
    this.namespace = namespace;
    this.config = config;
    this.stage = stage;
    this.name = "fanout-" + stage.updates() + "-at-" + stage.ratePerSecond();
    this.log = new DeliveryLog(config.watchers());
    this.live = new CountDownLatch(config.watchers());
    this.complete = new CountDownLatch(config.watchers());
  }

  /**
   * Runs {@code stage} with {@code config.watchers()} fresh watches: {@code writer} sends the
   * updates, {@code watching} carries every watch. The watches are closed when it returns.
   */
  static FanOutResult run(
      KubernetesClient writer,
      KubernetesClient watching,
      String namespace,
      BenchConfig config,
      FanOutStage stage)
      throws InterruptedException {
    return new FanOutPhase(writer, watching, namespace, config, stage).run();
  }

  private FanOutResult run() throws InterruptedException {
    ConfigMap object = writer.configMaps().inNamespace(namespace).resource(seq("initial")).create();
    List<Watch> watches = openWatches(object.getMetadata().getResourceVersion());
    try {
      object = update(object, WARM_UP);
      live.await(config.fanOutLimit().toMillis(), TimeUnit.MILLISECONDS);
      int watchersLive = config.watchers() - (int) live.getCount();
      Histogram writerMicros = LatencySummary.newMicrosHistogram();
      double seconds = writePaced(object, writerMicros);
      complete.await(config.fanOutLimit().toMillis(), TimeUnit.MILLISECONDS);
      return new FanOutResult(
          config.watchers(),
          watchersLive,
          closed.get(),
          stage.updates(),
          writerErrors,
          List.copyOf(errorSamples),
          stage.ratePerSecond(),
          writerMicros.getTotalCount() / seconds,
          LatencySummary.ofMicros(writerMicros),
          log.tally());
    } finally {
      watches.forEach(Watch::close);
    }
  }

  /** Watches from {@code resourceVersion}, so no watch misses an update whenever it connects. */
  private List<Watch> openWatches(String resourceVersion) {
    List<Watch> watches = new ArrayList<>();
    for (int w = 0; w < config.watchers(); w++) {
      watches.add(
          watching
              .configMaps()
              .inNamespace(namespace)
              .withResourceVersion(resourceVersion)
              .watch(new Receiver(w)));
    }
    return watches;
  }

  /**
   * Sends update {@code i} no earlier than {@code i / rate} seconds after the first (never early,
   * late when the previous update took longer than the period); stops at the time limit.
   *
   * @return seconds spent writing
   */
  private double writePaced(ConfigMap object, Histogram writerMicros) {
    long period = TimeUnit.SECONDS.toNanos(1) / stage.ratePerSecond();
    long start = System.nanoTime();
    long deadline = start + config.fanOutLimit().toNanos();
    ConfigMap current = object;
    for (int i = 0; i < stage.updates() && System.nanoTime() < deadline; i++) {
      parkUntil(start + i * period);
      long sent = System.nanoTime();
      try {
        current = update(current, String.valueOf(i));
        long acknowledged = System.nanoTime();
        log.sent(current.getMetadata().getResourceVersion(), acknowledged);
        writerMicros.recordValue((acknowledged - sent) / 1_000);
      } catch (RuntimeException e) {
        recordError(e);
        current = writer.configMaps().inNamespace(namespace).withName(name).get();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private ConfigMap update(ConfigMap current, String seq) {
    ConfigMap next = new ConfigMapBuilder(current).addToData("seq", seq).build();
    return writer.configMaps().inNamespace(namespace).resource(next).update();
  }

  private ConfigMap seq(String seq) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .addToData("seq", seq)
        .build();
  }

  private void recordError(RuntimeException e) {
    if (++writerErrors <= ERROR_SAMPLES) {
      errorSamples.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void parkUntil(long nanoTime) {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** One watcher: notes the warm-up, records every timed update, counts down when it has all. */
  private final class Receiver implements Watcher<ConfigMap> {
    private final int watcher;
    private int timed; // fabric8 calls one watcher's eventReceived serially

    Receiver(int watcher) {
      this.watcher = watcher;
    }

    @Override
    public void eventReceived(Action action, ConfigMap object) {
      long at = System.nanoTime();
      if (action != Action.MODIFIED) {
        return;
      }
      String seq = object.getData().get("seq");
      if (WARM_UP.equals(seq)) {
        live.countDown();
        return;
      }
      log.received(watcher, object.getMetadata().getResourceVersion(), at);
      if (++timed == stage.updates()) {
        complete.countDown();
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      closed.incrementAndGet();
    }
  }
}
